import {copyFileSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exportCommand} from '../pipeline/cli/commands/export.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import type {ExportOptions} from '../pipeline/export/options.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {editDocument, readDocuments, tempDir, treeOf, writeDocuments} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset, copyEmbeddedImages} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

/**
 * A re-export decides "unchanged" from the source's fingerprints before it reads any article: the cost of exporting
 * 10,000 articles of which one changed must be the cost of one article plus a scan. These specify what counts as
 * a change (anything the article's query result, review state or files depend on) and that the shortcut never
 * changes what is exported.
 */

const AS_OF = '2026-11-26'

type Stages = ReturnType<typeof realExportStages>
let stages: Stages

/** The real stages, recording which articles were read from the source and which were rendered, and in which order. */
function observed(read: string[], rendered: string[], events: string[]): Stages {
  return {
    ...stages,
    openSource: async (input) => {
      const source = await stages.openSource(input)
      return {
        ...source,
        listArticles: () => source.listArticles(),
        getArticle: (id: string) => (read.push(id), events.push(`read ${id}`), source.getArticle(id)),
      }
    },
    renderArticle: (input) => (
      rendered.push(input.article._id),
      events.push(`render ${input.article._id}`),
      stages.renderArticle(input)
    ),
  }
}

async function exportTo(dir: string, options: Partial<ExportOptions> = {}) {
  const read: string[] = []
  const rendered: string[] = []
  const events: string[] = []
  const result = await runExport(
    {
      outDir: 'out',
      dataset: 'dataset.ndjson',
      asOf: AS_OF,
      strict: false,
      formats: FORMATS,
      keep: 3,
      fsync: false,
      cwd: dir,
      env: {},
      ...options,
    },
    observed(read, rendered, events),
  )
  return {result, read, rendered, events}
}

function datasetCopy(): string {
  const dir = tempDir('vetted-reuse-')
  copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
  return dir
}

const dataset = (dir: string) => path.join(dir, 'dataset.ndjson')

beforeAll(() => {
  stages = realExportStages()
})

describe('re-export: unchanged articles are reused without being read', () => {
  it('reads no article when nothing changed, and keeps the live release', async () => {
    const dir = datasetCopy()
    const first = await exportTo(dir)
    expect(first.read).toHaveLength(7)
    const second = await exportTo(dir)
    expect(second.read).toEqual([])
    expect(second.rendered).toEqual([])
    expect(second.result.summary).toEqual({rendered: 0, reused: 7, kept: 0, blocked: 0})
    expect(second.result.releaseId).toBe(first.result.releaseId)
  })

  it('reads only the article whose line changed', async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    editDocument(dataset(dir), 'article.hand-washing', (document) => ({
      ...document,
      _rev: 'edited',
      title: 'Hand washing: when and how',
    }))
    const second = await exportTo(dir)
    expect(second.read).toEqual(['article.hand-washing'])
    expect(second.rendered).toEqual(['article.hand-washing'])
    expect(verifyRelease(path.join(dir, 'out', second.result.release)).problems).toEqual([])
  })

  it('reads every article that cites a source whose document changed, and only those', async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    const documents = readDocuments(dataset(dir))
    const citation = documents.find(
      (document) =>
        document._type === 'citation' && typeof document._id === 'string' && !document._id.startsWith('drafts.'),
    )
    const citedBy = documents
      .filter(
        (document) =>
          document._type === 'article' &&
          !String(document._id).startsWith('drafts.') &&
          JSON.stringify(document).includes(`"_ref":"${String(citation?._id)}"`),
      )
      .map((document) => String(document._id))
      .sort()
    expect(citedBy.length).toBeGreaterThan(0)
    editDocument(dataset(dir), String(citation?._id), (document) => ({
      ...document,
      _rev: 'edited',
      title: `${String(document.title)} (revised)`,
    }))
    const second = await exportTo(dir)
    expect([...second.read].sort()).toEqual(citedBy)
  })

  it('reads the article a new review is about', async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    const documents = readDocuments(dataset(dir))
    const review = documents.find(
      (document) => document._type === 'review' && !String(document._id).startsWith('drafts.'),
    ) as Record<string, unknown>
    const article = (review.article as {_ref: string})._ref
    writeDocuments(dataset(dir), [
      ...documents,
      {...review, _id: 'review.added-by-test', _rev: 'r1', reviewedOn: '2026-11-20'},
    ])
    const second = await exportTo(dir)
    expect(second.read).toEqual([article])
  })

  it('reads every article again when the settings, the as-of date or the options change, or with --full', async () => {
    for (const change of [
      async (dir: string) => (
        editDocument(dataset(dir), 'settings', (document) => ({...document, disclaimer: 'A new disclaimer.'})),
        {}
      ),
      async () => ({asOf: '2026-11-27'}),
      async () => ({strict: true}),
      async () => ({formats: FORMATS.filter((format) => format !== 'md')}),
      async () => ({full: true}),
    ]) {
      const dir = datasetCopy()
      await exportTo(dir)
      const options = await change(dir)
      const second = await exportTo(dir, options)
      expect(second.read).toHaveLength(7)
    }
    // Ten exports, five of them into a fresh cache: each of those formats its sources in a thread of its own.
  }, 120_000)

  it('takes the slow path, to the same release, when its index is missing, damaged or from another release', async () => {
    for (const damage of ['{not json', JSON.stringify({release: 'someone-else', context: 'x', articles: {}}), null]) {
      const dir = datasetCopy()
      const first = await exportTo(dir)
      const index = path.join(dir, 'out', '.cache', 'reuse.json')
      if (damage === null)
        writeFileSync(index, readFileSync(index, 'utf8').replace(/"inputHash":"[0-9a-f]{8}/g, '"inputHash":"00000000'))
      else writeFileSync(index, damage)
      const second = await exportTo(dir)
      expect(second.read).toHaveLength(7)
      expect(second.rendered).toEqual([])
      expect(second.result.releaseId).toBe(first.result.releaseId)
    }
  })

  it('gives a byte-identical release whether articles were reused by fingerprint or rendered afresh', async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    editDocument(dataset(dir), 'article.hand-washing', (document) => ({
      ...document,
      _rev: 'edited',
      title: 'Hand washing: when and how',
    }))
    const incremental = await exportTo(dir)
    const fresh = datasetCopy()
    copyFileSync(dataset(dir), dataset(fresh))
    copyEmbeddedImages(dataset(fresh))
    const cold = await exportTo(fresh)
    expect(incremental.result.releaseId).toBe(cold.result.releaseId)
    expect(treeOf(path.join(dir, 'out', incremental.result.release))).toEqual(
      treeOf(path.join(fresh, 'out', cold.result.release)),
    )
  })
})

