import {createServer} from 'node:http'
import type {IncomingMessage, Server, ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import {performance} from 'node:perf_hooks'
import {createCompressionCache} from './compress.ts'
import {describeHealth} from './health.ts'
import {sendJson} from './headers.ts'
import type {Logger} from './log.ts'
import {silentLogger} from './log.ts'
import {createReleaseStore} from './release.ts'
import {parseRequestPath} from './request-path.ts'
import type {ExportScheduler} from './scheduler.ts'
import type {StaticContext} from './static-file.ts'
import {locate, requestPathname, sendFile} from './static-file.ts'
import {readBody, verifyWebhook} from './webhook.ts'

/**
 * The HTTP server: `OUT/current` read-only, `/healthz`, and `POST /hooks/sanity` feeding the export scheduler.
 * Exports never run on the request path; a request only resolves the live release and reads files from it.
 */

export interface ServeOptions {
  outDir: string
  scheduler: ExportScheduler
  /** Verifies webhook deliveries; without it `/hooks/sanity` answers 404. */
  webhookSecret?: string | null
  /** Largest webhook body accepted. @defaultValue 1 MiB */
  maxBodyBytes?: number
  /** Accepted clock difference for webhook signatures. @defaultValue 5 minutes */
  toleranceMs?: number
  /**
   * Webhook bodies read at once. When all are taken, the read that has waited longest gives way (503 with
   * Retry-After, connection closed) to the new delivery: a prompt delivery is never refused because slow ones
   * hold every slot. @defaultValue 32
   */
  maxConcurrentHooks?: number
  /** Webhook bodies read at once from one client address; beyond that its oldest read gives way. @defaultValue 4 */
  maxHooksPerClient?: number
  /** The whole webhook body must arrive within this time (Sanity sends it at once), else 408. @defaultValue 10000 */
  bodyTimeoutMs?: number
  /** Whether a Content Lake listener feeds the scheduler too (reported by /healthz). */
  listening?: boolean
  log?: Logger
  now?: () => number
}

export interface ShutdownOptions {
  /** How long a running export may take to finish before it is stopped. @defaultValue 20000 */
  exportTimeoutMs?: number
  /** How long in-flight requests may take before their connections are closed. @defaultValue 10000 */
  requestTimeoutMs?: number
}

export interface RunningServer {
  server: Server
  url: string
  port: number
  /** Stops accepting, finishes in-flight requests, waits for a running export (bounded), then resolves. */
  close(options?: ShutdownOptions): Promise<void>
}

export const HOOK_PATH = '/hooks/sanity'

export function createServeHandler(options: ServeOptions): {
  handle: (req: IncomingMessage, res: ServerResponse) => void
  beginShutdown: () => void
} {
  const {
    outDir,
    scheduler,
    webhookSecret,
    maxBodyBytes = 1024 * 1024,
    toleranceMs,
    maxConcurrentHooks = 32,
    now,
  } = options
  const {maxHooksPerClient = 4, bodyTimeoutMs = 10_000} = options
  const log = options.log ?? silentLogger
  const store = createReleaseStore(outDir)
  const context: StaticContext = {compression: createCompressionCache(), hashes: new Map()}
  /** Webhook bodies being read, oldest first. */
  const readers = new Set<{client: string; controller: AbortController}>()
  let stopping = false

  /** A slot to read one body in, taken from the oldest read of this client, or of anyone, when none is free. */
  function admitReader(client: string): {release: () => void; signal: AbortSignal} {
    let victim: {client: string; controller: AbortController} | undefined
    let fromClient = 0
    for (const reader of readers) {
      if (reader.client !== client) continue
      victim ??= reader
      fromClient += 1
    }
    if (fromClient < maxHooksPerClient) {
      victim = readers.size >= maxConcurrentHooks ? readers.values().next().value : undefined
    }
    if (victim) {
      readers.delete(victim)
      victim.controller.abort()
    }
    const reader = {client, controller: new AbortController()}
    readers.add(reader)
    return {release: () => readers.delete(reader), signal: reader.controller.signal}
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = requestPathname(req)
    const method = req.method ?? 'GET'
    const head = method === 'HEAD'
    if (stopping) res.setHeader('Connection', 'close')

    if (pathname === HOOK_PATH) return hook(req, res)

    if (method !== 'GET' && method !== 'HEAD') {
      return sendJson(
        res,
        405,
        {error: `Method ${method} is not allowed here`, path: pathname},
        {headers: {Allow: 'GET, HEAD'}},
      )
    }
    if (pathname === '/healthz') {
      const health = describeHealth(await store.current(), scheduler.status(), {
        webhook: Boolean(webhookSecret),
        listener: Boolean(options.listening),
      })
      return sendJson(res, health.status === 'ok' ? 200 : 503, health, {head})
    }
    const parsed = parseRequestPath(req.url)
    if (!parsed.ok) return sendJson(res, 400, {error: `Bad path: ${parsed.reason}`, path: pathname}, {head})
    // Resolved once: everything this request reads comes from this release, even if `current` switches meanwhile.
    const release = await store.current()
    if (!release)
      return sendJson(
        res,
        503,
        {error: 'No release has been exported yet', path: pathname},
        {head, headers: {'Retry-After': '5'}},
      )
    const found = await locate(release, parsed.segments, parsed.trailingSlash, parsed.pathname)
    if (found.kind === 'missing') return sendJson(res, 404, {error: 'Not found', path: pathname}, {head})
    if (found.kind === 'redirect') {
      res.setHeader('Location', found.location)
      return sendJson(res, 308, {status: 'moved', path: pathname, location: found.location}, {head})
    }
    return sendFile(req, res, release, found, context)
  }

  async function hook(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = HOOK_PATH
    if (req.method !== 'POST')
      return sendJson(res, 405, {error: `Method ${req.method} is not allowed here`, path}, {headers: {Allow: 'POST'}})
    if (!webhookSecret)
      return sendJson(res, 404, {
        error: 'Webhooks are not enabled on this server (SANITY_WEBHOOK_SECRET is not set)',
        path,
      })
    if (stopping)
      return sendJson(res, 503, {error: 'The server is shutting down', path}, {headers: {'Retry-After': '10'}})
    // No signature header: refused before a byte of the body is read or a slot is taken.
    const signature = req.headers['sanity-webhook-signature']
    if (typeof signature !== 'string' || signature === '') {
      res.setHeader('Connection', 'close')
      log('webhook', {result: 'refused', status: 401, reason: 'no signature header'})
      return sendJson(res, 401, {error: 'Missing sanity-webhook-signature header', path})
    }
    const slot = admitReader(req.socket.remoteAddress ?? '')
    try {
      const body = await readBody(req, maxBodyBytes, {timeoutMs: bodyTimeoutMs, signal: slot.signal})
      slot.release()
      if (!body.ok) {
        if (body.reason === 'aborted') return
        // The rest of the body is not read: close the connection rather than drain up to an attacker's limit.
        res.setHeader('Connection', 'close')
        log('webhook', {result: 'refused', reason: body.reason})
        if (body.reason === 'timeout') {
          return sendJson(res, 408, {error: `Webhook body did not arrive within ${bodyTimeoutMs} ms`, path})
        }
        if (body.reason === 'evicted') {
          const headers = {'Retry-After': '1'}
          return sendJson(res, 503, {error: 'Too many webhook deliveries at once', path}, {headers})
        }
        return sendJson(res, 413, {error: `Webhook body is larger than ${maxBodyBytes} bytes`, path})
      }
      const verdict = await verifyWebhook(body.body, signature, {secret: webhookSecret, toleranceMs, now})
      if (!verdict.ok) {
        log('webhook', {result: 'refused', status: verdict.status, reason: verdict.error})
        return sendJson(res, verdict.status, {error: verdict.error, path})
      }
      const documentId =
        isRecord(verdict.payload) && typeof verdict.payload._id === 'string' ? verdict.payload._id : null
      const answer = scheduler.trigger(documentId ? `webhook:${documentId}` : 'webhook')
      if (answer === 'rejected')
        return sendJson(res, 503, {error: 'The server is shutting down', path}, {headers: {'Retry-After': '10'}})
      return sendJson(res, 202, {status: 'accepted', export: answer, documentId})
    } finally {
      slot.release()
    }
  }

  return {
    handle(req, res) {
      const started = performance.now()
      res.on('close', () => {
        const bytes = req.method === 'HEAD' || res.statusCode === 304 ? 0 : Number(res.getHeader('content-length') ?? 0)
        log('request', {
          method: req.method,
          path: requestPathname(req).slice(0, 512),
          status: res.statusCode,
          bytes,
          ms: Math.round((performance.now() - started) * 10) / 10,
          ...(res.writableFinished ? {} : {aborted: true}),
        })
      })
      route(req, res).catch((error: unknown) => {
        log('error', {
          path: requestPathname(req).slice(0, 512),
          message: error instanceof Error ? error.message : String(error),
        })
        if (!res.headersSent) sendJson(res, 500, {error: 'Internal server error', path: requestPathname(req)})
        else res.destroy()
      })
    },
    beginShutdown() {
      stopping = true
    },
  }
}

export async function startServer(options: ServeOptions & {host?: string; port?: number}): Promise<RunningServer> {
  const {host = '127.0.0.1', port = 0} = options
  const log = options.log ?? silentLogger
  const {handle, beginShutdown} = createServeHandler(options)
  const server = createServer(handle)
  // Requests Node's parser refuses (no leading slash, spaces, oversized headers) get the same JSON errors.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy()
      return
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
    const reason =
      status === 431 ? 'Request headers are too large' : status === 408 ? 'Request timed out' : 'Malformed request'
    const body = `${JSON.stringify({error: reason, path: null})}\n`
    log('request', {
      method: null,
      path: null,
      status,
      bytes: Buffer.byteLength(body),
      ms: 0,
      reason: error.code ?? 'parse error',
    })
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nX-Content-Type-Options: nosniff\r\n` +
        `Cache-Control: no-store\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    )
  })
  // Slow clients may not hold a connection open indefinitely.
  server.headersTimeout = 10_000
  server.requestTimeout = 30_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address() as AddressInfo
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  let closing: Promise<void> | null = null
  return {
    server,
    url,
    port: address.port,
    close(shutdown = {}) {
      closing ??= (async () => {
        const {exportTimeoutMs = 20_000, requestTimeoutMs = 10_000} = shutdown
        beginShutdown()
        log('shutdown', {phase: 'begin'})
        const closed = new Promise<void>((resolve) => server.close(() => resolve()))
        // Keep-alive connections become idle once their in-flight response is sent; close them as they do.
        server.closeIdleConnections()
        const sweep = setInterval(() => server.closeIdleConnections(), 100)
        const force = setTimeout(() => server.closeAllConnections(), requestTimeoutMs)
        const [exportState] = await Promise.all([options.scheduler.shutdown(exportTimeoutMs), closed])
        clearInterval(sweep)
        clearTimeout(force)
        log('shutdown', {phase: 'done', export: exportState})
      })()
      return closing
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
