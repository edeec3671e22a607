import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import {connect} from 'node:http2'
import {fileURLToPath} from 'node:url'
import sharp from 'sharp'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {perspectiveView, runQuery, withoutTextQuery} from './helpers/content-lake-standin/groq.ts'
import {type ContentLakeStandin, startContentLakeStandin} from './helpers/content-lake-standin/server.ts'
import {LakeStore} from './helpers/content-lake-standin/store.ts'
import {DEMO_USERS} from './helpers/content-lake-standin/users.ts'
import {readNdjson} from './helpers/studio-fixtures.ts'

/** The stand-in itself, without a browser: what the Studio relies on it for. */

const documents = [
  {_id: 'article.a', _type: 'article', title: 'Published A'},
  {_id: 'drafts.article.a', _type: 'article', title: 'Draft A'},
  {_id: 'drafts.article.b', _type: 'article', title: 'Only a draft'},
]

describe('GROQ in the stand-in', () => {
  it('applies perspectives: raw keeps everything, published drops drafts, drafts overlays them', () => {
    const titles = (perspective: 'raw' | 'published' | 'drafts') =>
      perspectiveView(documents, perspective).map((document) => `${document._id}: ${String(document.title)}`)
    const raw = ['article.a: Published A', 'drafts.article.a: Draft A', 'drafts.article.b: Only a draft']
    expect(titles('raw')).toEqual(raw)
    expect(titles('published')).toEqual(['article.a: Published A'])
    expect(titles('drafts')).toEqual(['article.a: Draft A', 'article.b: Only a draft'])
  })

  it('lets every document match an empty text::query(), as the Studio’s document lists send it', async () => {
    const query = '*[_type in $types && ([@, _id] match text::query($q) || references($raw)) && text::query("(")]._id'
    expect(withoutTextQuery(query)).toBe('*[_type in $types && ([@, _id] match "*" || references($raw)) && true]._id')
    const ids = await runQuery(documents, query, {types: ['article'], q: '*', raw: ''}, '')
    expect(ids).toEqual(['article.a', 'drafts.article.a', 'drafts.article.b'])
  })
})

describe('transactions', () => {
  it('edits a draft made from the published document, publishes it, and records both', () => {
    const store = new LakeStore(documents.slice(0, 1))
    const pair = {draftId: 'drafts.article.a', publishedId: 'article.a'}
    store.act([{actionType: 'sanity.action.document.edit', ...pair, patch: {set: {title: 'Edited'}}}], 'u1')
    expect(store.documents.get('drafts.article.a')).toMatchObject({title: 'Edited', _type: 'article'})
    store.act([{actionType: 'sanity.action.document.publish', ...pair}], 'u1')
    expect(store.documents.has('drafts.article.a')).toBe(false)
    expect(store.documents.get('article.a')).toMatchObject({title: 'Edited'})
    const changed = store.transactions.map((transaction) => transaction.changes.map((change) => change.id))
    expect(changed).toEqual([['drafts.article.a'], ['article.a', 'drafts.article.a']])
  })

  it('refuses a create over an existing document and a patch against a stale revision, changing nothing', () => {
    const store = new LakeStore(documents)
    expect(() => store.mutate([{create: {_id: 'article.a', _type: 'article'}}], 'u1')).toThrow(/already exists/)
    const stale = {patch: {id: 'article.a', ifRevisionID: 'old', set: {title: 'x'}}}
    expect(() => store.mutate([stale], 'u1')).toThrow(/unexpected revision/)
    expect(store.transactions).toEqual([])
    expect(store.documents.get('article.a')?.title).toBe('Published A')
  })
})

