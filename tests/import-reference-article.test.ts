import {readFileSync} from 'node:fs'
import {beforeAll, describe, expect, it} from 'vitest'
import {importMarkdownFiles, type DatasetDocument, type ImportResult} from '../pipeline/import/index.ts'
import {comparablePortableText, embeddedDataset} from './import-support.ts'

const FIXTURE = 'tests/fixtures/import/infant-mental-health.md'
const ID = 'article.infant-mental-health'
const markdown = readFileSync(new URL('./fixtures/import/infant-mental-health.md', import.meta.url), 'utf8')
const dataset = embeddedDataset()
const reference = dataset.find((document) => document._id === ID)!

/** Every citation marker as (block index, characters of text before it in the block, cited id). */
function markerPlaces(body: unknown, citationName: (id: string) => string): Array<[number, number, string]> {
  const places: Array<[number, number, string]> = []
  ;(body as Array<{children: Array<Record<string, unknown>>}>).forEach((block, index) => {
    let offset = 0
    for (const child of block.children) {
      if (child._type === 'span') offset += String(child.text).length
      else places.push([index, offset, citationName((child.citation as {_ref: string})._ref)])
    }
  })
  return places
}

function blockTexts(body: unknown): string[] {
  return (body as Array<{style: string; listItem?: string; children: Array<Record<string, unknown>>}>).map(
    (block) =>
      `${block.listItem ?? block.style}: ${block.children.map((child) => (child._type === 'span' ? child.text : '')).join('')}`,
  )
}

describe('the reference article, written by hand in Markdown', () => {
  let matched: ImportResult
  let fresh: ImportResult
  beforeAll(async () => {
    matched = await importMarkdownFiles(
      [{path: FIXTURE, value: markdown}],
      dataset.filter((document) => document._id !== ID),
    )
    fresh = await importMarkdownFiles(
      [{path: FIXTURE, value: markdown}],
      dataset.filter((document) => document._type !== 'citation' && document._id !== ID),
    )
  }, 120_000)

  const article = (result: ImportResult) => result.documents.find((document) => document._id === ID)!

  it('imports without errors or warnings into the embedded dataset', () => {
    expect(matched.files[0]!.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([])
  })

  it('gives the same body text, block by block, as the embedded dataset’s reference article', () => {
    expect(blockTexts(article(matched).body)).toEqual(blockTexts(reference.body))
    expect(comparablePortableText(article(matched).body)).toEqual(comparablePortableText(reference.body))
  })

  it('puts the citation markers in the same places, citing the same ten sources', () => {
    const places = markerPlaces(article(matched).body, (id) => id)
    expect(places).toEqual(markerPlaces(reference.body, (id) => id))
    expect(new Set(places.map(([, , id]) => id)).size).toBe(10)
    expect(places.slice(0, 3)).toEqual([
      [
        0,
        'Infancy, or the period from birth to about one year, is full of developmental milestones that have life-long effects.'
          .length,
        'citation.cdc-2021',
      ],
      [
        2,
        'While infancy is typically defined as the first year after birth, infant mental health usually has a much broader timeline. Infant mental health includes the first three years of life.'
          .length,
        'citation.duquesne-2020',
      ],
      [4, expect.any(Number), 'citation.simpson-2016'],
    ])
  })

  it('reuses the dataset’s people, citations and review instead of duplicating them', () => {
    const byKind = (kind: string) => matched.changes.filter((change) => change.kind === kind).map((change) => change.id)
    expect(byKind('create')).toEqual([ID])
    expect(byKind('update')).toEqual([])
    expect(byKind('unchanged')).toContain('review.infant-mental-health.2023-07-11')
    expect(matched.documents.length).toBe(dataset.length)
  })

  it('reads all ten references into structured citations when the dataset has none of them', () => {
    const messages = fresh.files[0]!.messages
    expect(messages.filter((message) => message.ruleId === 'reference-unstructured')).toEqual([])
    const imported = fresh.documents.filter((document) => document._type === 'citation')
    expect(imported).toHaveLength(10)
    const fields = [
      'cslType',
      'organization',
      'title',
      'containerTitle',
      'containerTitleShort',
      'issued',
      'volume',
      'issue',
      'pages',
      'accessed',
    ] as const
    const pick = (document: DatasetDocument) => ({
      ...Object.fromEntries(fields.map((field) => [field, document[field] ?? null])),
      authors: ((document.authors ?? []) as Array<{family: string; given: string}>).map(
        ({family, given}) => `${family}, ${given}`,
      ),
    })
    const expected = markerPlaces(reference.body, (id) => id).map(([, , id]) => id)
    const actual = markerPlaces(article(fresh).body, (id) => id).map(([, , id]) => id)
    const pairs = new Map(actual.map((id, index) => [id, expected[index]!]))
    expect(pairs.size).toBe(10)
    for (const [importedId, referenceId] of pairs) {
      const mine = imported.find((document) => document._id === importedId)!
      const theirs = dataset.find((document) => document._id === referenceId)!
      expect(pick(mine), referenceId).toEqual(pick(theirs))
      expect(mine.rawText).toBe(theirs.rawText)
    }
  })

  it('says how the house style will word each reference, since the page’s “Retrieved … from” has no URL to print', () => {
    const restyled = fresh.files[0]!.messages.filter((message) => message.ruleId === 'reference-restyled')
    expect(restyled).toHaveLength(10)
    expect(String(restyled[0]!.reason)).toContain(
      '“Centers for Disease Control and Prevention. (2021, November 29). Infants (0-1 years of age).”',
    )
    expect(restyled[0]!.line).toBe(markdown.split('\n').findIndex((line) => line.startsWith('1. Centers')) + 1)
  })

  it('records the review by Morgan Blair on 2023-07-11 with the content hash of the imported text', () => {
    const review = fresh.documents.find((document) => document._type === 'review')!
    expect(review).toMatchObject({
      _id: 'review.infant-mental-health.2023-07-11',
      reviewer: {_ref: 'person.morgan-blair'},
      reviewedOn: '2023-07-11',
      outcome: 'approved',
    })
    expect(review.contentHash).toMatch(/^[0-9a-f]{64}$/)
  })
})
