import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import {readFile, stat} from 'node:fs/promises'
import {createSecureServer, type Http2ServerRequest, type Http2ServerResponse} from 'node:http2'
import type {IncomingMessage} from 'node:http'
import type {AddressInfo, Socket} from 'node:net'
import {extname, join, normalize} from 'node:path'
import {fileURLToPath} from 'node:url'
import {
  type LakeDocument,
  matchesListenQuery,
  parsePerspective,
  type Perspective,
  perspectiveView,
  runQuery,
} from './groq.ts'
import {LakeError, LakeStore, newId, type Transaction} from './store.ts'
import {importedImages, imageAssetDocument} from './images.ts'

/**
 * A stand-in for the Sanity HTTP API, for the built Studio in Chromium: HTTP/2 over TLS (a Studio opens more
 * listeners than HTTP/1.1's six connections per host allow), on 127.0.0.1 only. Chromium reaches it through
 * `chromiumArgs` (host-resolver rules for the Sanity hosts); the same server serves the built Studio itself at
 * `studioUrl`. Everything a Studio writes is recorded in `store.transactions`.
 */

export interface StandinUser {
  id: string
  name: string
  email: string
}

export interface ContentLakeStandinOptions {
  documents: Iterable<LakeDocument>
  /** Who is signed in; null for nobody. */
  user: StandinUser | null
  /** The built Studio (`studio/dist`) to serve at `studioUrl`. */
  studioDir?: string
  projectId?: string
  /** 0 (default) picks a free port. */
  port?: number
  /** The time that stamps `_updatedAt` and transactions (default: the real time). */
  now?: () => Date
  /** Called with every request the stand-in has no answer for (method and path). */
  onUnhandled?: (request: string) => void
  /**
   * The export file the documents come from: figures' `_sanityAsset` become asset references and asset
   * documents, as `sanity dataset import` makes them, and the CDN serves the files of its `images/` folder.
   */
  datasetFile?: string
}

export interface ContentLakeStandin {
  port: number
  /** Where the built Studio is served. */
  studioUrl: string
  /** What Chromium needs to reach the stand-in instead of the Sanity hosts (also pass `ignoreHTTPSErrors`). */
  chromiumArgs: string[]
  store: LakeStore
  /** Signs someone else in (the Studio reads the user when it loads: reload the page). */
  setUser(user: StandinUser | null): void
  close(): Promise<void>
}

const CERTIFICATE_DIR = fileURLToPath(new URL('../../fixtures/studio-browser/', import.meta.url))
const SANITY_HOSTS = [
  'api.sanity.io',
  '*.api.sanity.io',
  'sanity-cdn.com',
  '*.sanity-cdn.com',
  'design-system-static.sanity.io',
  'cdn.sanity.io',
]
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

