import type {SanityClient} from 'sanity'
import type {HashableArticle} from '../domain/content-hash.ts'
import {beforeAll, describe, expect, it} from 'vitest'
import type {ReviewQueueQueryResult} from '../schemas/sanity.types.ts'
import {fetchContentHash} from '../studio/lib/fetch-content-hash.ts'
import {reviewQueueQuery} from '../studio/lib/queries.ts'
import {reviewQueueEntries} from '../studio/lib/review-queue.ts'
import {AS_OF, groqFetch, pipelineView, readNdjson, type StoredDocument} from './helpers/studio-fixtures.ts'

/**
 * The Studio and the pipeline must agree on every status, or a sign-off made in the Studio would look
 * "edited since review" to the export. Checked over the embedded dataset, as of the date it is designed for.
 */

const datasetFile = new URL('../studio/dataset/production.ndjson', import.meta.url).pathname
let all: StoredDocument[]
let published: StoredDocument[]

beforeAll(() => {
  all = readNdjson(datasetFile)
  published = all.filter((document) => !document._id.startsWith('drafts.'))
})

const publishedArticleIds = () =>
  published.filter((document) => document._type === 'article').map((document) => document._id)

describe('Studio and pipeline agree', () => {
  it('on the content hash of every published article', async () => {
    const client = {
      fetch: (query: string, params?: Record<string, unknown>) => groqFetch(published, query, params),
    } as unknown as SanityClient
    expect(publishedArticleIds().length).toBeGreaterThanOrEqual(7)
    for (const id of publishedArticleIds()) {
      // The article as the Studio holds it: the stored document, not the pipeline's projection of it.
      const article = published.find((document) => document._id === id) as HashableArticle
      const pipeline = await pipelineView(published, id)
      expect(await fetchContentHash(client, article), id).toBe(pipeline.contentHash)
    }
  })

  it('on the review status and next review date of every published article', async () => {
    const data = await groqFetch<ReviewQueueQueryResult>(published, reviewQueueQuery)
    const studio = await reviewQueueEntries(data, AS_OF)
    const pipeline = await Promise.all(
      publishedArticleIds().map(async (id) => {
        const {state} = await pipelineView(published, id)
        return {id, status: state.status, nextReviewDue: state.nextReviewDue}
      }),
    )
    expect(
      studio.map(({id, status, nextReviewDue}) => ({id, status, nextReviewDue})).sort((a, b) => (a.id < b.id ? -1 : 1)),
    ).toEqual(pipeline.sort((a, b) => (a.id < b.id ? -1 : 1)))
  })

  it('that a draft never published is an article never reviewed', async () => {
    const data = await groqFetch<ReviewQueueQueryResult>(all, reviewQueueQuery)
    const entries = await reviewQueueEntries(data, AS_OF)
    const draftOnly = all
      .filter((document) => document._type === 'article' && document._id.startsWith('drafts.'))
      .map((document) => document._id.slice('drafts.'.length))
      .filter((id) => !published.some((document) => document._id === id))
    expect(draftOnly.length).toBeGreaterThan(0)
    for (const id of draftOnly) expect(entries.find((entry) => entry.id === id)?.status, id).toBe('unreviewed')
  })
})
