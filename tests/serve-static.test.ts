import {mkdirSync, readdirSync, symlinkSync, writeFileSync} from 'node:fs'
import {get, request} from 'node:http'
import path from 'node:path'
import {brotliDecompressSync, gunzipSync} from 'node:zlib'
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'
import {indexManifest} from '../pipeline/serve/release.ts'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import type {RunningServer} from '../pipeline/serve/server.ts'
import {
  ARTICLE_SLUG,
  articleFiles,
  collectLogs,
  json,
  removeRelease,
  send,
  sha256,
  switchCurrent,
  tempOut,
  writeRelease,
} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

const noExport = () => Promise.reject(new Error('no export in these tests'))
const article = `/articles/${ARTICLE_SLUG}`

describe('serving the current release', () => {
  let out: string
  let server: RunningServer
  let logs: ReturnType<typeof collectLogs>

  beforeEach(async () => {
    out = tempOut()
    writeRelease(out, 'r1', articleFiles())
    switchCurrent(out, 'r1')
    logs = collectLogs()
    server = await startServer({outDir: out, scheduler: createExportScheduler({run: noExport}), log: logs.log})
  })
  afterEach(async () => {
    await server.close({exportTimeoutMs: 100, requestTimeoutMs: 100})
  })

  it('answers each bundle file with its media type, UTF-8 for text', async () => {
    const expected: Record<string, string> = {
      [`${article}/index.html`]: 'text/html; charset=utf-8',
      [`${article}/fragment.html`]: 'text/html; charset=utf-8',
      [`${article}/article.json`]: 'application/json',
      [`${article}/article.txt`]: 'text/plain; charset=utf-8',
      [`${article}/article.md`]: 'text/markdown; charset=utf-8',
      '/schema/article.schema.json': 'application/json',
      '/chart.svg': 'image/svg+xml',
      '/manifest.json': 'application/json',
    }
    for (const [url, type] of Object.entries(expected)) {
      const response = await send(server.url, url)
      expect(response.status, url).toBe(200)
      expect(response.headers['content-type'], url).toBe(type)
      expect(response.headers['x-content-type-options'], url).toBe('nosniff')
    }
    const text = await send(server.url, `${article}/article.txt`)
    expect(text.body.toString('utf8')).toBe(articleFiles()[`articles/${ARTICLE_SLUG}/article.txt`])
  })

  it('tags bundle files with the manifest sha256 as a strong ETag and answers If-None-Match with 304', async () => {
    const files = articleFiles()
    const first = await send(server.url, `${article}/article.json`)
    expect(first.headers.etag).toBe(`"${sha256(files[`articles/${ARTICLE_SLUG}/article.json`] ?? '')}"`)
    expect(first.headers['cache-control']).toBe('public, no-cache')
    const again = await send(server.url, `${article}/article.json`, {
      headers: {'if-none-match': first.headers.etag ?? ''},
    })
    expect(again.status).toBe(304)
    expect(again.body.length).toBe(0)
    expect(again.headers.etag).toBe(first.headers.etag)
    const other = await send(server.url, `${article}/article.json`, {headers: {'if-none-match': '"0000", W/"1111"'}})
    expect(other.status).toBe(200)
  })

  it('tags the catalogue and schemas with their manifest sha256 too', async () => {
    const files = articleFiles()
    const home = await send(server.url, '/')
    expect(home.headers.etag).toBe(`"${sha256(files['index.html'] ?? '')}"`)
    const schema = await send(server.url, '/schema/article.schema.json')
    expect(schema.headers.etag).toBe(`"${sha256(files['schema/article.schema.json'] ?? '')}"`)
  })

  it('hashes files the manifest does not list, such as the manifest itself', async () => {
    const response = await send(server.url, '/manifest.json')
    expect(response.headers.etag).toBe(`"${sha256(response.body)}"`)
    const manifest = json(response) as {articles: Array<{slug: string}>}
    expect(manifest.articles.map((entry) => entry.slug)).toEqual([ARTICLE_SLUG])
    const revalidated = await send(server.url, '/manifest.json', {
      headers: {'if-none-match': response.headers.etag ?? ''},
    })
    expect(revalidated.status).toBe(304)
  })

  it('answers HEAD with the headers of GET and no body', async () => {
    const getResponse = await send(server.url, `${article}/index.html`)
    const head = await send(server.url, `${article}/index.html`, {method: 'HEAD'})
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
    expect(head.headers['content-length']).toBe(String(getResponse.body.length))
    expect(head.headers.etag).toBe(getResponse.headers.etag)
  })

  it('compresses with brotli or gzip when asked, with its own ETag per encoding and Vary: Accept-Encoding', async () => {
    const page = Buffer.from(articleFiles()[`articles/${ARTICLE_SLUG}/index.html`] ?? '')
    const plain = await send(server.url, `${article}/index.html`)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toBe('Accept-Encoding')

    const br = await send(server.url, `${article}/index.html`, {headers: {'accept-encoding': 'gzip, deflate, br'}})
    expect(br.headers['content-encoding']).toBe('br')
    expect(brotliDecompressSync(br.body).equals(page)).toBe(true)
    expect(br.body.length).toBeLessThan(page.length)
    expect(br.headers.etag).toBe(`"${sha256(page)}-br"`)

    const gzip = await send(server.url, `${article}/index.html`, {headers: {'accept-encoding': 'gzip;q=1, br;q=0'}})
    expect(gzip.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gzip.body).equals(page)).toBe(true)
    expect(gzip.headers['content-length']).toBe(String(gzip.body.length))

    const cached = await send(server.url, `${article}/index.html`, {
      headers: {'accept-encoding': 'br', 'if-none-match': br.headers.etag ?? ''},
    })
    expect(cached.status).toBe(304)
  })

  it('sends a strict Content-Security-Policy with HTML: no scripts, inline styles only', async () => {
    const page = await send(server.url, `${article}/index.html`)
    const csp = page.headers['content-security-policy'] ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain("style-src 'unsafe-inline'")
    expect(csp).not.toContain('script-src')
    const svg = await send(server.url, '/chart.svg')
    expect(svg.headers['content-security-policy']).toBe(csp)
  })

  it('serves a directory as its index.html, redirects it to the slash form, and never lists one', async () => {
    const home = await send(server.url, '/')
    expect(home.status).toBe(200)
    expect(home.body.toString('utf8')).toContain('<h1>Articles</h1>')
    const page = await send(server.url, `${article}/`)
    expect(page.status).toBe(200)
    expect(page.body.toString('utf8')).toContain('<title>The importance of infant mental health</title>')
    const bare = await send(server.url, article)
    expect(bare.status).toBe(308)
    expect(bare.headers.location).toBe(`${article}/`)
    expect(json(bare)).toEqual({status: 'moved', path: article, location: `${article}/`})
    const listing = await send(server.url, '/articles/')
    expect(listing.status).toBe(404)
    expect(json(listing)).toEqual({error: 'Not found', path: '/articles/'})
    expect(listing.headers['content-type']).toBe('application/json')
    const schema = await send(server.url, '/schema/')
    expect(schema.status).toBe(404)
  })

  it('answers unknown paths with a JSON 404 naming the path', async () => {
    const response = await send(server.url, '/articles/no-such-article/article.json?x=1')
    expect(response.status).toBe(404)
    expect(json(response)).toEqual({error: 'Not found', path: '/articles/no-such-article/article.json'})
    const fileAsDir = await send(server.url, `${article}/article.json/`)
    expect(fileAsDir.status).toBe(404)
  })

  it('refuses every way out of the release: dot segments, encoded dots and slashes, backslashes, NUL', async () => {
    writeFileSync(path.join(out, 'secret.txt'), 'outside the release\n')
    const attempts = [
      '/../secret.txt',
      '/articles/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/%2e%2e/secret.txt',
      '/.%2e/secret.txt',
      '/articles%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      `${article}/article.txt%00.html`,
      '/articles//x',
      '//evil.example/',
      '/%zz',
      'secret.txt',
    ]
    for (const attempt of attempts) {
      const response = await send(server.url, attempt)
      expect(response.status, attempt).toBe(400)
      expect(response.body.toString('utf8'), attempt).not.toContain('outside the release')
      expect(json(response), attempt).toMatchObject({error: expect.stringMatching(/^(Bad path|Malformed request)/)})
    }
  })

  it('does not follow a symlink that leads out of the release, nor serve dot-files', async () => {
    const root = path.join(out, 'releases', 'r1')
    writeFileSync(path.join(out, 'secret.txt'), 'outside the release\n')
    symlinkSync(path.join(out, 'secret.txt'), path.join(root, 'leak.txt'))
    symlinkSync(out, path.join(root, 'up'))
    writeFileSync(path.join(root, '.lock'), '123\n')
    for (const attempt of ['/leak.txt', '/up/secret.txt', '/up/', '/.lock']) {
      const response = await send(server.url, attempt)
      expect(response.status, attempt).toBe(404)
      expect(response.body.toString('utf8')).not.toContain('outside the release')
    }
  })

  it('closes every file it opens, even when clients leave mid-request', async () => {
    // A leaked handle is either still open (counted) or closed by the garbage collector, which warns.
    const openFiles = () => readdirSync('/proc/self/fd').length
    const warnings: string[] = []
    const onWarning = (warning: Error) => warnings.push(warning.message)
    process.on('warning', onWarning)
    const before = openFiles()
    const target = new URL(server.url)
    const paths = [`${article}/index.html`, `${article}/`, '/', '/manifest.json', `${article}/article.json`]
    const visit = (i: number) =>
      new Promise<void>((resolve) => {
        const req = request(
          {host: target.hostname, port: target.port, path: paths[i % paths.length], agent: false},
          (res) => {
            res.once('data', () => {
              if (i % 2) req.destroy()
            })
            res.on('close', resolve)
            res.on('error', () => resolve())
          },
        )
        req.on('error', () => resolve())
        req.end()
        // Some leave before the server has even opened the file.
        if (i % 3 === 0) setImmediate(() => req.destroy())
      })
    for (let round = 0; round < 10; round++) await Promise.all(Array.from({length: 40}, (_, i) => visit(i)))
    await new Promise((resolve) => setTimeout(resolve, 300))
    process.off('warning', onWarning)
    expect(openFiles()).toBeLessThanOrEqual(before)
    expect(warnings.filter((message) => /file descriptor|FileHandle/.test(message))).toEqual([])
  })

  it('allows only GET and HEAD on content', async () => {
    const response = await send(server.url, `${article}/article.json`, {method: 'DELETE'})
    expect(response.status).toBe(405)
    expect(response.headers.allow).toBe('GET, HEAD')
  })

  it('switches to a new release for the next request', async () => {
    writeRelease(out, 'r2', articleFiles(ARTICLE_SLUG, 'Infant mental health, revised'))
    switchCurrent(out, 'r2')
    const response = await send(server.url, `${article}/article.json`)
    expect(json(response)).toMatchObject({title: 'Infant mental health, revised'})
    const health = json(await send(server.url, '/healthz')) as {release: {id: string}}
    expect(health.release.id).toBe('r2')
  })

  it('finishes a request in flight during a switch from the release it started on', async () => {
    // Larger than socket buffers, so the transfer is still running when the release switches and disappears.
    const big = Buffer.alloc(24 * 1024 * 1024, 'Infancy is full of developmental milestones. ')
    writeRelease(out, 'big1', {...articleFiles(), [`articles/${ARTICLE_SLUG}/article.txt`]: big})
    switchCurrent(out, 'big1')
    const received = await new Promise<{body: Buffer; etag: string | undefined}>((resolve, reject) => {
      get(`${server.url}${article}/article.txt`, (res) => {
        const chunks: Buffer[] = []
        let switched = false
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          if (!switched) {
            switched = true
            res.pause()
            writeRelease(out, 'big2', articleFiles(ARTICLE_SLUG, 'Infant mental health, revised'))
            switchCurrent(out, 'big2')
            removeRelease(out, 'big1')
            setTimeout(() => res.resume(), 50)
          }
        })
        res.on('end', () => resolve({body: Buffer.concat(chunks), etag: res.headers.etag}))
        res.on('error', reject)
      }).on('error', reject)
    })
    expect(received.body.length).toBe(big.length)
    expect(sha256(received.body)).toBe(sha256(big))
    expect(received.etag).toBe(`"${sha256(big)}"`)
    const after = await send(server.url, `${article}/article.txt`)
    expect(after.body.toString('utf8')).toContain('Infant mental health, revised')
  })

  it('logs one JSON line per request with method, path, status, bytes and time, without the query string', async () => {
    await send(server.url, `${article}/article.json?token=abc`)
    await send(server.url, '/nope')
    const requests = logs.lines.filter((line) => line.event === 'request')
    expect(requests).toHaveLength(2)
    expect(requests[0]).toMatchObject({
      method: 'GET',
      path: `${article}/article.json`,
      status: 200,
      bytes: Buffer.byteLength(articleFiles()[`articles/${ARTICLE_SLUG}/article.json`] ?? ''),
    })
    expect(typeof requests[0]?.ms).toBe('number')
    expect(requests[1]).toMatchObject({path: '/nope', status: 404})
    expect(logs.text()).not.toContain('token=abc')
  })
})

