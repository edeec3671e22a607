import {readFileSync} from 'node:fs'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import {beforeAll, describe, expect, it} from 'vitest'
import {openSource} from '../pipeline/source/open.ts'
import type {SourceSettings} from '../pipeline/source/types.ts'
import {REPO_ROOT, renderForTest} from './render-support.ts'

/**
 * article.schema.json is what consumers validate against, so it is checked here with a validator set up from
 * scratch (ajv 2020 with ajv-formats, formats asserted, `$data` on), not with the pipeline's `compileSchema` nor
 * with anything that wrote the bundles: every article of the embedded dataset validates, and each impossible value
 * is refused at the place it was put.
 */
const SCHEMA_FILE = path.join(REPO_ROOT, 'pipeline/render/article.schema.json')
const SCHEMA = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {$id: string}

const ajv = new Ajv2020({allErrors: true, strict: true, $data: true})
addFormats.default(ajv)
const validate = ajv.compile(SCHEMA)

function errorsOf(value: unknown): Array<{instancePath: string; keyword: string}> {
  validate(value)
  return (validate.errors ?? []).map(({instancePath, keyword}) => ({instancePath, keyword}))
}

type Json = Record<string, unknown>

const bundles = new Map<string, Json>()
let settings: SourceSettings | null

beforeAll(async () => {
  const source = await openSource({env: {}, cwd: REPO_ROOT})
  try {
    settings = await source.getSettings()
    for await (const row of source.listArticles()) {
      const article = (await source.getArticle(row._id))!
      const rendered = await renderForTest(article, {settings, datasetLabel: 'studio/dataset/production.ndjson'})
      bundles.set(row._id, JSON.parse(rendered.files['article.json']) as Json)
    }
  } finally {
    await source.close()
  }
}, 120_000)

describe('article.schema.json', () => {
  it('is published under the publisher’s URL', () => {
    expect(SCHEMA.$id).toBe(`${settings?.publisherUrl}/schema/article.schema.json`)
  })

  it('accepts the article.json of every article of the embedded dataset', () => {
    expect(bundles.size).toBeGreaterThanOrEqual(7)
    for (const [id, bundle] of bundles) expect({id, errors: errorsOf(bundle)}).toEqual({id, errors: []})
  })

  /** Each case: where the impossible value goes, the value, and the path the validator must name. */
  const mutations: Array<[string, (bundle: Json) => void, string]> = [
    ['a published date of 2023-13-45', (bundle) => (dates(bundle).published = '2023-13-45'), '/dates/published'],
    ['a last-edited date of 2023-02-30', (bundle) => (dates(bundle).lastEdited = '2023-02-30'), '/dates/lastEdited'],
    ['a next review before the last review', (b) => (dates(b).nextReviewDue = '2000-01-01'), '/dates/nextReviewDue'],
    ['a DOI of `not a doi`', (bundle) => (csl(bundle).DOI = 'not a doi'), '/citations/0/csl/DOI'],
    ['a PMID of `PMID: 123`', (bundle) => (csl(bundle).PMID = 'PMID: 123'), '/citations/0/csl/PMID'],
    ['a PMCID without PMC', (bundle) => (csl(bundle).PMCID = '2446461'), '/citations/0/csl/PMCID'],
    ['a citation URL of `javascript:…`', (bundle) => (csl(bundle).URL = 'javascript:alert(1)'), '/citations/0/csl/URL'],
    ['a publisher URL of `javascript:…`', (b) => (record(b, 'publisher').url = 'javascript:void 0'), '/publisher/url'],
    ['a publisher URL of `data:…`', (b) => (record(b, 'publisher').url = 'data:text/html,hi'), '/publisher/url'],
    ['a slug of `../etc`', (bundle) => (bundle.slug = '../etc'), '/slug'],
    ['a slug with a capital', (bundle) => (bundle.slug = 'Hand-washing'), '/slug'],
    ['an empty citation text', (bundle) => (citation(bundle).text = ''), '/citations/0/text'],
    ['a citation text of spaces', (bundle) => (citation(bundle).text = '   '), '/citations/0/text'],
    ['a language of `english!!`', (bundle) => (bundle.language = 'english!!'), '/language'],
    ['an empty title', (bundle) => (bundle.title = ''), '/title'],
    ['an empty author name', (bundle) => ((bundle.authors as Json[])[0]!.name = ''), '/authors/0/name'],
    [
      'a journal abbreviation with full stops',
      (b) => (csl(b)['container-title-short'] = 'Am. J. Public Health'),
      '/citations/0/csl/container-title-short',
    ],
  ]

  it.each(mutations)('refuses %s', (_name, mutate, where) => {
    const bundle = structuredClone(bundles.get('article.hand-washing')!)
    expect(errorsOf(bundle)).toEqual([])
    mutate(bundle)
    const index = (bundle.citations as Json[]).indexOf(citation(bundle))
    const paths = errorsOf(bundle).map((error) => error.instancePath)
    expect(paths).toContain(where.replace('/citations/0/', `/citations/${index}/`))
  })

  it('accepts the language tags and dates a real article may have', () => {
    for (const language of ['en', 'en-GB', 'es-419', 'zh-Hant-TW', 'sl-rozaj']) {
      expect(errorsOf({...bundles.get('article.hand-washing')!, language})).toEqual([])
    }
    const leap = structuredClone(bundles.get('article.hand-washing')!)
    dates(leap).published = '2024-02-29'
    expect(errorsOf(leap)).toEqual([])
  })
})

function record(bundle: Json, key: string): Json {
  return bundle[key] as Json
}

function dates(bundle: Json): Json {
  return record(bundle, 'dates')
}

/** hand-washing's first citation with a DOI and PMID: Aiello 2008. */
function citation(bundle: Json): Json {
  return (bundle.citations as Json[]).find((entry) => (entry.csl as Json).DOI !== undefined)!
}

function csl(bundle: Json): Json {
  return citation(bundle).csl as Json
}
