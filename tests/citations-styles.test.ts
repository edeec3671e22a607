import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {citationToCsl} from '../pipeline/render/citations/csl-json.ts'
import {formatReference} from '../pipeline/render/citations/format-references.ts'
import type {CitationStyle, SourceCitation} from '../pipeline/render/types.ts'
import {CITATION_FIELDS} from './helpers/citation-documents.ts'
import {REPO_ROOT} from './render-support.ts'

/**
 * One fixture per style (tests/fixtures/citations/styles/<style>.json): entries whose expected text is the manual's
 * own example for that rule (APA 7, Citing Medicine 2nd ed. for Vancouver/NLM, AMA Manual of Style 11th ed.), each
 * naming the section it comes from. An entry marked "the embedded dataset's" applies the cited rule to a source of
 * the dataset where the manual's own example needs a field this project does not store (an edition, "Updated").
 */
interface StyleCase {
  manual: string
  citation: Partial<SourceCitation> & {authors?: Array<{family: string; given: string}>}
  expected: string
}

const STYLES: CitationStyle[] = ['apa', 'vancouver', 'ama']
function source(fields: StyleCase['citation'], index: number): SourceCitation {
  const empty = Object.fromEntries(CITATION_FIELDS.map((field) => [field, null]))
  return {...empty, ...fields, _id: `citation.manual-${index}`, _rev: 'r'} as SourceCitation
}

describe.each(STYLES)('%s, against its manual’s examples', (style) => {
  const file = path.join(REPO_ROOT, 'tests/fixtures/citations/styles', `${style}.json`)
  const cases = JSON.parse(readFileSync(file, 'utf8')) as StyleCase[]

  it.each(cases.map((entry, index) => [entry.manual, entry, index] as const))('%s', (_manual, entry, index) => {
    expect(formatReference(citationToCsl(source(entry.citation, index)), style, 'en-US').text).toBe(entry.expected)
  })
})

describe('the embedded dataset’s journals', () => {
  const journals = readFileSync(path.join(REPO_ROOT, 'studio/dataset/production.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((document) => document._type === 'citation' && document.cslType === 'article-journal')

  it.each(['vancouver', 'ama'] as const)('are printed by their NLM abbreviation in %s', (style) => {
    expect(journals.length).toBeGreaterThanOrEqual(9)
    for (const [index, document] of journals.entries()) {
      const {_id: _ignored, ...fields} = document
      const short = document.containerTitleShort
      expect({id: document._id, short: typeof short}).toEqual({id: document._id, short: 'string'})
      const text = formatReference(citationToCsl(source(fields as StyleCase['citation'], index)), style, 'en-US').text
      expect(text).toContain(`. ${String(short)}. `)
      if (document.containerTitle !== short) expect(text).not.toContain(String(document.containerTitle))
    }
  })
})
