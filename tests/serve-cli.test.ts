import {spawn} from 'node:child_process'
import type {ChildProcessWithoutNullStreams} from 'node:child_process'
import {createServer, request} from 'node:http'
import type {AddressInfo} from 'node:net'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {
  articleFiles,
  ARTICLE_SLUG,
  json,
  send,
  signedDelivery,
  switchCurrent,
  tempOut,
  WEBHOOK_SECRET,
  writeRelease,
} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

const BIN = fileURLToPath(new URL('../bin/vetted.js', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))

interface CliServer {
  child: ChildProcessWithoutNullStreams
  url: string
  lines: Array<Record<string, unknown>>
  raw: () => string
  exited: Promise<number | null>
}

/** Starts `vetted serve` as a real process and waits for its "listening" log line. */
async function startCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliServer> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], {
    cwd: ROOT,
    env: {...process.env, ...env},
  })
  const lines: Array<Record<string, unknown>> = []
  let stdout = ''
  let stderr = ''
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8')
      const complete = stdout.split('\n')
      stdout = complete.pop() ?? ''
      for (const line of complete) {
        const parsed = JSON.parse(line) as Record<string, unknown>
        lines.push(parsed)
        if (parsed.event === 'listening' && typeof parsed.url === 'string') resolve(parsed.url)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  return {child, url, lines, exited, raw: () => lines.map((line) => JSON.stringify(line)).join('\n') + stderr}
}

function runCli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{code: number | null; stderr: string}> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {cwd: ROOT, env: {...process.env, ...env}})
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
    child.on('close', (code) => resolve({code, stderr}))
  })
}

