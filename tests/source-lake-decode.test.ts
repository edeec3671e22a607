import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {afterEach, describe, expect, it} from 'vitest'
import {SourceError} from '../pipeline/source/errors.ts'
import {openLakeSource} from '../pipeline/source/lake-source.ts'
import type {LakeSourceOptions} from '../pipeline/source/lake-source.ts'
import {startContentLakeStub} from './fixtures/source/content-lake-stub.ts'
import type {ContentLakeStub} from './fixtures/source/content-lake-stub.ts'

/**
 * The Content Lake source decodes what the API answers: a 200 that is not a query result, an API that never
 * answers, and documents with values of the wrong kind each end as one line (exit 2) or a finding, never a crash
 * or a hang. Every stand-in listens on 127.0.0.1.
 */

const documents = readFileSync(fileURLToPath(new URL('./fixtures/source/contract.ndjson', import.meta.url)), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Record<string, unknown>)

let stub: ContentLakeStub | undefined
afterEach(async () => {
  await stub?.close()
  stub = undefined
})

async function lake(docs = documents, options: Partial<LakeSourceOptions> = {}) {
  stub = await startContentLakeStub(docs)
  const sleep = async () => {}
  return openLakeSource({projectId: 'abc123', dataset: 'production', apiHost: stub.apiHost, sleep, ...options})
}

async function sourceError(run: () => Promise<unknown>): Promise<SourceError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SourceError)
  return error as SourceError
}

function edited(id: string, edit: (doc: Record<string, unknown>) => void) {
  return documents.map((doc) => {
    if (doc._id !== id) return doc
    const copy = structuredClone(doc)
    edit(copy)
    return copy
  })
}

describe('Content Lake source: answers are decoded', () => {
  it('turns a 200 with an HTML page into one line that says what to check', async () => {
    const source = await lake()
    stub?.answerNext('<!doctype html><html><body>Sign in to continue</body></html>')
    const error = await sourceError(() => source.getSettings())
    expect(error.message).toBe(
      `The Content Lake answered project abc123 / production at ${stub?.apiHost} while reading settings ` +
        'with an HTML page instead of a query result: check SANITY_API_HOST, ' +
        'and any proxy or login page between this machine and the API.',
    )
  })

  it('turns JSON of the wrong shape into one line (a listing that is not a list of ids)', async () => {
    const source = await lake()
    stub?.answerNext(JSON.stringify({result: {not: 'a list'}, ms: 1}), {contentType: 'application/json'})
    const error = await sourceError(async () => {
      for await (const row of source.listArticles()) void row
    })
    expect(error.message).toContain('with a page of article ids that is not a list of {_id, _rev} instead of a query')
  })

  it('gives every request a deadline: an API that never answers fails in time, with what to do', async () => {
    const source = await lake(documents, {timeoutMs: 300})
    stub?.hangNext()
    const started = Date.now()
    const error = await sourceError(() => source.getArticle('article.alpha'))
    expect(Date.now() - started).toBeLessThan(5000)
    expect(error.message).toBe(
      `The Content Lake did not answer within 0.3 s for project abc123 / production at ${stub?.apiHost} ` +
        'while reading article article.alpha: check the network and SANITY_API_HOST, ' +
        'or allow more time with SANITY_REQUEST_TIMEOUT_MS.',
    )
  })

  it('blocks an article whose own field has the wrong kind, with the document, path, expected and found', async () => {
    const source = await lake(edited('article.alpha', (doc) => (doc.title = 2026)))
    const article = await source.getArticle('article.alpha')
    expect(article?.title).toBeNull()
    expect(article?.decodeFindings).toEqual([
      expect.objectContaining({documentId: 'article.alpha', path: 'title', expected: 'text', found: 'the number 2026'}),
    ])
    expect((await source.getArticle('article.beta'))?.decodeFindings).toBeUndefined()
  })

  it('blocks the articles that use a person or citation with a wrong value, and leaves the value out', async () => {
    const docs = edited('citation.c1', (doc) => (doc.cslType = 3)).map((doc) =>
      doc._id === 'person.writer-a' ? {...doc, name: ['Ada']} : doc,
    )
    const source = await lake(docs)
    const article = await source.getArticle('article.alpha')
    const found = article?.decodeFindings?.map((finding) => `${finding.documentId} ${finding.path}`).sort()
    expect(found).toEqual(['citation.c1 cslType', 'person.writer-a name'])
    expect(article?.citations.map((citation) => citation._id)).not.toContain('citation.c1')
    expect(article?.authors?.[0]).toBeNull()
  })

  it('refuses settings with a value of the wrong kind as a source error', async () => {
    const source = await lake(edited('settings', (doc) => (doc.reviewIntervalMonths = '12')))
    const error = await sourceError(() => source.getSettings())
    expect(error.message).toMatch(/^The settings in project abc123 \/ production are not valid: reviewIntervalMonths: /)
    expect(error.message).toContain('expected a whole number, found the text "12".')
  })
})

describe('image assets from the Content Lake', () => {
  const SHA1 = '2c26b46b68ffc68ff99b453c1d30413413422d70'
  const ASSET = `image-${SHA1}-640x480-png`
  const asset = {
    _id: ASSET,
    _type: 'sanity.imageAsset',
    assetId: SHA1,
    sha1hash: SHA1,
    extension: 'png',
    mimeType: 'image/png',
    size: 2048,
    metadata: {_type: 'sanity.imageMetadata', dimensions: {width: 640, height: 480, aspectRatio: 4 / 3}},
    url: `https://cdn.sanity.io/images/abc123/production/${SHA1}-640x480.png`,
  }
  const withLeadImage = (assetDocument: Record<string, unknown>) => [
    ...edited('article.alpha', (doc) => {
      doc.leadImage = {_type: 'figure', asset: {_type: 'reference', _ref: ASSET}, alt: 'A chart.', publisherOwned: true}
    }),
    assetDocument,
  ]

  it('are decoded with the article: id, sha1, type, size and dimensions', async () => {
    const article = await (await lake(withLeadImage(asset))).getArticle('article.alpha')
    expect(article?.images).toEqual([
      {
        _id: ASSET,
        sha1hash: SHA1,
        extension: 'png',
        mimeType: 'image/png',
        size: 2048,
        width: 640,
        height: 480,
        url: asset.url,
      },
    ])
    expect(article?.decodeFindings).toBeUndefined()
  })

  it('are left out with a finding, blocking the article, when a field is of the wrong kind or contradicts the id', async () => {
    const broken = {...asset, metadata: {dimensions: {width: '640', height: 480}}}
    const article = await (await lake(withLeadImage(broken))).getArticle('article.alpha')
    expect(article?.images).toEqual([])
    expect(article?.decodeFindings).toEqual([
      expect.objectContaining({
        documentId: ASSET,
        path: 'width',
        expected: 'a whole number of pixels above 0',
        found: 'the text "640"',
      }),
    ])
    const lying = {...asset, metadata: {dimensions: {width: 320, height: 240}}}
    await stub?.close()
    const other = await (await lake(withLeadImage(lying))).getArticle('article.alpha')
    expect(other?.images).toEqual([])
    expect(other?.decodeFindings?.[0]?.message).toContain('its sha1 or size differs from its id')
  })
})
