import {cpSync, mkdirSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {canonicalJson} from '../domain/canonical-json.ts'
import {commands} from '../pipeline/cli/commands/index.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {importMarkdownFiles, type DatasetDocument, type ImportResult} from '../pipeline/import/index.ts'
import {writeImages} from '../pipeline/import/write-images.ts'
import {copyEmbeddedDataset, EMBEDDED_DATASET} from './helpers/embedded-dataset.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'
import {
  comparablePortableText,
  embeddedDataset,
  exportedMarkdown,
  exportToRelease,
  publishedArticleIds,
} from './import-support.ts'

const dataset = embeddedDataset()
const ids = publishedArticleIds(dataset)
const TIMEOUT = 120_000
afterAll(removeTempDirs)

/** A dataset folder (`production.ndjson` is never read here) whose `images/` holds the embedded dataset's files, or none. */
function datasetFolder(withEmbeddedImages: boolean): string {
  const dir = makeTempDir('vetted-round-trip-dataset-')
  mkdirSync(path.join(dir, 'images'))
  if (withEmbeddedImages)
    cpSync(path.join(path.dirname(EMBEDDED_DATASET), 'images'), path.join(dir, 'images'), {recursive: true})
  return dir
}

/** Exports the article from `documents` (images from `datasetDir`) into a fresh release folder, as `vetted export` does. */
async function exportArticle(documents: readonly DatasetDocument[], id: string, datasetDir: string) {
  const release = makeTempDir('vetted-round-trip-release-')
  return {release, ...(await exportToRelease(documents, id, datasetDir, release))}
}

/**
 * Imports article.md where the export left it, its images read from the release as a user's import reads them, and
 * writes the images the import names into `datasetDir/images/`, as `vetted import --into` does.
 */
async function importInto(
  target: readonly DatasetDocument[],
  exported: {markdown: string; file: string; release: string},
  datasetDir: string,
  options: {acceptReviewRecords?: boolean} = {},
): Promise<ImportResult> {
  const result = await importMarkdownFiles([{path: exported.file, value: exported.markdown}], target, {
    ...options,
    cwd: exported.release,
  })
  await writeImages(path.join(datasetDir, 'production.ndjson'), result.images)
  return result
}

describe('export → import → export', () => {
  it('covers every published article of the embedded dataset', () => {
    expect(ids.length).toBe(7)
  })

  it.each(ids)(
    '%s: the Markdown is a fixed point and the Portable Text is the same up to keys',
    async (id) => {
      const exported = await exportArticle(dataset, id, datasetFolder(true))
      const first = exported.markdown
      const withoutArticle = dataset.filter((document) => document._id !== id)
      // The imported dataset's images/ holds only what the import copied from the release.
      const importedImages = datasetFolder(false)
      const result = await importInto(withoutArticle, exported, importedImages)
      expect(result.files[0]!.messages.filter((message) => message.fatal === true)).toEqual([])
      expect((await exportArticle(result.documents, id, importedImages)).markdown).toBe(first)
      const original = dataset.find((document) => document._id === id)!
      const imported = result.documents.find((document) => document._id === id)!
      expect(comparablePortableText(imported.body)).toEqual(comparablePortableText(original.body))
      // The same assets: the files copied from the release are the dataset's own, byte for byte (named by sha1).
      expect(result.images.map((image) => image.name).sort()).toEqual(assetFiles(original))
      for (const field of [
        'title',
        'leadImage',
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
        // Canonical JSON: the order of an object's keys (a lead image's) means nothing; a missing field stays missing.
        const json = (value: unknown) => (value === undefined ? 'undefined' : canonicalJson(value))
        expect.soft(json(imported[field]), field).toBe(json(original[field]))
      }
    },
    TIMEOUT,
  )

  it.each(ids)(
    '%s: importing its own export into the dataset changes nothing',
    async (id) => {
      const folder = datasetFolder(true)
      const result = await importInto(dataset, await exportArticle(dataset, id, folder), folder)
      expect(result.changes.filter((change) => change.kind !== 'unchanged')).toEqual([])
      expect(result.documents).toEqual(dataset)
      // No image added beside the dataset either: every file the import names is already there.
      expect(readdirSync(path.join(folder, 'images')).sort()).toEqual(
        readdirSync(path.join(path.dirname(EMBEDDED_DATASET), 'images')).sort(),
      )
    },
    TIMEOUT,
  )

  it.each(ids)(
    '%s: into a dataset holding only the settings, people and citations are made from the file and the Markdown comes back the same',
    async (id) => {
      const fresh = dataset.filter((document) => document._id === 'settings')
      const exported = await exportArticle(dataset, id, datasetFolder(true))
      const first = exported.markdown
      // A migration of past records: the front matter's reviewer and date become an imported review.
      const freshImages = datasetFolder(false)
      const result = await importInto(fresh, exported, freshImages, {acceptReviewRecords: true})
      const second = (await exportArticle(result.documents, id, freshImages)).markdown
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

describe('npx vetted export, then npx vetted import of a release’s article.md into its dataset', () => {
  it(
    'changes nothing for the articles with figures and a lead image, and copies no image',
    async () => {
      const dir = makeTempDir('vetted-round-trip-cli-')
      const datasetFile = path.join(dir, 'production.ndjson')
      copyEmbeddedDataset(datasetFile)
      const before = readFileSync(datasetFile)
      const exported = await vetted(dir, 'export', '--dataset', datasetFile, '--out', 'output', '--as-of', '2026-11-26')
      expect(exported.code, exported.stderr).toBe(0)
      for (const slug of ['hand-washing', 'sleep-adults', 'high-blood-pressure']) {
        const markdown = `output/current/articles/${slug}/article.md`
        const imported = await vetted(dir, 'import', markdown, '--into', datasetFile, '--image-root', 'output')
        expect(imported.code, imported.stderr).toBe(0)
        expect(imported.stdout).toMatch(
          /0 created, 0 updated, \d+ unchanged; 0 image\(s\) copied, [1-9] already there\./,
        )
      }
      expect(readFileSync(datasetFile).equals(before)).toBe(true)
    },
    TIMEOUT,
  )
})

async function vetted(cwd: string, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCommand(argv, commands, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    cwd,
    isTty: false,
  })
  return {code, stdout, stderr}
}

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
      const result = await importMarkdownFiles([{path: 'brackets.md', value: first}], base)
      const imported = result.documents.find((document) => document._id === article._id)
      expect(imported, result.files[0]!.messages.join('\n')).toBeDefined()
      expect(comparablePortableText(imported!.body)).toEqual(comparablePortableText(article.body))
      expect(await exportedMarkdown(result.documents, article._id)).toBe(first)
    },
    TIMEOUT,
  )
})

/** The `images/` file names of an article's figures and lead image, each once, sorted. */
function assetFiles(article: DatasetDocument): string[] {
  const figures = [
    ...((article.body ?? []) as Array<Record<string, unknown>>),
    article.leadImage as Record<string, unknown>,
  ]
  const names = figures.flatMap((figure) =>
    typeof figure?._sanityAsset === 'string' ? [figure._sanityAsset.replace('image@file://./images/', '')] : [],
  )
  return [...new Set(names)].sort()
}
