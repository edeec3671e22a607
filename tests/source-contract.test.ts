import {readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openLakeSource} from '../pipeline/source/lake-source.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import type {ContentSource} from '../pipeline/source/types.ts'
import {startContentLakeStub} from './fixtures/source/content-lake-stub.ts'
import type {ContentLakeStub} from './fixtures/source/content-lake-stub.ts'

const datasetFile = fileURLToPath(new URL('./fixtures/source/contract.ndjson', import.meta.url))
const expectedFile = fileURLToPath(new URL('./fixtures/source/contract.expected.json', import.meta.url))
const documents = readFileSync(datasetFile, 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>)

/** Everything a source says about the fixture dataset, in one comparable value. */
async function observe(source: ContentSource) {
  const ids: Array<{_id: string; _rev: string}> = []
  // Only the local source can fingerprint an article without reading it (an optional extra, tested on its own).
  for await (const entry of source.listArticles()) ids.push({_id: entry._id, _rev: entry._rev})
  return {
    articles: ids,
    alpha: await source.getArticle('article.alpha'),
    beta: await source.getArticle('article.beta'),
    settings: await source.getSettings(),
  }
}

const expected = process.env.UPDATE ? undefined : (JSON.parse(readFileSync(expectedFile, 'utf8')) as unknown)

/** One contract, two implementations: the same documents must give the same results through either source. */
function contentSourceContract(name: string, open: () => Promise<ContentSource>) {
  describe(`ContentSource contract: ${name}`, () => {
    let source: ContentSource
    beforeAll(async () => {
      source = await open()
    })
    afterAll(() => source.close())

    it('returns the same ids, articles and settings as the recorded expectation', async () => {
      const observed = await observe(source)
      if (process.env.UPDATE && name === 'local NDJSON')
        writeFileSync(expectedFile, `${JSON.stringify(observed, null, 2)}\n`)
      else expect(observed).toEqual(expected)
    })

    it('lists published articles only, sorted by _id', async () => {
      const ids: string[] = []
      for await (const entry of source.listArticles()) ids.push(entry._id)
      expect(ids).toEqual(['article.alpha', 'article.beta'])
    })

    it('returns null for drafts, release versions and unknown ids', async () => {
      for (const id of [
        'drafts.article.alpha',
        'drafts.article.gamma',
        'article.gamma',
        'versions.spring.article.delta',
        'article.delta',
        'nope',
      ]) {
        expect(await source.getArticle(id), id).toBeNull()
      }
    })

    it('resolves authors, the cited citations (each once, by _id) and the reviews (newest first) of the published version', async () => {
      const alpha = await source.getArticle('article.alpha')
      expect(alpha?.title).toBe('Alpha: sleep for babies')
      expect(alpha?.slug).toBe('alpha')
      expect(alpha?.authors?.map((author) => author.name)).toEqual(['Ada Writer'])
      expect(alpha?.citations.map((citation) => [citation._id, citation.title])).toEqual([
        ['citation.c1', 'Sleep in infancy'],
        ['citation.c2', 'Hand hygiene'],
      ])
      expect(alpha?.reviews.map((review) => [review._id, review.outcome, review.reviewer?.name])).toEqual([
        ['review.alpha.2', 'changesRequested', 'Dr Ben Reviewer'],
        ['review.alpha.1', 'approved', 'Dr Ben Reviewer'],
      ])
    })

    it('never returns draft or version text, nor internal review notes', async () => {
      const text = JSON.stringify(await observe(source))
      expect(text).not.toMatch(/DRAFT|VERSION TITLE|drafts\.|versions\./)
      expect(text).not.toContain('INTERNAL')
    })
  })
}

contentSourceContract('local NDJSON', () => openLocalSource({file: datasetFile, label: 'contract.ndjson'}))

let stub: ContentLakeStub
beforeAll(async () => {
  stub = await startContentLakeStub(documents)
})
afterAll(() => stub.close())
contentSourceContract('Content Lake', async () =>
  openLakeSource({
    projectId: 'abc123',
    dataset: 'production',
    token: 'sk-contract-token',
    apiHost: stub.apiHost,
    pageSize: 1,
  }),
)
