import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openLakeSource} from '../pipeline/source/lake-source.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import type {ContentSource} from '../pipeline/source/types.ts'
import {startContentLakeStub} from './fixtures/source/content-lake-stub.ts'

let dir: string
let fileCount = 0
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'vetted-source-props-'))
})
afterAll(() => rmSync(dir, {recursive: true, force: true}))

function writeLines(lines: string[]): string {
  const file = path.join(dir, `dataset-${fileCount++}.ndjson`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

/** Everything a source returns, asked for every id that exists in any form. */
async function everything(source: ContentSource, ids: string[]) {
  const listed: string[] = []
  for await (const entry of source.listArticles()) listed.push(entry._id)
  const articles = await Promise.all(ids.map((id) => source.getArticle(id)))
  return {listed, articles, settings: await source.getSettings()}
}

// ---------------------------------------------------------------------------------------------------------------
// Drafts and release versions never reach a result

type Presence = 'published' | 'draft' | 'both' | 'version' | 'all'
const presence = fc.constantFrom<Presence>('published', 'draft', 'both', 'version', 'all')
const has = (p: Presence, form: 'published' | 'draft' | 'version') =>
  p === 'all' || p === form || (p === 'both' && form !== 'version')

const datasetArbitrary = fc.record({
  articles: fc.array(
    fc.record({
      presence,
      cites: fc.subarray([0, 1, 2, 3]),
      author: fc.nat(2),
      reviews: fc.array(fc.record({presence, reviewer: fc.nat(2)}), {maxLength: 2}),
    }),
    {minLength: 1, maxLength: 6},
  ),
  citations: fc.array(presence, {minLength: 4, maxLength: 4}),
  people: fc.array(presence, {minLength: 3, maxLength: 3}),
  settings: presence,
  seed: fc.nat(),
})
type Dataset = typeof datasetArbitrary extends fc.Arbitrary<infer T> ? T : never

/** Every form of every document; unpublished forms carry the word UNPUBLISHED in every text field. */
function buildDocuments(dataset: Dataset) {
  const documents: Array<Record<string, unknown>> = []
  const add = (p: Presence, id: string, make: (text: string) => Record<string, unknown>) => {
    if (has(p, 'published')) documents.push({_id: id, ...make('Published')})
    if (has(p, 'draft')) documents.push({_id: `drafts.${id}`, ...make('UNPUBLISHED draft')})
    if (has(p, 'version')) documents.push({_id: `versions.r1.${id}`, ...make('UNPUBLISHED version')})
  }
  add(dataset.settings, 'settings', (text) => ({_type: 'settings', publisherName: text}))
  dataset.people.forEach((p, index) =>
    add(p, `person.p${index}`, (text) => ({_type: 'person', name: `${text} person`})),
  )
  dataset.citations.forEach((p, index) =>
    add(p, `citation.c${index}`, (text) => ({_type: 'citation', title: `${text} source`})),
  )
  dataset.articles.forEach((article, index) => {
    add(article.presence, `article.a${index}`, (text) => ({
      _type: 'article',
      _rev: `rev-${text.length}`,
      title: `${text} article`,
      slug: {_type: 'slug', current: `a${index}`},
      authors: [{_type: 'reference', _key: 'au', _ref: `person.p${article.author}`}],
      body: [
        {
          _type: 'block',
          _key: 'b',
          children: [
            {_type: 'span', _key: 's', text: `${text} text`},
            ...article.cites.map((c) => ({
              _type: 'citationMarker',
              _key: `m${c}`,
              citation: {_type: 'reference', _ref: `citation.c${c}`},
            })),
          ],
        },
      ],
    }))
    article.reviews.forEach((review, r) =>
      add(review.presence, `review.a${index}.${r}`, (text) => ({
        _type: 'review',
        article: {_type: 'reference', _ref: `article.a${index}`},
        reviewer: {_type: 'reference', _ref: `person.p${review.reviewer}`},
        reviewedOn: '2026-01-01',
        outcome: 'approved',
        contentHash: text,
      })),
    )
  })
  // A deterministic shuffle driven by the generated seed: line order must not matter.
  return documents
    .map((doc, index) => ({doc, key: (index * 7919 + dataset.seed) % 1009}))
    .sort((a, b) => a.key - b.key)
    .map(({doc}) => doc)
}

function assertPublishedOnly(
  result: Awaited<ReturnType<typeof everything>>,
  documents: Array<Record<string, unknown>>,
) {
  const text = JSON.stringify(result)
  expect(text).not.toContain('UNPUBLISHED')
  expect(text).not.toMatch(/"_id":"(drafts|versions)\./)
  const published = documents
    .filter((doc) => doc._type === 'article' && !/^(drafts|versions)\./.test(String(doc._id)))
    .map((doc) => String(doc._id))
    .sort()
  expect(result.listed).toEqual(published)
}

describe('drafts and release versions never appear in results (property)', () => {
  it('local NDJSON source, over generated datasets', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary, async (dataset) => {
        const documents = buildDocuments(dataset)
        const source = await openLocalSource({
          file: writeLines(documents.map((doc) => JSON.stringify(doc))),
          label: 'generated.ndjson',
        })
        try {
          const ids = documents.filter((doc) => doc._type === 'article').map((doc) => String(doc._id))
          assertPublishedOnly(await everything(source, ids), documents)
        } finally {
          await source.close()
        }
      }),
      {numRuns: 60},
    )
  })

  it('Content Lake source gives the same results as the local source, over generated datasets', async () => {
    await fc.assert(
      fc.asyncProperty(datasetArbitrary, async (dataset) => {
        const documents = buildDocuments(dataset)
        const ids = documents.filter((doc) => doc._type === 'article').map((doc) => String(doc._id))
        const stub = await startContentLakeStub(documents)
        const local = await openLocalSource({
          file: writeLines(documents.map((doc) => JSON.stringify(doc))),
          label: 'generated.ndjson',
        })
        try {
          const remote = await everything(
            openLakeSource({projectId: 'abc123', dataset: 'production', apiHost: stub.apiHost, pageSize: 2}),
            ids,
          )
          assertPublishedOnly(remote, documents)
          expect(remote).toEqual(await everything(local, ids))
        } finally {
          await local.close()
          await stub.close()
        }
      }),
      {numRuns: 15},
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Prototype pollution

/** JSON text built from key/value pairs, so `__proto__` keys reach the file as keys (an object literal would eat them). */
type JsonTree =
  | {kind: 'leaf'; value: string | number | boolean | null}
  | {kind: 'array'; items: JsonTree[]}
  | {kind: 'object'; entries: Array<[string, JsonTree]>}
const dangerousKey = fc.constantFrom(
  '__proto__',
  'constructor',
  'prototype',
  'polluted',
  'toString',
  'hasOwnProperty',
  'text',
)
const {tree: jsonTree} = fc.letrec<{tree: JsonTree}>((tie) => ({
  tree: fc.oneof(
    {depthSize: 'small', withCrossShrink: true},
    fc
      .oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null))
      .map((value): JsonTree => ({kind: 'leaf', value})),
    fc.array(tie('tree'), {maxLength: 3}).map((items): JsonTree => ({kind: 'array', items})),
    fc
      .array(fc.tuple(dangerousKey, tie('tree')), {maxLength: 4})
      .map((entries): JsonTree => ({kind: 'object', entries})),
  ),
}))

function toJson(tree: JsonTree): string {
  if (tree.kind === 'leaf') return JSON.stringify(tree.value)
  if (tree.kind === 'array') return `[${tree.items.map(toJson).join(',')}]`
  const seen = new Set<string>()
  const entries = tree.entries.filter(([key]) => !seen.has(key) && Boolean(seen.add(key)))
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${toJson(value)}`).join(',')}}`
}

const PROTOTYPES = [Object.prototype, Array.prototype, Function.prototype, String.prototype]
const snapshot = () => PROTOTYPES.map((proto) => Object.getOwnPropertyNames(proto).sort().join(','))

describe('keys like __proto__ and constructor never change a prototype (property)', () => {
  const before = snapshot()
  const lines = (extra: string) => [
    `{"_id":"settings","_type":"settings","publisherName":"P","__proto__":${extra},"constructor":${extra}}`,
    `{"_id":"person.p","_type":"person","name":"N","__proto__":${extra},"bio":${extra}}`,
    `{"_id":"citation.c","_type":"citation","title":"T","__proto__":${extra},"constructor":{"prototype":${extra}}}`,
    `{"_id":"article.a","_type":"article","_rev":"r","title":"A","slug":{"_type":"slug","current":"a"},"__proto__":${extra},` +
      `"authors":[{"_type":"reference","_key":"k","_ref":"person.p","__proto__":${extra}}],` +
      `"body":[{"_type":"block","_key":"b","__proto__":${extra},"children":[{"_type":"span","_key":"s","text":"x","__proto__":${extra},"constructor":${extra}},` +
      `{"_type":"citationMarker","_key":"m","citation":{"_type":"reference","_ref":"citation.c"},"__proto__":${extra}}]}]}`,
    `{"_id":"review.a","_type":"review","article":{"_type":"reference","_ref":"article.a"},"reviewer":{"_type":"reference","_ref":"person.p"},"reviewedOn":"2026-01-01","outcome":"approved","__proto__":${extra}}`,
  ]

  it('local NDJSON source keeps them as data and leaves prototypes alone', async () => {
    await fc.assert(
      fc.asyncProperty(jsonTree, async (tree) => {
        const extra = toJson(tree)
        const file = writeLines(lines(extra))
        const source = await openLocalSource({file, label: 'proto.ndjson'})
        try {
          const article = await source.getArticle('article.a')
          await source.getSettings()
          expect(snapshot()).toEqual(before)
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
          const input = JSON.parse(lines(extra)[3] as string) as {body: unknown}
          expect(JSON.stringify(article?.body)).toBe(JSON.stringify(input.body))
          expect(article?.authors?.[0]?.name).toBe('N')
          expect(article?.citations.map((citation) => citation.title)).toEqual(['T'])
        } finally {
          await source.close()
        }
      }),
      {numRuns: 80},
    )
  })

  it('Content Lake source keeps them as data and leaves prototypes alone', async () => {
    await fc.assert(
      fc.asyncProperty(jsonTree, async (tree) => {
        const documents = lines(toJson(tree)).map((line) => JSON.parse(line) as Record<string, unknown>)
        const stub = await startContentLakeStub(documents)
        try {
          const source = openLakeSource({projectId: 'abc123', dataset: 'production', apiHost: stub.apiHost})
          const article = await source.getArticle('article.a')
          expect(snapshot()).toEqual(before)
          expect(JSON.stringify(article?.body)).toBe(JSON.stringify((documents[3] as {body: unknown}).body))
        } finally {
          await stub.close()
        }
      }),
      {numRuns: 15},
    )
  })
})