describe('before the first export', () => {
  it('answers 503 for content and health until OUT/current exists', async () => {
    const out = tempOut()
    mkdirSync(path.join(out, 'releases'))
    const server = await startServer({outDir: out, scheduler: createExportScheduler({run: noExport})})
    try {
      const content = await send(server.url, '/manifest.json')
      expect(content.status).toBe(503)
      expect(content.headers['retry-after']).toBe('5')
      const health = await send(server.url, '/healthz')
      expect(health.status).toBe(503)
      expect(json(health)).toMatchObject({status: 'no-release', release: null, lastExport: null})
    } finally {
      await server.close()
    }
  })
})

describe('reading a manifest', () => {
  it('indexes the catalogue, schemas and every article file by release path, and counts articles by status', () => {
    const record = {sha256: 'a'.repeat(64), bytes: 10}
    const {files, summary} = indexManifest({
      generator: {name: 'vetted', version: '0.1.0'},
      asOf: '2026-11-26',
      files: {'index.html': record, 'schema/article.schema.json': record, 'bad.txt': {sha256: 'nope', bytes: 1}},
      articles: [
        {slug: 'hand-washing', status: 'exported', files: {'article.json': record}},
        {slug: 'sleep-adults', status: 'kept', files: {'index.html': record}},
        {slug: null, status: 'blocked', files: {}},
      ],
    })
    expect([...files.keys()].sort()).toEqual([
      'articles/hand-washing/article.json',
      'articles/sleep-adults/index.html',
      'index.html',
      'schema/article.schema.json',
    ])
    expect(summary).toEqual({
      articles: 3,
      byStatus: {exported: 1, kept: 1, blocked: 1},
      asOf: '2026-11-26',
      dataset: null,
      generator: 'vetted@0.1.0',
    })
  })
})