describe('npx vetted serve', () => {
  let server: CliServer | null = null
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    server = null
  })

  it('serves the release and logs one JSON line per request, never the secret', async () => {
    const out = tempOut()
    writeRelease(out, 'r1', articleFiles())
    switchCurrent(out, 'r1')
    server = await startCli(['--out', out], {SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET})
    const page = await send(server.url, `/articles/${ARTICLE_SLUG}/article.json`)
    expect(page.status).toBe(200)
    const unsigned = await send(server.url, '/hooks/sanity', {method: 'POST', body: '{}'})
    expect(unsigned.status).toBe(401)
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    const requests = server.lines.filter((line) => line.event === 'request')
    expect(requests.map((line) => [line.method, line.path, line.status])).toEqual([
      ['GET', `/articles/${ARTICLE_SLUG}/article.json`, 200],
      ['POST', '/hooks/sanity', 401],
    ])
    for (const line of requests)
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['method', 'path', 'status', 'bytes', 'ms']))
    expect(server.lines[0]).toMatchObject({event: 'listening', webhook: true, listener: false})
    expect(server.raw()).not.toContain(WEBHOOK_SECRET)
  })

  it('on SIGTERM stops accepting, finishes the requests in flight and exits 0', async () => {
    const out = tempOut()
    writeRelease(out, 'r1', articleFiles())
    switchCurrent(out, 'r1')
    server = await startCli(['--out', out], {SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET})
    const delivery = await signedDelivery(JSON.stringify({_id: 'article-infant-mental-health'}))
    const target = new URL(server.url)
    // A delivery whose body is still arriving when the signal comes.
    let finish: () => void = () => {}
    const inFlight = new Promise<{status: number; retryAfter: string | undefined}>((resolve, reject) => {
      const req = request(
        {
          host: target.hostname,
          port: target.port,
          path: '/hooks/sanity',
          method: 'POST',
          headers: {...delivery.headers, 'content-length': String(Buffer.byteLength(delivery.body))},
        },
        (res) => {
          res.resume()
          resolve({status: res.statusCode ?? 0, retryAfter: res.headers['retry-after']})
        },
      )
      req.on('error', reject)
      req.write(delivery.body.slice(0, 5))
      finish = () => req.end(delivery.body.slice(5))
    })
    await new Promise((resolve) => setTimeout(resolve, 100))
    server.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 200))
    // No new connections once shutdown has begun.
    await expect(send(server.url, '/healthz')).rejects.toThrow()
    finish()
    // Answered, not cut off: a change that arrives while stopping is refused with Retry-After so Sanity redelivers.
    expect(await inFlight).toEqual({status: 503, retryAfter: '10'})
    expect(await server.exited).toBe(0)
    expect(server.lines.map((line) => line.event)).toEqual(expect.arrayContaining(['signal', 'shutdown']))
  })

  it('with --listen follows the Content Lake: a connection triggers an export, whose failure is reported', async () => {
    const token = 'sk-cli-listen-token-9a8b7c'
    const seen: string[] = []
    const lake = createServer((req, res) => {
      seen.push(
        `${req.method} ${(req.url ?? '').split('?')[0]} ${req.headers.authorization === `Bearer ${token}` ? 'with token' : 'without token'}`,
      )
      if ((req.url ?? '').includes('/data/listen/')) {
        res.writeHead(200, {'content-type': 'text/event-stream'})
        res.write('event: welcome\ndata: {"listenerName":"cli"}\n\n')
        return
      }
      // Every query of the export is refused: the export fails without retrying and the server must say so.
      res.writeHead(401, {'content-type': 'application/json'})
      res.end(JSON.stringify({error: 'Unauthorized', message: 'Session not found'}))
    })
    await new Promise<void>((resolve) => lake.listen(0, '127.0.0.1', resolve))
    try {
      const out = tempOut()
      writeRelease(out, 'r1', articleFiles())
      switchCurrent(out, 'r1')
      const apiHost = `http://127.0.0.1:${(lake.address() as AddressInfo).port}`
      server = await startCli(['--out', out, '--listen', '--debounce-ms', '50', '--max-wait-ms', '100'], {
        SANITY_PROJECT_ID: 'abc123',
        SANITY_DATASET: 'production',
        SANITY_API_TOKEN: token,
        SANITY_API_HOST: apiHost,
      })
      const running = server
      const exportLine = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const deadline = setTimeout(() => reject(new Error('no export line')), 90_000)
        const poll = setInterval(() => {
          const line = running.lines.find((candidate) => candidate.event === 'export')
          if (line) {
            clearInterval(poll)
            clearTimeout(deadline)
            resolve(line)
          }
        }, 100)
      })
      expect(exportLine).toMatchObject({result: 'failed', exitCode: 2, release: 'r1', switched: false})
      expect(seen[0]).toBe('GET /v2025-02-19/data/listen/production with token')
      expect(seen.slice(1).every((line) => line.endsWith('with token'))).toBe(true)
      const health = json(await send(running.url, '/healthz'))
      expect(health).toMatchObject({
        release: {id: 'r1'},
        lastExport: {result: 'failed'},
        triggers: {listener: true, webhook: false},
      })
      running.child.kill('SIGTERM')
      expect(await running.exited).toBe(0)
      expect(running.raw()).not.toContain(token)
      expect(running.lines.map((line) => line.event)).toContain('listener-connected')
    } finally {
      lake.closeAllConnections()
      await new Promise((resolve) => lake.close(resolve))
    }
  }, 180_000)

  it('refuses --listen without the Content Lake configured, naming what to set (exit 2)', async () => {
    const result = await runCli(['serve', '--listen', '--port', '0'], {
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: '',
      SANITY_API_TOKEN: '',
    })
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('set SANITY_DATASET, SANITY_API_TOKEN')
  })

  it('refuses malformed numbers (exit 2)', async () => {
    expect((await runCli(['serve', '--port', 'eighty'])).code).toBe(2)
    const wait = await runCli(['serve', '--debounce-ms', '5000', '--max-wait-ms', '1000'])
    expect(wait.code).toBe(2)
    expect(wait.stderr).toContain('--max-wait-ms must be at least --debounce-ms')
  })
})
