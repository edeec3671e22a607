import {createHash} from 'node:crypto'
import {mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {request} from 'node:http'
import type {IncomingHttpHeaders} from 'node:http'
import path from 'node:path'
import {encodeSignatureHeader} from '@sanity/webhook'
import {makeTempDir} from './temp-dirs.ts'

/**
 * Release trees as the export writes them (`OUT/releases/<id>/…` with a manifest of real sha256s, `OUT/current`
 * switched by renaming a fresh symlink over it), and a raw HTTP client that shows exactly what the server sent.
 */

/** A fresh output folder; the file's `afterAll(removeTempDirs)` deletes it. */
export function tempOut(prefix = 'vetted-serve-'): string {
  return makeTempDir(prefix)
}

export const ARTICLE_SLUG = 'the-importance-of-infant-mental-health'

/** A small release of one article, in the shapes the renderer produces: HTML with JSON-LD and inline styles. */
export function articleFiles(
  slug = ARTICLE_SLUG,
  title = 'The importance of infant mental health',
): Record<string, string> {
  const json = {
    id: 'article-infant-mental-health',
    slug,
    title,
    language: 'en',
    review: {status: 'current', lastReviewed: '2026-01-12'},
  }
  return {
    'index.html': `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Articles</title><style>body{font:16px/1.5 system-ui}</style></head><body><h1>Articles</h1><svg role="img" aria-label="Reviews due by month" viewBox="0 0 10 10"><rect width="4" height="8"/></svg><ul><li><a href="articles/${slug}/">${title}</a></li></ul></body></html>\n`,
    [`articles/${slug}/index.html`]: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${title}</title><style>.notice{border:1px solid}</style><script type="application/ld+json">{"@type":"MedicalWebPage","name":${JSON.stringify(title)}}</script></head><body><main><h1>${title}</h1><p>Infancy, or the period from birth to about one year, is full of developmental milestones that have life-long effects.<sup><a href="#ref-1">[1]</a></sup></p>${'<p>Infants experience rapid physical growth and brain development where they even begin to develop social relationships.</p>'.repeat(20)}</main></body></html>\n`,
    [`articles/${slug}/fragment.html`]: `<article><h1>${title}</h1><p>Infancy, or the period from birth to about one year, is full of developmental milestones.</p></article>\n`,
    [`articles/${slug}/article.json`]: `${JSON.stringify(json, null, 2)}\n`,
    [`articles/${slug}/article.txt`]: `${title}\n\nInfancy, or the period from birth to about one year, is full of developmental milestones that have life-long effects.[1]\n`,
    [`articles/${slug}/article.md`]: `---\ntitle: ${title}\n---\n\nInfancy, or the period from birth to about one year, is full of developmental milestones that have life-long effects.[1]\n`,
    'schema/article.schema.json': `${JSON.stringify({$schema: 'https://json-schema.org/draft/2020-12/schema', type: 'object'}, null, 2)}\n`,
    'chart.svg': '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="4" height="8"/></svg>\n',
  }
}

export function sha256(body: string | Buffer): string {
  return createHash('sha256').update(body).digest('hex')
}

/** Writes `OUT/releases/<id>/` with the files and a manifest listing the catalogue, schemas and article files, as the export does. */
export function writeRelease(outDir: string, id: string, files: Record<string, string | Buffer>): string {
  const root = path.join(outDir, 'releases', id)
  const bySlug = new Map<string, Record<string, {sha256: string; bytes: number}>>()
  const releaseFiles: Record<string, {sha256: string; bytes: number}> = {}
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(root, ...name.split('/'))
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(file, body)
    const match = /^articles\/([^/]+)\/([^/]+)$/.exec(name)
    if (name === 'index.html' || name.startsWith('schema/'))
      releaseFiles[name] = {sha256: sha256(body), bytes: Buffer.byteLength(body)}
    if (match?.[1] && match[2]) {
      const entry = bySlug.get(match[1]) ?? {}
      entry[match[2]] = {sha256: sha256(body), bytes: Buffer.byteLength(body)}
      bySlug.set(match[1], entry)
    }
  }
  const manifest = {
    schemaVersion: 1,
    generator: {name: 'vetted', version: '0.1.0', rendererVersion: 'test'},
    dataset: 'studio/dataset/production.ndjson',
    asOf: '2026-11-26',
    files: releaseFiles,
    articles: [...bySlug].map(([slug, articleFiles]) => ({
      id: `article-${slug}`,
      slug,
      status: 'exported',
      files: articleFiles,
    })),
  }
  writeFileSync(path.join(root, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return root
}

/** Points `OUT/current` at a release with one atomic rename, like the export. */
export function switchCurrent(outDir: string, id: string): void {
  const temporary = path.join(outDir, `.current-${process.pid}-${Math.random().toString(36).slice(2)}`)
  symlinkSync(path.join('releases', id), temporary)
  renameSync(temporary, path.join(outDir, 'current'))
}

export function removeRelease(outDir: string, id: string): void {
  rmSync(path.join(outDir, 'releases', id), {recursive: true, force: true})
}

export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: Buffer
}

/** One HTTP request with the path sent exactly as given (no normalising, no automatic decompression). */
export function send(
  base: string,
  rawPath: string,
  options: {method?: string; headers?: Record<string, string>; body?: string | Buffer} = {},
): Promise<RawResponse> {
  const url = new URL(base)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method ?? 'GET',
        path: rawPath,
        headers: options.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () => resolve({status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export function json(response: RawResponse): unknown {
  return JSON.parse(response.body.toString('utf8'))
}

export const WEBHOOK_SECRET = 'test-webhook-secret-7f3a9c1e'

/** A webhook delivery signed by `@sanity/webhook`'s own encoder, as Sanity signs them. */
export async function signedDelivery(
  payload: string,
  options: {secret?: string; timestamp?: number} = {},
): Promise<{body: string; headers: Record<string, string>}> {
  const signature = await encodeSignatureHeader(
    payload,
    options.timestamp ?? Date.now(),
    options.secret ?? WEBHOOK_SECRET,
  )
  return {body: payload, headers: {'content-type': 'application/json', 'sanity-webhook-signature': signature}}
}

export function collectLogs(): {
  lines: Array<Record<string, unknown>>
  log: (event: string, fields?: Record<string, unknown>) => void
  text: () => string
} {
  const lines: Array<Record<string, unknown>> = []
  return {
    lines,
    log: (event, fields = {}) => {
      // Through JSON, as the real logger writes it.
      lines.push(JSON.parse(JSON.stringify({event, ...fields})) as Record<string, unknown>)
    },
    text: () => lines.map((line) => JSON.stringify(line)).join('\n'),
  }
}