export async function startContentLakeStandin(options: ContentLakeStandinOptions): Promise<ContentLakeStandin> {
  const projectId = options.projectId ?? 'vetted00'
  const images = await importedImages(options.documents, options.datasetFile, projectId)
  const store = new LakeStore(images.documents, options.now)
  let user = options.user
  const sockets = new Set<Socket>()
  const openStreams = new Set<Http2ServerResponse>()

  const server = createSecureServer(
    {
      key: readFileSync(join(CERTIFICATE_DIR, 'standin-key.pem')),
      cert: readFileSync(join(CERTIFICATE_DIR, 'standin-cert.pem')),
      allowHTTP1: true,
    },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        const status = error instanceof LakeError ? error.status : 500
        const description = error instanceof Error ? error.message : String(error)
        const body = {error: {description, type: 'mutationError'}, message: description}
        if (!response.headersSent) json(request, response, status, body)
        else response.end()
      })
    },
  )
  // The presence WebSocket (`socket/<dataset>`): accepted, then left silent (no other users are ever present).
  server.on('upgrade', (request: IncomingMessage, socket: Socket) => {
    const key = request.headers['sec-websocket-key']
    if (typeof key !== 'string') return void socket.destroy()
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64')
    const headers = [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${accept}`,
    ]
    socket.write(`${headers.join('\r\n')}\r\n\r\n`)
    socket.on('data', () => undefined)
    socket.on('error', () => undefined)
  })
  server.on('connection', (socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  async function handle(request: Http2ServerRequest, response: Http2ServerResponse): Promise<void> {
    const host = (request.authority || request.headers.host || '').replace(/:\d+$/, '')
    const url = new URL(request.url, 'https://stand-in')
    if (host === '127.0.0.1' || host === 'localhost') return serveStudio(url.pathname, response)
    if (host === 'cdn.sanity.io') {
      // The asset CDN: the original file whatever transformation is asked for (the Studio's previews).
      const file = /^\/images\/[^/]+\/[^/]+\/([0-9a-f]{40}-\d+x\d+\.[a-z0-9]+)$/.exec(url.pathname)?.[1]
      const bytes = file ? images.files.get(file) : undefined
      if (!bytes) return void response.writeHead(404, corsHeaders(request)).end()
      const type = CONTENT_TYPES[extname(file as string)] ?? 'application/octet-stream'
      response.writeHead(200, {...corsHeaders(request), 'content-type': type})
      return void response.end(bytes)
    }
    if (!host.endsWith('api.sanity.io')) {
      // CDN hosts (the Studio's update check, the Presentation bridge, web fonts): nothing to load.
      const script = url.pathname.endsWith('.js')
      response.writeHead(script ? 200 : 404, {...corsHeaders(request), 'content-type': 'text/javascript'})
      return void response.end()
    }
    if (request.method === 'OPTIONS') return void response.writeHead(204, corsHeaders(request)).end()
    const match = /^\/(v\d{4}-\d{2}-\d{2}|v\d+|vX)\/(.*)$/.exec(url.pathname)
    const version = match?.[1] ?? 'v1'
    const path = match?.[2] ?? url.pathname.slice(1)
    const route = path.split('/')
    if (route[0] === 'assets' && route[1] === 'images' && request.method === 'POST') {
      // An upload from the Studio's image input: the asset document the Content Lake would make, sha1-named.
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const bytes = Buffer.concat(chunks)
      const asset = await imageAssetDocument(bytes, projectId, route[2] ?? 'production')
      if (!asset) return json(request, response, 400, {error: 'Bad Request', message: 'Not an image'})
      images.files.set(asset.originalFilename, bytes)
      if (!store.documents.has(asset._id)) store.mutate([{createIfNotExists: asset}], user?.id ?? '')
      return json(request, response, 200, {document: store.documents.get(asset._id)})
    }
    const body = ['POST', 'PUT', 'PATCH'].includes(request.method) ? await readBody(request) : null

    if (path === 'users/me') return json(request, response, 200, user ? currentUser(user) : {})
    if (path.startsWith('users/me/keyvalue')) {
      if (body) return json(request, response, 200, body)
      return json(
        request,
        response,
        200,
        (route[3] ?? '').split(',').map((key) => ({key, value: null})),
      )
    }
    if (route[0] === 'users' && route[1]) {
      const ids = route[1].split(',')
      return json(request, response, 200, user && ids.includes(user.id) ? [publicUser(user)] : [])
    }
    if (route[0] === 'projects' && route[1] === projectId) return answerProject(request, response, route.slice(2))
    if (route[0] === 'data' && route[2]) return answerData(request, response, route, url, version, body)
    if (path === 'features' || path === 'help' || ['journey', 'intake', 'schedules'].includes(route[0] ?? '')) {
      return json(request, response, 200, route[0] === 'journey' || route[0] === 'schedules' ? {} : [])
    }
    if (path === 'ping') return json(request, response, 200, {message: 'PONG'})
    options.onUnhandled?.(`${request.method} ${host}${url.pathname}`)
    return json(request, response, 404, {error: 'Not found', message: `The stand-in does not answer ${url.pathname}`})
  }

  function answerProject(request: Http2ServerRequest, response: Http2ServerResponse, rest: string[]): void {
    const [what, dataset, sub] = rest
    if (what === undefined) return json(request, response, 200, project(projectId, user))
    if (what === 'datasets' && dataset && sub === 'acl') {
      const permissions = ['history', 'read', 'update', 'create', 'manage']
      return json(request, response, 200, [{filter: '_id in path("**")', permissions}])
    }
    if (what === 'datasets') return json(request, response, 200, [{name: 'production', aclMode: 'public'}])
    if (what === 'grants') return json(request, response, 200, {})
    if (what === 'features') return json(request, response, 200, [])
    return json(request, response, 200, [])
  }

  async function answerData(
    request: Http2ServerRequest,
    response: Http2ServerResponse,
    route: string[],
    url: URL,
    version: string,
    body: unknown,
  ): Promise<void> {
    const [, endpoint] = route
    const identity = user?.id ?? ''
    const record = (body ?? {}) as Record<string, unknown>
    if (endpoint === 'query') {
      const query = typeof record.query === 'string' ? record.query : (url.searchParams.get('query') ?? '')
      const params = {...paramsOf(url), ...((record.params as Record<string, unknown> | undefined) ?? {})}
      const fallback: Perspective = version === 'vX' || version >= 'v2025-02-19' ? 'published' : 'raw'
      const requested = url.searchParams.get('perspective')
      const perspective = parsePerspective(requested, version.startsWith('v2') ? fallback : 'raw')
      const result = await runQuery(perspectiveView(store.documents.values(), perspective), query, params, identity)
      return json(request, response, 200, {query, result, ms: 1})
    }
    if (endpoint === 'doc') {
      const ids = (route[3] ?? '').split(',').filter(Boolean)
      const documents = ids.map((id) => store.documents.get(id)).filter((document) => document !== undefined)
      const omitted = ids.filter((id) => !store.documents.has(id)).map((id) => ({id, reason: 'existence'}))
      return json(request, response, 200, {documents, omitted})
    }
    if (endpoint === 'mutate') {
      const mutations = (record.mutations ?? []) as Array<Record<string, Record<string, unknown>>>
      const given = url.searchParams.get('transactionId') ?? record.transactionId
      const transactionId = typeof given === 'string' ? given : newId()
      const transaction = store.mutate(mutations, identity, transactionId)
      const results = transaction.changes.map((change) => ({
        id: change.id,
        operation: change.after === null ? 'delete' : change.before === null ? 'create' : 'update',
        ...(url.searchParams.get('returnDocuments') === 'true' && change.after ? {document: change.after} : {}),
      }))
      const documentIds = results.map((result) => result.id)
      return json(request, response, 200, {transactionId: transaction.transactionId, results, documentIds})
    }
    if (endpoint === 'actions') {
      const actions = (record.actions ?? []) as Array<Record<string, unknown>>
      const transactionId = typeof record.transactionId === 'string' ? record.transactionId : newId()
      const transaction = store.act(actions, identity, transactionId)
      return json(request, response, 200, {transactionId: transaction.transactionId})
    }
    if (endpoint === 'listen') return listen(request, response, url)
    if (endpoint === 'history') return answerHistory(request, response, route.slice(3))
    options.onUnhandled?.(`${request.method} ${url.pathname}`)
    return json(request, response, 404, {error: 'Not found'})
  }

  /** No history is kept: no events, no transactions (an NDJSON stream), no earlier revisions. */
  function answerHistory(request: Http2ServerRequest, response: Http2ServerResponse, rest: string[]): void {
    if (rest[0] === 'events') {
      const ids = (rest[2] ?? '').split(',')
      return json(request, response, 200, {events: Object.fromEntries(ids.map((id) => [id, []])), nextCursor: ''})
    }
    if (rest[0] === 'transactions') {
      response.writeHead(200, {...corsHeaders(request), 'content-type': 'application/x-ndjson'})
      return void response.end()
    }
    return json(request, response, 200, {documents: []})
  }

  function listen(request: Http2ServerRequest, response: Http2ServerResponse, url: URL): void {
    const query = url.searchParams.get('query') ?? '*'
    const params = paramsOf(url)
    const includeResult = url.searchParams.get('includeResult') !== 'false'
    const identity = user?.id ?? ''
    response.writeHead(200, {...corsHeaders(request), 'content-type': 'text/event-stream', 'cache-control': 'no-cache'})
    response.write(`event: welcome\ndata: ${JSON.stringify({listenerName: `standin-${newId()}`})}\n\n`)
    openStreams.add(response)
    // Events go out in transaction order, even though matching is asynchronous.
    let queue: Promise<void> = Promise.resolve()
    const unsubscribe = store.subscribe((transaction) => {
      queue = queue
        .then(() => sendTransaction(response, transaction, query, params, identity, includeResult))
        .catch(() => undefined)
    })
    const stop = () => {
      unsubscribe()
      openStreams.delete(response)
    }
    request.on('close', stop)
    response.on('close', stop)
  }

  async function sendTransaction(
    response: Http2ServerResponse,
    transaction: Transaction,
    query: string,
    params: Record<string, unknown>,
    identity: string,
    includeResult: boolean,
  ): Promise<void> {
    const total = transaction.changes.length
    for (const [index, change] of transaction.changes.entries()) {
      const matches =
        (await matchesListenQuery(change.after, query, params, identity)) ||
        (await matchesListenQuery(change.before, query, params, identity))
      if (!matches || response.writableEnded) continue
      const event = {
        type: 'mutation',
        eventId: `${transaction.transactionId}#${change.id}`,
        documentId: change.id,
        transactionId: transaction.transactionId,
        transition: change.before === null ? 'appear' : change.after === null ? 'disappear' : 'update',
        identity: transaction.identity,
        mutations: mutationsOf(change),
        previousRev: change.before?._rev,
        resultRev: change.after?._rev ?? transaction.transactionId,
        timestamp: transaction.timestamp,
        visibility: 'query',
        effects: {apply: [0, change.after], revert: [0, change.before]},
        transactionTotalEvents: total,
        transactionCurrentEvent: index + 1,
        ...(includeResult && change.after ? {result: change.after} : {}),
      }
      response.write(`event: mutation\nid: ${event.eventId}\ndata: ${JSON.stringify(event)}\n\n`)
    }
  }

  async function serveStudio(pathname: string, response: Http2ServerResponse): Promise<void> {
    if (!options.studioDir) return void response.writeHead(404).end('No Studio build to serve')
    const root = normalize(options.studioDir)
    let file = normalize(join(root, decodeURIComponent(pathname)))
    if (!file.startsWith(root)) return void response.writeHead(403).end()
    const found = await stat(file).then(
      (stats) => stats.isFile(),
      () => false,
    )
    if (!found) file = join(root, 'index.html') // the Studio routes every other path itself
    response.writeHead(200, {'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'})
    response.end(await readFile(file))
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const rules = SANITY_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', ')
  return {
    port,
    studioUrl: `https://127.0.0.1:${port}/`,
    chromiumArgs: [`--host-resolver-rules=${rules}`],
    store,
    setUser: (next) => {
      user = next
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of openStreams) stream.end()
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}