describe('reading a local dataset', () => {
  it('asks for an article only once the one before it is rendered: none is held while others are', async () => {
    const {result, rendered, events} = await exportTo(datasetCopy())
    expect(result.summary.rendered).toBe(rendered.length)
    expect(rendered.length).toBeGreaterThan(3)
    // Each rendered article is read right before it is rendered, never while another waits to be.
    for (const id of rendered) expect(events[events.indexOf(`render ${id}`) - 1]).toBe(`read ${id}`)
  })
})

describe('re-export: formatted references persist between runs', () => {
  const cli = async (dir: string, ...extra: string[]) => {
    const io = {stdout: () => {}, stderr: () => {}, env: {}, cwd: dir, isTty: false}
    return runCommand(
      ['export', '--dataset', 'dataset.ndjson', '--out', 'out', '--as-of', AS_OF, '--no-fsync', ...extra],
      [exportCommand],
      io,
    )
  }

  it('keeps every reference an export formatted, and later workers use them instead of formatting again', async () => {
    const dir = datasetCopy()
    // Worker threads start with empty caches (this test process has formatted these sources before).
    expect(await cli(dir, '--workers', '2')).toBe(0)
    const cacheFile = path.join(dir, 'out', '.cache', 'citations.ndjson')
    const lines = readFileSync(cacheFile, 'utf8').trim().split('\n')
    expect(lines.length).toBeGreaterThan(10)
    // Plant a mark in one cached entry; a re-export that formats that source again would not show it.
    const planted = lines.map((line, index) => {
      if (index === 0 || !line.includes('Piercy')) return line
      const entry = JSON.parse(line) as {text: string; children: unknown[]}
      entry.text = 'PLANTED REFERENCE'
      entry.children = [{type: 'text', value: 'PLANTED REFERENCE'}]
      return JSON.stringify(entry)
    })
    expect(planted).not.toEqual(lines)
    writeFileSync(cacheFile, `${planted.join('\n')}\n`)
    const cited = readDocuments(dataset(dir)).find(
      (document) => document._type === 'citation' && JSON.stringify(document).includes('Piercy'),
    ) as Record<string, unknown>
    const article = readDocuments(dataset(dir)).find(
      (document) =>
        document._type === 'article' &&
        !String(document._id).startsWith('drafts.') &&
        JSON.stringify(document).includes(`"_ref":"${String(cited._id)}"`),
    ) as Record<string, unknown>
    editDocument(dataset(dir), String(article._id), (document) => ({
      ...document,
      _rev: 'edited',
      title: `${String(document.title)} (edited)`,
    }))
    // Fresh worker threads: their caches start from the file alone.
    expect(await cli(dir, '--workers', '2')).toBe(0)
    const slug = (article.slug as {current: string}).current
    expect(readFileSync(path.join(dir, 'out', 'current', 'articles', slug, 'article.txt'), 'utf8')).toContain(
      'PLANTED REFERENCE',
    )
  })
})

