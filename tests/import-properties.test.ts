import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {importMarkdownFiles, type DatasetDocument} from '../pipeline/import/index.ts'
import {comparablePortableText, embeddedDataset, exportedMarkdown} from './import-support.ts'

/** Words that Markdown gives a meaning to, among plain ones: the export must escape them and the import read them back. */
const WORDS = [
  'care',
  'sleep',
  'blood',
  'Pressure',
  '3',
  '2026',
  '[2]',
  '[x]',
  '*',
  '_',
  '#',
  '1.',
  '-',
  '+',
  '<b>',
  '&amp;',
  'a_b',
  'x*y',
  '`',
  '\\',
  '(',
  ')',
  '!',
  ':',
  'https://example.org/a',
  'www.example.com',
  '~',
  '|',
  '>',
  'line\nbreak',
]
const CITATIONS = ['citation.cdc-2021', 'citation.knowler-2002', 'citation.who-diabetes']
const LINKS = ['https://www.cdc.gov/handwashing/', '/articles/sleep-adults', 'mailto:editor@example.org']
const ID = 'article.generated'

const text = fc.array(fc.constantFrom(...WORDS), {minLength: 1, maxLength: 6}).map((words) => words.join(' '))
/** Titles, summaries, takeaways and notices are single lines of text. */
const line = text.map((value) => value.replace(/\n/g, ' '))
const marks = fc.subarray(['strong', 'em', 'code'])

type Inline = {kind: 'text'; text: string; marks: string[]; link?: string} | {kind: 'marker'; citation: string}
const inline: fc.Arbitrary<Inline> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        kind: fc.constant('text' as const),
        text,
        marks,
        link: fc.option(fc.constantFrom(...LINKS), {nil: undefined}),
      })
      .map(codeAlone),
  },
  {weight: 1, arbitrary: fc.record({kind: fc.constant('marker' as const), citation: fc.constantFrom(...CITATIONS)})},
)

/**
 * Inline code holds text only: the render flattens any mark or link inside it (Markdown cannot put a link in a code
 * span) and turns its line breaks into spaces, so such a span cannot survive an export, whatever the import does.
 */
function codeAlone<T extends {marks: string[]; link?: string}>(span: T): T {
  return span.marks.includes('code')
    ? {...span, marks: ['code'], link: undefined, text: (span as {text?: string}).text?.replace(/\n/g, ' ')}
    : span
}

interface BlockSpec {
  style: 'normal' | 'h2' | 'h3' | 'h4' | 'blockquote'
  list?: 'bullet' | 'number'
  depth: number
  children: Inline[]
}
const block: fc.Arbitrary<BlockSpec> = fc.record({
  style: fc.constantFrom('normal', 'normal', 'h2', 'h3', 'h4', 'blockquote'),
  list: fc.option(fc.constantFrom('bullet', 'number'), {nil: undefined}),
  depth: fc.integer({min: 1, max: 3}),
  children: fc.array(inline, {minLength: 1, maxLength: 5}),
})

/**
 * Portable Text as Studio stores it: words separated by one space (a space between runs of different marks goes
 * to the unmarked side, or to the following run), list levels that never skip one, keys from the position.
 */
function toBody(specs: readonly BlockSpec[]): unknown[] {
  let previousLevel = 0
  return specs.map((spec, index) => {
    const key = `b${index}`
    const level = spec.list ? Math.min(spec.depth, previousLevel + 1) : 0
    previousLevel = level
    const markDefs: Array<{_type: 'link'; _key: string; href: string}> = []
    const children: Array<Record<string, unknown>> = []
    spec.children.forEach((child, position) => {
      if (child.kind === 'marker') {
        children.push({
          _type: 'citationMarker',
          _key: `${key}c${position}`,
          citation: {_type: 'reference', _ref: child.citation},
        })
        return
      }
      const spanMarks = [...child.marks]
      if (child.link) {
        const linkKey = `${key}l${markDefs.length}`
        markDefs.push({_type: 'link', _key: linkKey, href: child.link})
        spanMarks.push(linkKey)
      }
      const separated = position > 0 && spec.children[position - 1]!.kind === 'text'
      if (separated) children.push({_type: 'span', _key: `${key}s${position}`, text: ' ', marks: []})
      // A heading is one line in Markdown: line breaks live in paragraphs, quotes and list items.
      const value = spec.style.startsWith('h') && !spec.list ? child.text.replace(/\n/g, ' ') : child.text
      children.push({_type: 'span', _key: `${key}t${position}`, text: value, marks: spanMarks})
    })
    return {
      _type: 'block',
      _key: key,
      style: spec.list ? 'normal' : spec.style,
      ...(spec.list ? {listItem: spec.list, level} : {}),
      markDefs,
      children,
    }
  })
}

const base = embeddedDataset().filter((document) => ['settings', 'person', 'citation'].includes(document._type))

describe('export → import → export over generated articles', () => {
  it('is a fixed point of the Markdown, and gives back the Portable Text up to keys', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(block, {minLength: 1, maxLength: 8}),
        line,
        fc.array(line, {maxLength: 2}),
        fc.option(line, {nil: undefined}),
        async (blocks, title, takeaways, notice) => {
          const article: DatasetDocument = {
            _id: ID,
            _type: 'article',
            title: `About ${title}`,
            slug: {_type: 'slug', current: 'generated'},
            summary: `A summary of ${title}.`,
            language: 'en',
            body: toBody(blocks),
            ...(takeaways.length > 0 ? {keyTakeaways: takeaways} : {}),
            ...(notice ? {safetyNotice: notice} : {}),
            authors: [{_type: 'reference', _ref: 'person.sean-jackson', _key: 'a0'}],
            publishedAt: '2026-01-05',
          }
          const first = await exportedMarkdown([...base, article], ID)
          const result = await importMarkdownFiles([{path: 'generated.md', value: first}], base)
          const imported = result.documents.find((document) => document._id === ID)
          expect(imported, result.files[0]!.messages.join('\n')).toBeDefined()
          expect(comparablePortableText(imported!.body)).toEqual(comparablePortableText(article.body))
          expect([imported!.title, imported!.summary, imported!.keyTakeaways, imported!.safetyNotice]).toEqual([
            article.title,
            article.summary,
            article.keyTakeaways,
            article.safetyNotice,
          ])
          expect(await exportedMarkdown(result.documents, ID)).toBe(first)
        },
      ),
      {numRuns: Number(process.env.IMPORT_RUNS ?? 60), seed: Number(process.env.IMPORT_SEED ?? 20261126)},
    )
  }, 300_000)
})
