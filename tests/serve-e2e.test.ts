import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {cliExportCommand, createExportRunner} from '../pipeline/serve/export-runner.ts'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import type {ExportScheduler} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import type {RunningServer} from '../pipeline/serve/server.ts'
import {json, send, sha256, signedDelivery, tempOut, WEBHOOK_SECRET} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** Edits one article's topics (outside the reviewed content) in an NDJSON dataset. */
function setTopics(dataset: string, id: string, topics: string[]): void {
  const lines = readFileSync(dataset, 'utf8')
    .split('\n')
    .map((line) => {
      if (!line.trim()) return line
      const document = JSON.parse(line) as {_id: string; topics?: string[]}
      return document._id === id ? JSON.stringify({...document, topics}) : line
    })
  writeFileSync(dataset, lines.join('\n'))
}

describe('serve with the real export on the embedded dataset', () => {
  let out: string
  let dataset: string
  let scheduler: ExportScheduler
  let server: RunningServer

  beforeAll(async () => {
    out = tempOut('vetted-serve-e2e-')
    dataset = path.join(out, 'production.ndjson')
    copyEmbeddedDataset(dataset)
    const command = cliExportCommand({
      outDir: path.join(out, 'out'),
      cwd: ROOT,
      passThrough: ['--dataset', dataset, '--as-of', '2026-11-26'],
    })
    scheduler = createExportScheduler({
      run: createExportRunner({command, outDir: path.join(out, 'out'), env: process.env}),
      debounceMs: 50,
      maxWaitMs: 200,
    })
    server = await startServer({outDir: path.join(out, 'out'), scheduler, webhookSecret: WEBHOOK_SECRET})
  })
  afterAll(async () => {
    await server.close({exportTimeoutMs: 60_000})
  })

  async function publish(documentId: string): Promise<void> {
    const delivery = await signedDelivery(JSON.stringify({_id: documentId, _type: 'article'}))
    const response = await send(server.url, '/hooks/sanity', {method: 'POST', ...delivery})
    expect(response.status).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 100))
    await scheduler.idle()
  }

  it(
    'exports the first release on a webhook and serves every file the manifest lists, byte for byte',
    {timeout: 240_000},
    async () => {
      expect((await send(server.url, '/healthz')).status).toBe(503)
      await publish('article.hand-washing')
      const health = json(await send(server.url, '/healthz')) as {
        status: string
        release: {id: string; articles: number}
        lastExport: {result: string; switched: boolean}
      }
      expect(health).toMatchObject({status: 'ok', release: {articles: 7}, lastExport: {result: 'ok', switched: true}})
      const manifest = json(await send(server.url, '/manifest.json')) as {
        files: Record<string, {sha256: string}>
        articles: Array<{slug: string; files: Record<string, {sha256: string; bytes: number}>}>
      }
      expect(manifest.articles).toHaveLength(7)
      for (const article of manifest.articles) {
        for (const [name, record] of Object.entries(article.files)) {
          const response = await send(server.url, `/articles/${article.slug}/${name}`)
          expect(response.status).toBe(200)
          expect(sha256(response.body)).toBe(record.sha256)
          expect(response.headers.etag).toBe(`"${record.sha256}"`)
        }
      }
      const home = await send(server.url, '/')
      expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(home.headers.etag).toBe(`"${manifest.files['index.html']?.sha256}"`)
    },
  )

  it(
    'publishes an edit: the next webhook exports it and the server serves the new release',
    {timeout: 240_000},
    async () => {
      const before = json(await send(server.url, '/healthz')) as {release: {id: string}}
      setTopics(dataset, 'article.hand-washing', ['infection prevention', 'hygiene', 'published through serve'])
      await publish('article.hand-washing')
      const after = json(await send(server.url, '/healthz')) as {
        release: {id: string}
        lastExport: {result: string; switched: boolean}
      }
      expect(after.lastExport).toMatchObject({result: 'ok', switched: true})
      expect(after.release.id).not.toBe(before.release.id)
      const article = json(await send(server.url, '/articles/hand-washing/article.json')) as {topics: string[]}
      expect(article.topics).toContain('published through serve')
    },
  )
})