describe('local source: fingerprints and the line index', () => {
  it('fingerprints an article by its line and every document its query can reach', async () => {
    const dir = datasetCopy()
    const fingerprints = async () => {
      const source = await openLocalSource({file: dataset(dir), label: 'dataset.ndjson'})
      const rows = new Map<string, string | undefined>()
      for await (const row of source.listArticles()) rows.set(row._id, row.fingerprint)
      await source.close()
      return rows
    }
    const before = await fingerprints()
    expect([...before.values()].every((value) => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value))).toBe(true)
    // A person every article names (as author or reviewer) changes every fingerprint that reaches it.
    const documents = readDocuments(dataset(dir))
    const person = documents.find((document) => document._type === 'person') as Record<string, unknown>
    editDocument(dataset(dir), String(person._id), (document) => ({...document, bio: 'Changed.'}))
    const after = await fingerprints()
    const reaching = documents.filter(
      (document) =>
        document._type === 'article' &&
        !String(document._id).startsWith('drafts.') &&
        JSON.stringify(
          documents.filter(
            (other) =>
              other._id === document._id ||
              (other._type === 'review' && JSON.stringify(other.article).includes(String(document._id))),
          ),
        ).includes(`"_ref":"${String(person._id)}"`),
    )
    expect(reaching.length).toBeGreaterThan(0)
    for (const [id, value] of after) {
      const reaches = reaching.some((document) => document._id === id)
      expect(value === before.get(id), id).toBe(!reaches)
    }
  })

  interface Snapshot {
    scannedAt: number
    scan: {articles: Array<{id: string; slug: string | null; hash: string}>}
  }
  const readSnapshot = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Snapshot
  const slugOwner = async (file: string, indexFile: string, slug: string) => {
    const source = await openLocalSource({file, label: 'dataset.ndjson', indexFile})
    const found = (await source.lookupArticle(slug)).published.map((match) => match._id)
    await source.close()
    return found
  }

  it('restores the saved pass for the same file without parsing it, and parses only new lines of a changed one', async () => {
    const dir = datasetCopy()
    const indexFile = path.join(dir, 'snapshot.json')
    await (await openLocalSource({file: dataset(dir), label: 'dataset.ndjson', indexFile})).close()
    // The saved pass is trusted as it is: a summary planted in it is what the source sees.
    const snapshot = readSnapshot(indexFile)
    for (const entry of snapshot.scan.articles)
      if (entry.id === 'article.hand-washing') entry.slug = 'planted-by-the-test'
    writeFileSync(indexFile, JSON.stringify(snapshot))
    expect(await slugOwner(dataset(dir), indexFile, 'planted-by-the-test')).toEqual(['article.hand-washing'])
    // Another document changes: the file is read again, but the unchanged article line is taken from the snapshot.
    editDocument(dataset(dir), 'settings', (document) => ({...document, disclaimer: 'Changed.'}))
    writeFileSync(indexFile, JSON.stringify(snapshot))
    expect(await slugOwner(dataset(dir), indexFile, 'planted-by-the-test')).toEqual(['article.hand-washing'])
    // A damaged snapshot is ignored.
    writeFileSync(indexFile, '{"format":')
    expect(await slugOwner(dataset(dir), indexFile, 'hand-washing')).toEqual(['article.hand-washing'])
  })

  it('does not trust a saved pass made moments after the file changed: the file is read again', async () => {
    const dir = datasetCopy()
    const indexFile = path.join(dir, 'snapshot.json')
    await (await openLocalSource({file: dataset(dir), label: 'dataset.ndjson', indexFile})).close()
    const snapshot = readSnapshot(indexFile)
    // Planted where only a restored pass can show it (its line hash no longer matches the line).
    for (const entry of snapshot.scan.articles)
      if (entry.id === 'article.hand-washing') Object.assign(entry, {slug: 'planted-by-the-test', hash: '0'.repeat(64)})
    const changedMs = Number(statSync(dataset(dir), {bigint: true}).ctimeNs / 1_000_000n)
    writeFileSync(indexFile, JSON.stringify({...snapshot, scannedAt: changedMs + 10_000}))
    expect(await slugOwner(dataset(dir), indexFile, 'planted-by-the-test')).toEqual(['article.hand-washing'])
    // Within a timestamp tick of the change, the same stat could be a later version of the file.
    writeFileSync(indexFile, JSON.stringify({...snapshot, scannedAt: changedMs + 1}))
    expect(await slugOwner(dataset(dir), indexFile, 'planted-by-the-test')).toEqual([])
    expect(await slugOwner(dataset(dir), indexFile, 'hand-washing')).toEqual(['article.hand-washing'])
  })

  it('reports the same problems for a line whether it was parsed or taken from the index', async () => {
    const dir = datasetCopy()
    const documents = readDocuments(dataset(dir))
    const broken = documents.map((document) =>
      document._id === 'article.hand-washing'
        ? {
            ...document,
            body: [...(document.body as unknown[]), {_type: 'block', children: [], markDefs: []}],
            authors: [{_type: 'reference', _ref: 'person.nobody', _key: 'x'}],
          }
        : document,
    )
    writeDocuments(dataset(dir), broken)
    const indexFile = path.join(dir, 'index.json')
    const problems = async () => {
      const source = await openLocalSource({file: dataset(dir), label: 'dataset.ndjson', indexFile})
      const found = source.problems()
      await source.close()
      return found
    }
    const parsed = await problems()
    expect(parsed.map((problem) => problem.ruleId).sort()).toEqual(['source:dangling-reference', 'source:missing-key'])
    expect(await problems()).toEqual(parsed)
  })
})
