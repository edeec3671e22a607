import {describe, expect, it} from 'vitest'
import {importMarkdownFiles, type DatasetDocument} from '../pipeline/import/index.ts'
import {comparablePortableText, embeddedDataset, exportedMarkdown, publishedArticleIds} from './import-support.ts'

const dataset = embeddedDataset()
const ids = publishedArticleIds(dataset)
const TIMEOUT = 120_000

async function importInto(
  target: readonly DatasetDocument[],
  markdown: string,
  path: string,
  options: {acceptReviewRecords?: boolean} = {},
) {
  return importMarkdownFiles([{path, value: markdown}], target, options)
}

describe('export → import → export', () => {
  it('covers every published article of the embedded dataset', () => {
    expect(ids.length).toBe(7)
  })

  it.each(ids)(
    '%s: the Markdown is a fixed point and the Portable Text is the same up to keys',
    async (id) => {
      const first = await exportedMarkdown(dataset, id)
      const withoutArticle = dataset.filter((document) => document._id !== id)
      const result = await importInto(withoutArticle, first, `${id}.md`)
      expect(result.files[0]!.messages.filter((message) => message.fatal === true)).toEqual([])
      expect(await exportedMarkdown(result.documents, id)).toBe(first)
      const original = dataset.find((document) => document._id === id)!
      const imported = result.documents.find((document) => document._id === id)!
      expect(comparablePortableText(imported.body)).toEqual(comparablePortableText(original.body))
      for (const field of [
        'title',
        'summary',
        'language',
        'audience',
        'topics',
        'keyTakeaways',
        'safetyNotice',
        'authors',
        'publishedAt',
        'lastEditedAt',
      ]) {
        expect.soft(JSON.stringify(imported[field]), field).toBe(JSON.stringify(original[field]))
      }
    },
    TIMEOUT,
  )

  it.each(ids)(
    '%s: importing its own export into the dataset changes nothing',
    async (id) => {
      const result = await importInto(dataset, await exportedMarkdown(dataset, id), `${id}.md`)
      expect(result.changes.filter((change) => change.kind !== 'unchanged')).toEqual([])
      expect(result.documents).toEqual(dataset)
    },
    TIMEOUT,
  )

  it.each(ids)(
    '%s: into a dataset holding only the settings, people and citations are made from the file and the Markdown comes back the same',
    async (id) => {
      const fresh = dataset.filter((document) => document._id === 'settings')
      const first = await exportedMarkdown(dataset, id)
      // A migration of past records: the front matter's reviewer and date become an imported review.
      const result = await importInto(fresh, first, `${id}.md`, {acceptReviewRecords: true})
      const second = await exportedMarkdown(result.documents, id)
      // The content hash covers the citations' fields, and imported citations also keep their entry as written.
      const withoutHash = (markdown: string) => markdown.replace(/^contentHash: .*$/m, '')
      if (!/^lastReviewed: "?\d/m.test(first)) {
        // Edited since review or changes requested: the file states no review claim, so none is recorded.
        expect(first).toContain('reviewers: []')
        expect(second).toContain('reviewStatus: unreviewed')
      } else {
        expect(result.files[0]!.messages.map((message) => message.ruleId)).toContain('review-record-imported')
        expect(withoutHash(second)).toBe(withoutHash(first))
        // The reviewer is a new person: the import made them without the medical reviewer role.
        const review = result.documents.find((document) => document._type === 'review')!
        expect(review.provenance).toBe('imported')
        const reviewer = result.documents.find((document) => document._id === (review.reviewer as {_ref: string})._ref)!
        expect(reviewer.roles).not.toContain('medicalReviewer')
      }
    },
    TIMEOUT,
  )
})

describe('citation markers and bracketed text in article.md', () => {
  const base = dataset.filter((document) => ['settings', 'person', 'citation'].includes(document._type))
  const span = (key: string, text: string) => ({_type: 'span', _key: key, text, marks: []})
  const marker = (key: string, ref: string) => ({
    _type: 'citationMarker',
    _key: key,
    citation: {_type: 'reference', _ref: ref},
  })
  const article: DatasetDocument = {
    _id: 'article.brackets',
    _type: 'article',
    title: 'Brackets',
    slug: {_type: 'slug', current: 'brackets'},
    summary: 'Bracketed numbers that are text, and markers, before a colon and a parenthesis.',
    language: 'en',
    body: [
      {
        _type: 'block',
        _key: 'b0',
        style: 'normal',
        markDefs: [],
        children: [span('s0', 'Written as text: [1]: a colon and [1](a parenthesis).')],
      },
      {
        _type: 'block',
        _key: 'b1',
        style: 'normal',
        markDefs: [],
        children: [
          span('s0', 'Cited'),
          marker('m0', 'citation.cdc-2021'),
          span('s1', ': a colon, and'),
          marker('m1', 'citation.knowler-2002'),
          span('s2', '(a parenthesis).'),
        ],
      },
      {
        _type: 'block',
        _key: 'b2',
        style: 'normal',
        markDefs: [],
        children: [span('s0', '[2]: text that starts a paragraph like a definition')],
      },
    ],
    authors: [{_type: 'reference', _ref: 'person.sean-jackson', _key: 'a0'}],
    publishedAt: '2026-01-05',
  }

  it(
    'writes a marker before ":" or "(" unlike bracketed text, and the import reads each back as it was',
    async () => {
      const first = await exportedMarkdown([...base, article], article._id)
      expect(first).toContain('Written as text: \\[1]: a colon and \\[1]\\(a parenthesis).')
      expect(first).toContain('Cited[1]\\: a colon, and[2]\\(a parenthesis).')
      expect(first).toContain('\\[2]: text that starts a paragraph like a definition')
      const result = await importInto(base, first, 'brackets.md')
      const imported = result.documents.find((document) => document._id === article._id)
      expect(imported, result.files[0]!.messages.join('\n')).toBeDefined()
      expect(comparablePortableText(imported!.body)).toEqual(comparablePortableText(article.body))
      expect(await exportedMarkdown(result.documents, article._id)).toBe(first)
    },
    TIMEOUT,
  )
})
