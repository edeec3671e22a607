import {describe, expect, it} from 'vitest'
import {importMarkdownFiles, type DatasetDocument} from '../pipeline/import/index.ts'
import {comparablePortableText, embeddedDataset, exportedMarkdown, publishedArticleIds} from './import-support.ts'

const dataset = embeddedDataset()
const ids = publishedArticleIds(dataset)
const TIMEOUT = 120_000

async function importInto(target: readonly DatasetDocument[], markdown: string, path: string) {
  return importMarkdownFiles([{path, value: markdown}], target)
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
      for (const field of ['title', 'summary', 'language', 'audience', 'topics', 'keyTakeaways', 'safetyNotice', 'authors', 'publishedAt', 'lastEditedAt']) {
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
      const result = await importInto(fresh, first, `${id}.md`)
      const second = await exportedMarkdown(result.documents, id)
      // The content hash covers the citations' fields, and imported citations also keep their entry as written.
      const withoutHash = (markdown: string) => markdown.replace(/^contentHash: .*$/m, '')
      if (first.includes('reviewStatus: edited-since-review')) {
        // The file cannot say what the reviewer saw, so no review is recorded, and it says so.
        expect(result.files[0]!.messages.map((message) => message.ruleId)).toContain('review-not-of-this-text')
        expect(second).toContain('reviewStatus: unreviewed')
      } else {
        expect(withoutHash(second)).toBe(withoutHash(first))
      }
    },
    TIMEOUT,
  )
})
