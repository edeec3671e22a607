import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {SourceError} from '../pipeline/source/errors.ts'
import {LAKE_API_VERSION, openLakeSource} from '../pipeline/source/lake-source.ts'
import type {LakeSourceOptions} from '../pipeline/source/lake-source.ts'
import {openSource} from '../pipeline/source/open.ts'
import {startContentLakeStub} from './fixtures/source/content-lake-stub.ts'
import type {ContentLakeStub} from './fixtures/source/content-lake-stub.ts'

const documents = readFileSync(fileURLToPath(new URL('./fixtures/source/contract.ndjson', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>)
const TOKEN = 'sk-secret-token-do-not-print'

let stub: ContentLakeStub
const waits: number[] = []
beforeEach(async () => {
  stub = await startContentLakeStub(documents, {token: TOKEN})
  waits.length = 0
})
afterEach(() => stub.close())

function lake(options: Partial<LakeSourceOptions> = {}) {
  return openLakeSource({
    projectId: 'abc123',
    dataset: 'production',
    token: TOKEN,
    apiHost: stub.apiHost,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  })
}

async function listAll(source: ReturnType<typeof lake>) {
  const ids: string[] = []
  for await (const entry of source.listArticles()) ids.push(entry._id)
  return ids
}

async function sourceError(run: () => Promise<unknown>): Promise<SourceError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SourceError)
  return error as SourceError
}

describe('Content Lake source', () => {
  it('sends the pinned API version, the published perspective and the token as a bearer header', async () => {
    await lake().getArticle('article.alpha')
    const [request] = stub.requests
    expect(request?.apiVersion).toBe(LAKE_API_VERSION)
    expect(request?.path).toBe(`/v${LAKE_API_VERSION}/data/query/production`)
    expect(request?.perspective).toBe('published')
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`)
    expect(request?.params).toEqual({id: 'article.alpha'})
  })

  it('pages article ids by _id > $lastId, never by offset', async () => {
    expect(await listAll(lake({pageSize: 1}))).toEqual(['article.alpha', 'article.beta'])
    expect(stub.requests.map((request) => request.params)).toEqual([
      {lastId: '', limit: 1},
      {lastId: 'article.alpha', limit: 1},
      {lastId: 'article.beta', limit: 1},
    ])
    expect(stub.requests.every((request) => request.query.includes('_id > $lastId'))).toBe(true)
  })

  it('stops after a short page', async () => {
    expect(await listAll(lake({pageSize: 10}))).toEqual(['article.alpha', 'article.beta'])
    expect(stub.requests).toHaveLength(1)
  })

  it('retries 429 and 5xx with growing waits, and honours Retry-After', async () => {
    stub.failNext(503)
    stub.failNext(429, 1, {'retry-after': '2'})
    stub.failNext(502)
    const alpha = await lake().getArticle('article.alpha')
    expect(alpha?._id).toBe('article.alpha')
    expect(stub.requests).toHaveLength(4)
    expect(waits).toEqual([500, 2000, 2000])
  })

  it('reports a Content Lake that keeps failing, after the retries, with the status and what to do', async () => {
    stub.failNext(500, 10)
    const error = await sourceError(() => lake({retries: 2}).getArticle('article.alpha'))
    expect(stub.requests).toHaveLength(3)
    expect(error.message).toMatch(/kept failing .*HTTP 500, 3 attempts\): try again later/)
  })

  it.each([
    [401, /refused the credentials .*HTTP 401.*check SANITY_API_TOKEN/],
    [403, /may not read .*HTTP 403.*Viewer role/],
    [404, /has no project abc123 \/ production .*HTTP 404.*check SANITY_PROJECT_ID and SANITY_DATASET/],
  ])('turns HTTP %i into one line saying what to check, without retrying', async (status, message) => {
    stub.failNext(status)
    const error = await sourceError(() => listAll(lake()))
    expect(error.message).toMatch(message)
    expect(error.message).not.toContain('\n')
    expect(stub.requests).toHaveLength(1)
  })

  it('reports a wrong token from the real 401 path, and never prints the token', async () => {
    const error = await sourceError(() => lake({token: 'sk-wrong-token'}).getSettings())
    expect(error.message).toContain('SANITY_API_TOKEN')
    expect(error.message).not.toContain('sk-wrong-token')
    expect(`${error.stack}`).not.toContain('sk-wrong-token')
  })

  it('reports an unknown dataset as a 404', async () => {
    const error = await sourceError(() => lake({dataset: 'staging'}).getSettings())
    expect(error.message).toContain('project abc123 / staging')
  })

  it('reports an unreachable host after retrying', async () => {
    await stub.close()
    const closed = stub.apiHost
    stub = await startContentLakeStub(documents)
    const error = await sourceError(() => lake({apiHost: closed, retries: 1}).getSettings())
    expect(error.message).toMatch(/Cannot reach the Content Lake .*ECONNREFUSED, 2 attempts.*SANITY_API_HOST/)
    expect(waits).toEqual([500])
  })

  it('drops and reports drafts or release versions the Lake returns despite the published perspective', async () => {
    stub.leak(
      documents.filter((doc) => String(doc._id).startsWith('drafts.') || String(doc._id).startsWith('versions.')),
    )
    const source = lake()
    expect(await listAll(source)).toEqual(['article.alpha', 'article.beta'])
    const alpha = await source.getArticle('article.alpha')
    expect(alpha?.citations.map((citation) => citation._id)).toEqual(['citation.c1', 'citation.c2'])
    expect(await source.getArticle('drafts.article.alpha')).toBeNull()
    const reported = source.problems().map((problem) => problem.documentId)
    expect(reported).toEqual(
      expect.arrayContaining(['drafts.article.alpha', 'drafts.citation.c1', 'versions.spring.citation.c2']),
    )
    expect(source.problems().every((problem) => problem.ruleId === 'source:unpublished-id')).toBe(true)
  })

  it('looks up drafts with the raw perspective for inspect only', async () => {
    const matches = await lake().lookupArticle('gamma')
    expect(matches).toEqual({published: [], unpublished: [{_id: 'drafts.article.gamma', kind: 'draft', slug: 'gamma'}]})
    expect(stub.requests[0]?.perspective).toBe('raw')
  })

  it('is chosen by openSource when SANITY_PROJECT_ID and SANITY_DATASET are set, unless --dataset is given', async () => {
    const env = {
      SANITY_PROJECT_ID: 'abc123',
      SANITY_DATASET: 'production',
      SANITY_API_TOKEN: TOKEN,
      SANITY_API_HOST: stub.apiHost,
    }
    const remote = await openSource({env, cwd: process.cwd()})
    expect(remote.label).toBe('project abc123 / production')
    expect(await remote.getSettings()).toMatchObject({publisherName: 'Vetted Health'})
    const local = await openSource({env, cwd: process.cwd(), dataset: 'tests/fixtures/source/contract.ndjson'})
    expect(local.label).toBe('tests/fixtures/source/contract.ndjson')
    await local.close()
  })

  it('rejects an invalid project id with a line naming the variable', async () => {
    const error = await sourceError(async () =>
      openSource({env: {SANITY_PROJECT_ID: 'Not Valid!', SANITY_DATASET: 'production'}, cwd: process.cwd()}),
    )
    expect(error.message).toContain('SANITY_PROJECT_ID')
  })
})
