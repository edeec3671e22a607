import {readFileSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import type {LocalSourceOptions} from '../pipeline/source/local-source.ts'
import type {SourceProblem} from '../pipeline/source/types.ts'
import {editDocument, readDocuments, tempDir, writeDocuments} from './helpers/export-fixtures.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * The local source's saved opening pass (`source-snapshot.ts`): a changed file is read again, but only its new or
 * changed lines are parsed, articles and shared documents alike, and what the source reports is what a pass
 * without any snapshot reports.
 */

interface Snapshot {
  scannedAt: number
  scan: {shared: Array<{id: string; hash: string; missingKeys?: string[]}>; problems: SourceProblem[]}
}

function datasetCopy(): {dir: string; file: string; indexFile: string} {
  const dir = tempDir('vetted-snapshot-')
  const file = path.join(dir, 'dataset.ndjson')
  copyEmbeddedDataset(file)
  return {dir, file, indexFile: path.join(dir, 'snapshot.json')}
}

const readSnapshot = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Snapshot

/** What a source opened this way reports: its problems and its listing with fingerprints. */
async function reported(file: string, indexFile?: string) {
  const options: LocalSourceOptions = {file, label: 'dataset.ndjson', damaged: 'report'}
  const source = await openLocalSource(indexFile === undefined ? options : {...options, indexFile})
  const listing = []
  for await (const row of source.listArticles()) listing.push(row)
  const problems = source.problems()
  await source.close()
  return {problems, listing}
}

/** The review's article reference as a number: refused by the decoder, and reaching no article. */
const breakReview = (document: Record<string, unknown>) => ({...document, article: 42})

describe('the saved opening pass of the local source', () => {
  it('parses a changed shared document again and reports what its decoder refuses', async () => {
    const {file, indexFile} = datasetCopy()
    expect((await reported(file, indexFile)).problems).toEqual([])
    editDocument(file, 'review.hand-washing.2026-06-10', breakReview)
    const changed = await reported(file, indexFile)
    expect(changed.problems.map((problem) => [problem.ruleId, problem.documentId, problem.path])).toEqual([
      ['source:invalid-value', 'review.hand-washing.2026-06-10', 'article'],
    ])
    expect(changed).toEqual(await reported(file))
    // Restored as saved: the finding is still there without reading the file.
    expect(await reported(file, indexFile)).toEqual(changed)
    // Mended: the review is parsed again and the finding is gone.
    editDocument(file, 'review.hand-washing.2026-06-10', (document) => ({
      ...document,
      article: {_type: 'reference', _ref: 'article.hand-washing'},
    }))
    const mended = await reported(file, indexFile)
    expect(mended.problems).toEqual([])
    expect(mended).toEqual(await reported(file))
  })

  it('does not parse an unchanged shared document line again: its summary is taken from the saved pass', async () => {
    const {file, indexFile} = datasetCopy()
    await reported(file, indexFile)
    // Planted where only the saved summary of the person's line can show it.
    const snapshot = readSnapshot(indexFile)
    for (const entry of snapshot.scan.shared)
      if (entry.id === 'person.morgan-blair') entry.missingKeys = ['planted-by-the-test']
    writeFileSync(indexFile, JSON.stringify(snapshot))
    editDocument(file, 'settings', (document) => ({...document, disclaimer: 'Changed.'}))
    const {problems} = await reported(file, indexFile)
    expect(problems.map((problem) => [problem.ruleId, problem.documentId, problem.path])).toEqual([
      ['source:missing-key', 'person.morgan-blair', 'planted-by-the-test'],
    ])
  })

  it('lists the same rows and fingerprints as a pass without a snapshot, whatever changed', async () => {
    const {file, indexFile} = datasetCopy()
    await reported(file, indexFile)
    const changes: number[] = []
    const edits: Array<() => void> = [
      // One article.
      () => editDocument(file, 'article.hand-washing', (document) => ({...document, title: 'Washing hands'})),
      // A document that articles reach.
      () => editDocument(file, 'person.morgan-blair', (document) => ({...document, name: 'Morgan B. Blair'})),
      // A new review of an article, then one article fewer.
      () => {
        const documents = readDocuments(file)
        const review = documents.find((document) => document._id === 'review.hand-washing.2026-06-10')
        writeDocuments(file, [...documents, {...review, _id: 'review.hand-washing.2026-07-01'}])
      },
      () =>
        writeDocuments(
          file,
          readDocuments(file).filter((document) => document._id !== 'article.sleep-adults'),
        ),
      // Nothing (restored).
      () => {},
    ]
    let before = (await reported(file)).listing
    for (const edit of edits) {
      edit()
      const after = await reported(file, indexFile)
      expect(after).toEqual(await reported(file))
      changes.push(after.listing.filter((row) => !before.some((old) => old.fingerprint === row.fingerprint)).length)
      before = after.listing
    }
    // What each edit changes: one article; those that reach the person (one); the reviewed article; none; none.
    expect(changes[0]).toBe(1)
    expect(changes[1]).toBeGreaterThan(0)
    expect(changes.slice(2)).toEqual([1, 0, 0])
  })

  it('reports references to a document that went away, and no longer once it is back, as a pass without snapshot', async () => {
    const {file, indexFile} = datasetCopy()
    await reported(file, indexFile)
    const citation = readDocuments(file).find((document) => document._id === 'citation.cdc-handwashing')
    expect(citation).toBeDefined()
    // The article's line is unchanged: only the document it cites is gone.
    writeDocuments(
      file,
      readDocuments(file).filter((document) => document._id !== 'citation.cdc-handwashing'),
    )
    const gone = await reported(file, indexFile)
    expect(gone.problems.map((problem) => [problem.ruleId, problem.documentId])).toContainEqual([
      'source:dangling-reference',
      'article.hand-washing',
    ])
    expect(gone).toEqual(await reported(file))
    // Saved with the dangling reference: a pass that keeps every document still finds it.
    editDocument(file, 'settings', (document) => ({...document, disclaimer: 'Changed.'}))
    const still = await reported(file, indexFile)
    expect(still.problems).toEqual(gone.problems)
    expect(still).toEqual(await reported(file))
    writeDocuments(file, [...readDocuments(file), citation as Record<string, unknown>])
    const back = await reported(file, indexFile)
    expect(back.problems).toEqual([])
    expect(back).toEqual(await reported(file))
  })

  it('does not read the references of an unchanged article line again while every document it could name is there', async () => {
    const {file, indexFile} = datasetCopy()
    await reported(file, indexFile)
    // Planted where only a check of the saved references can show it: a reference to a document that never was.
    const snapshot = JSON.parse(readFileSync(indexFile, 'utf8')) as {
      scan: {articles: Array<{id: string; references: string}>}
    }
    const article = snapshot.scan.articles.find((entry) => entry.id === 'article.hand-washing')!
    article.references = JSON.stringify([{path: 'planted', ref: 'person.nobody'}])
    writeFileSync(indexFile, JSON.stringify(snapshot))
    editDocument(file, 'settings', (document) => ({...document, disclaimer: 'Changed.'}))
    expect((await reported(file, indexFile)).problems).toEqual([])
    // Once a document is gone, every article line's references are checked again: the planted one shows.
    writeFileSync(indexFile, JSON.stringify(snapshot))
    writeDocuments(
      file,
      readDocuments(file).filter((document) => document._id !== 'article.sleep-adults'),
    )
    expect((await reported(file, indexFile)).problems.map((problem) => problem.path)).toContain('planted')
  })

  it('does not trust the stat of a file changed moments before the saved pass was made', async () => {
    const {file, indexFile} = datasetCopy()
    await reported(file, indexFile)
    const snapshot = readSnapshot(indexFile)
    // Planted where only a restored pass can show it: a read of the lines finds the problems again.
    snapshot.scan.problems.push({ruleId: 'source:missing-key', documentId: 'person.morgan-blair', message: 'Planted.'})
    const planted = (problems: Array<{documentId?: string}>) =>
      problems.filter((problem) => problem.documentId === 'person.morgan-blair').length
    const changedMs = Number(statSync(file, {bigint: true}).ctimeNs / 1_000_000n)
    // Saved well after the file last changed: restored by its stat alone.
    writeFileSync(indexFile, JSON.stringify({...snapshot, scannedAt: changedMs + 10_000}))
    expect(planted((await reported(file, indexFile)).problems)).toBe(1)
    // Saved just as the file changed (within a timestamp tick): the file is read again, its lines hashed.
    writeFileSync(indexFile, JSON.stringify({...snapshot, scannedAt: changedMs + 1}))
    expect(planted((await reported(file, indexFile)).problems)).toBe(0)
    expect(readSnapshot(indexFile).scannedAt).toBeGreaterThan(changedMs + 1)
  })

  it('has written its pass once it is open (nothing of it is left for the citation thread to wait for)', async () => {
    const {file, indexFile} = datasetCopy()
    const source = await openLocalSource({file, label: 'dataset.ndjson', indexFile})
    expect(readSnapshot(indexFile).scan.shared.length).toBeGreaterThan(0)
    await source.close()
  })
})
