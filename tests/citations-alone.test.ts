import {readFileSync} from 'node:fs'
import path from 'node:path'
import {plugins, type CSL} from '@citation-js/core'
import {describe, expect, it} from 'vitest'
import {generateDataset} from '../bench/generate.ts'
import {entryFromHtml, formatWithCiteproc} from '../pipeline/render/citations/citeproc-formatter.ts'
import {citationToCsl, type CslItem, type CslName} from '../pipeline/render/citations/csl-json.ts'
import {itemForStyle} from '../pipeline/render/citations/style-item.ts'
import {AMA_STYLE_NAME} from '../pipeline/render/citations/styles/ama.ts'
import {VANCOUVER_STYLE_NAME} from '../pipeline/render/citations/styles/vancouver.ts'
import type {CitationStyle} from '../pipeline/render/types.ts'
import {sourceCitation} from './helpers/citation-documents.ts'
import {REPO_ROOT} from './render-support.ts'

/**
 * Each entry is formatted as citeproc formats a bibliography that holds only that source. The formatter takes
 * shortcuts inside citeproc's engine for speed (no bibliography sort keys, no in-text citation render, no
 * disambiguation): these tests hold its entries to citeproc's full path — a fresh engine of the same style,
 * untouched, with the one source registered by `updateItems` and formatted by `makeBibliography` — on the
 * embedded dataset, the citation fixtures, sources from the bench's generator and hand-made name lists that reach
 * citeproc's name registry (shared family names, family-only people beside organisations, long author lists).
 */

const STYLES: Record<CitationStyle, string> = {apa: 'apa', vancouver: VANCOUVER_STYLE_NAME, ama: AMA_STYLE_NAME}
function ndjson(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

async function generatedCitations(articles: number): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = []
  for await (const document of generateDataset({n: articles, words: 50, drafts: false}))
    if (document._type === 'citation') out.push(document)
  return out
}

const person = (family?: string, given?: string): CslName => ({
  ...(family ? {family} : {}),
  ...(given ? {given} : {}),
})
const organisation = (literal: string): CslName => ({literal})
const FAMILIES = ['Smith', 'Jones', 'Lee', 'Smith', 'García']
const GIVEN = ['J.', 'K.', 'A. B.', 'M.', 'Ana']
const authors = (count: number) =>
  Array.from({length: count}, (_, index) => person(FAMILIES[index % 5], GIVEN[index % 3]))

/** Name lists that exercise citeproc's name registry and et-al rules, on every type this project stores. */
function nameTraps(): CslItem[] {
  const lists: CslName[][] = [
    [],
    [organisation('World Health Organization')],
    [person('Smith', 'J.'), person('Smith', 'A.')],
    [person('Smith', 'John'), person('Smith', 'Jane')],
    [person('Smith', 'J. R.'), person('Smith', 'J.')],
    [person('Smith'), organisation('WHO')],
    [organisation('WHO'), person('Smith', 'J.')],
    [person('Smith'), person('Smith', 'J.')],
    [person('Li'), person('Li', 'X.'), person('Li', 'Y.')],
    [person(undefined, 'Plato')],
    [person('Smith', 'J.'), organisation('Smith')],
    [person('Smith', 'J.'), person('Jones', 'K.'), organisation('Cochrane')],
    [person('Müller', 'Jürgen'), person('Øster', 'Åse')],
    ...[3, 7, 19, 20, 21, 25].map(authors),
  ]
  const fields: Array<Partial<CslItem>> = [
    {
      title: 'Vaccines and risk: a review',
      'container-title': 'Journal of Tests',
      'container-title-short': 'J Tests',
      issued: {'date-parts': [[2020, 3, 4]]},
      volume: '12',
      issue: '3',
      page: '100-110',
      DOI: '10.1000/x.1',
    },
    {
      title: 'Guideline on care',
      publisher: 'World Health Organization',
      issued: {'date-parts': [[2019]]},
      URL: 'https://example.org/g',
      accessed: {'date-parts': [[2024, 1, 2]]},
    },
    {title: 'A page', URL: 'https://example.org/p', issued: {literal: 'Spring 2018'}, PMID: '123', PMCID: 'PMC9'},
  ]
  const types = ['article-journal', 'book', 'chapter', 'report', 'webpage']
  return types.flatMap((type) =>
    lists.flatMap((author, list) =>
      fields.map((field, index) => ({
        id: `trap.${type}.${list}.${index}`,
        type,
        ...(author.length > 0 ? {author} : {}),
        ...field,
      })),
    ),
  )
}

/** Citeproc's full path: an untouched engine of the same style (registered under a name of its own). */
function fullPath(items: readonly CslItem[], style: CitationStyle): ReturnType<typeof entryFromHtml>[] {
  const csl = plugins.config.get('@csl')
  const name = `untouched-${STYLES[style]}`
  if (!csl.styles.has(name)) csl.styles.add(name, csl.styles.get(STYLES[style]))
  const entries = items.map((item, index) => ({...itemForStyle(item, style), id: `entry-${index}`}))
  const engine = csl.engine(entries as unknown as CSL[], name, 'en-US', 'html') as {
    updateItems: (ids: string[]) => unknown
    makeBibliography: () => [unknown, string[]] | false
    opt: {development_extensions: {wrap_url_and_doi: boolean}}
  }
  engine.opt.development_extensions.wrap_url_and_doi = true
  return entries.map((entry) => {
    engine.updateItems([entry.id])
    const bibliography = engine.makeBibliography()
    return entryFromHtml(bibliography ? (bibliography[1][0] ?? '') : '')
  })
}

describe('an entry is formatted as citeproc formats a bibliography of that source alone', async () => {
  const documents = [
    ...ndjson(path.join(REPO_ROOT, 'studio/dataset/production.ndjson')).filter(
      (document) => document._type === 'citation',
    ),
    ...(JSON.parse(readFileSync(path.join(REPO_ROOT, 'tests/fixtures/citations/sources.json'), 'utf8')) as Array<
      Record<string, unknown>
    >),
    ...(await generatedCitations(300)),
  ]
  const items = [...documents.map((document) => citationToCsl(sourceCitation(document))), ...nameTraps()]

  it.each(Object.keys(STYLES) as CitationStyle[])('%s', (style) => {
    expect(items.length).toBeGreaterThan(400)
    const formatted = formatWithCiteproc(items, style, 'en-US')
    const expected = fullPath(items, style)
    // Compared one by one, so that a failure names the source.
    items.forEach((item, index) => expect({item, ...formatted[index]}).toEqual({item, ...expected[index]}))
  })
})