function corsHeaders(request: Http2ServerRequest): Record<string, string> {
  const origin = request.headers.origin
  return {
    'access-control-allow-origin': typeof origin === 'string' ? origin : '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-allow-headers': String(request.headers['access-control-request-headers'] ?? 'content-type'),
    'access-control-max-age': '600',
  }
}

function json(request: Http2ServerRequest, response: Http2ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {...corsHeaders(request), 'content-type': 'application/json'})
  response.end(JSON.stringify(body))
}

async function readBody(request: Http2ServerRequest): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? {} : (JSON.parse(text) as unknown)
}

/** GROQ parameters from the query string: `$name=<JSON>`. */
function paramsOf(url: URL): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [key, value] of url.searchParams) {
    if (key.startsWith('$')) params[key.slice(1)] = JSON.parse(value) as unknown
  }
  return params
}

function mutationsOf(change: {id: string; after: LakeDocument | null}): unknown[] {
  return change.after ? [{createOrReplace: change.after}] : [{delete: {id: change.id}}]
}

const ADMINISTRATOR = [{name: 'administrator', title: 'Administrator'}]
const ADMINISTRATOR_ROLE = {role: 'administrator', roles: ADMINISTRATOR}

function currentUser(user: StandinUser) {
  return {...publicUser(user), email: user.email, role: 'administrator', roles: ADMINISTRATOR, provider: 'sanity'}
}

function publicUser(user: StandinUser) {
  return {
    id: user.id,
    displayName: user.name,
    name: user.name,
    familyName: null,
    givenName: null,
    middleName: null,
    imageUrl: null,
    profileImage: null,
    sanityUserId: user.id,
  }
}

function project(projectId: string, user: StandinUser | null) {
  const at = '2026-01-01T00:00:00Z'
  return {
    id: projectId,
    displayName: 'vetted',
    studioHost: null,
    isBlocked: false,
    isDisabled: false,
    isDisabledByUser: false,
    metadata: {},
    organizationId: null,
    pendingInvites: 0,
    features: [],
    createdAt: at,
    updatedAt: at,
    members: user
      ? [{id: user.id, createdAt: at, updatedAt: at, isCurrentUser: true, isRobot: false, ...ADMINISTRATOR_ROLE}]
      : [],
  }
}