describe('the server', () => {
  let standin: ContentLakeStandin
  beforeAll(async () => {
    standin = await startContentLakeStandin({documents, user: DEMO_USERS.reviewer})
  })
  afterAll(() => standin.close())

  function get(path: string): Promise<{status: number; body: string}> {
    return new Promise((resolve, reject) => {
      const session = connect(`https://127.0.0.1:${standin.port}`, {rejectUnauthorized: false})
      const stream = session.request({':path': path, ':authority': 'vetted00.api.sanity.io'})
      let body = ''
      let status = 0
      stream.on('response', (headers) => {
        status = Number(headers[':status'])
      })
      stream.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8')
      })
      stream.on('end', () => {
        session.close()
        resolve({status, body})
      })
      stream.on('error', reject)
    })
  }

  it('speaks HTTP/2 over TLS and answers users/me with the configured user, then with nobody', async () => {
    expect(JSON.parse((await get('/v2025-02-19/users/me')).body)).toMatchObject({id: 'pMorganB1', name: 'Morgan Blair'})
    standin.setUser(null)
    expect(JSON.parse((await get('/v2025-02-19/users/me')).body)).toEqual({})
    standin.setUser(DEMO_USERS.reviewer)
  })

  it('answers data/query in the published perspective by default and raw on request', async () => {
    const query = encodeURIComponent('*[_type == "article"]._id')
    const path = `/v2025-02-19/data/query/production?query=${query}`
    expect(JSON.parse((await get(path)).body).result).toEqual(['article.a'])
    expect(JSON.parse((await get(`${path}&perspective=raw`)).body).result).toHaveLength(3)
  })

  it('answers data/doc with the documents found and the ids omitted', async () => {
    const answer = JSON.parse((await get('/v2025-02-19/data/doc/production/article.a,article.missing')).body)
    expect(answer.documents.map((document: {_id: string}) => document._id)).toEqual(['article.a'])
    expect(answer.omitted).toEqual([{id: 'article.missing', reason: 'existence'}])
  })
})

describe('images in the stand-in (the Studio’s image input and previews)', () => {
  const DATASET = fileURLToPath(new URL('../studio/dataset/production.ndjson', import.meta.url))
  let standin: ContentLakeStandin
  beforeAll(async () => {
    standin = await startContentLakeStandin({
      documents: readNdjson(DATASET),
      datasetFile: DATASET,
      user: DEMO_USERS.reviewer,
    })
  })
  afterAll(() => standin.close())

  function request(
    authority: string,
    path: string,
    body?: Buffer,
  ): Promise<{status: number; body: Buffer; type: string | undefined}> {
    return new Promise((resolve, reject) => {
      const session = connect(`https://127.0.0.1:${standin.port}`, {rejectUnauthorized: false})
      const stream = session.request({':path': path, ':authority': authority, ...(body ? {':method': 'POST'} : {})})
      const chunks: Buffer[] = []
      let status = 0
      let type: string | undefined
      stream.on('response', (headers) => {
        status = Number(headers[':status'])
        type = headers['content-type'] as string | undefined
      })
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        session.close()
        resolve({status, body: Buffer.concat(chunks), type})
      })
      stream.on('error', reject)
      stream.end(body)
    })
  }

  it('holds the dataset as imported: figures reference asset documents that the CDN serves', async () => {
    const lead = standin.store.documents.get('article.high-blood-pressure')?.leadImage as {asset?: {_ref: string}}
    const ref = lead.asset?._ref as string
    expect(ref).toMatch(/^image-[0-9a-f]{40}-1200x630-png$/)
    const asset = standin.store.documents.get(ref) as Record<string, unknown>
    expect(asset).toMatchObject({
      _type: 'sanity.imageAsset',
      url: expect.stringMatching(/^https:\/\/cdn\.sanity\.io\/images\/vetted00\/production\//),
    })
    const file = await request('cdn.sanity.io', `${new URL(String(asset.url)).pathname}?w=300&fit=max`)
    expect(file.status).toBe(200)
    expect(file.type).toBe('image/png')
    expect(createHash('sha1').update(file.body).digest('hex')).toBe(asset.sha1hash)
    expect(JSON.stringify([...standin.store.documents.values()])).not.toContain('_sanityAsset')
  })

  it('creates the asset document an upload makes, named by the sha1 and size of the bytes', async () => {
    const images = new URL('../studio/dataset/images/', import.meta.url)
    const svg = readFileSync(new URL(readdirSync(images).find((name) => name.endsWith('.svg')) as string, images))
    const bytes = await sharp(svg).png().toBuffer()
    const png = await request('vetted00.api.sanity.io', '/v2021-06-07/assets/images/production?filename=a.png', bytes)
    const document = JSON.parse(png.body.toString('utf8')).document as Record<string, unknown>
    expect(document).toMatchObject({
      _type: 'sanity.imageAsset',
      extension: 'png',
      metadata: {dimensions: {width: 720, height: 420}},
    })
    expect(standin.store.documents.get(String(document._id))).toEqual(document)
    expect((await request('cdn.sanity.io', new URL(String(document.url)).pathname)).status).toBe(200)
  })
})
