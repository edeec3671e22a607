import {lstatSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import type {ExportOptions} from '../pipeline/export/options.ts'
import {OUTPUT_CODE, realExportStages} from '../pipeline/export/stages.ts'
import {RELEASE_CODE, releaseCodeFingerprint} from '../pipeline/unchanged-release/unchanged-release.ts'
import {editDocument, exportOptions, readDocuments, tempDir, writeDocuments} from './helpers/export-fixtures.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import type * as WriteReleaseModule from '../pipeline/export/release/write-release.ts'

type WriteRelease = typeof WriteReleaseModule

/**
 * A re-export that changed nothing keeps the live release without writing the release's own files (catalogue,
 * sitemap, manifest): only when everything those files are made from is what made the live release. These specify
 * that the shortcut is taken when nothing changed, and never when something that goes into a release did.
 */

const written = vi.hoisted(() => ({count: 0}))
vi.mock('../pipeline/export/release/write-release.ts', async (importOriginal) => {
  const original = await importOriginal<WriteRelease>()
  return {
    ...original,
    writeReleaseFiles: (...args: Parameters<typeof original.writeReleaseFiles>) => {
      written.count++
      return original.writeReleaseFiles(...args)
    },
  }
})

afterAll(removeTempDirs)

let stages: ReturnType<typeof realExportStages>
beforeAll(() => {
  stages = realExportStages()
})
beforeEach(() => {
  written.count = 0
})

const ROOT = fileURLToPath(new URL('..', import.meta.url))

/** A copy of the embedded dataset (with its images) exported once into `dir/out`. */
async function exported(): Promise<{dir: string; dataset: string; first: Awaited<ReturnType<typeof runExport>>}> {
  const dir = tempDir('vetted-unchanged-')
  const dataset = path.join(dir, 'dataset.ndjson')
  copyEmbeddedDataset(dataset)
  const first = await runExport(exportOptions(dir, dataset), stages)
  return {dir, dataset, first}
}

const again = (dir: string, dataset: string, extra: Partial<ExportOptions> = {}) =>
  runExport(exportOptions(dir, dataset, extra), stages)

const currentLink = (dir: string) => lstatSync(path.join(dir, 'out', 'current'))
const recordFile = (dir: string) => path.join(dir, 'out', '.cache', 'release-code.json')

describe('re-export with nothing changed', () => {
  it('keeps the live release without writing, switching or touching it, and reports what a full pass reports', async () => {
    const {dir, dataset, first} = await exported()
    expect(written.count).toBe(1)
    const link = currentLink(dir)
    const manifestFile = path.join(dir, 'out', first.release, 'manifest.json')
    const manifestTime = statSync(manifestFile).mtimeMs
    const second = await again(dir, dataset)
    expect(written.count).toBe(1)
    expect(second.releaseId).toBe(first.releaseId)
    expect(currentLink(dir).ino).toBe(link.ino)
    expect(statSync(manifestFile).mtimeMs).toBe(manifestTime)
    expect(readdirSync(path.join(dir, 'out', 'releases'))).toEqual([first.releaseId])
    // The long way (its record of the release-writing code gone) says the same, file for file and line for line.
    writeFileSync(recordFile(dir), '')
    const long = await again(dir, dataset)
    expect(written.count).toBe(2)
    expect(long.releaseId).toBe(first.releaseId)
    for (const field of ['summary', 'findings', 'sourceProblems', 'manifest'] as const)
      expect(second[field]).toEqual(long[field])
    expect(second.summary).toEqual({rendered: 0, reused: 7, kept: 0, blocked: 0})
  })

  it('writes the release again when the code that writes release files is not the one that made the live release', async () => {
    const {dir, dataset, first} = await exported()
    const record = JSON.parse(readFileSync(recordFile(dir), 'utf8')) as {release: string; code: string}
    expect(record).toEqual({release: first.releaseId, code: releaseCodeFingerprint()})
    writeFileSync(recordFile(dir), JSON.stringify({...record, code: 'another-writer'}))
    const second = await again(dir, dataset)
    expect(written.count).toBe(2)
    // Here the files came out the same, so the live release stands, now recorded as this code's.
    expect(second.releaseId).toBe(first.releaseId)
    expect(JSON.parse(readFileSync(recordFile(dir), 'utf8'))).toEqual(record)
    await again(dir, dataset)
    expect(written.count).toBe(2)
  })

  it('still writes the reuse index when the articles were read to find them unchanged (the index was gone)', async () => {
    const {dir, dataset, first} = await exported()
    const index = path.join(dir, 'out', '.cache', 'reuse.json')
    const text = readFileSync(index, 'utf8')
    rmSync(index)
    const second = await again(dir, dataset)
    expect(written.count).toBe(1)
    expect(second.releaseId).toBe(first.releaseId)
    expect(readFileSync(index, 'utf8')).toBe(text)
  })

  it.each([
    ['--as-of', {asOf: '2026-11-27'}],
    ['--formats', {formats: ['html', 'json'] as ExportOptions['formats']}],
    ['--strict', {strict: true}],
  ])('makes a new release when %s changes', async (_flag, extra) => {
    const {dir, dataset, first} = await exported()
    const second = await again(dir, dataset, extra)
    expect(written.count).toBe(2)
    expect(second.releaseId).not.toBe(first.releaseId)
    expect(readlinkSync(path.join(dir, 'out', 'current'))).toBe(second.release)
  })

  it('makes a new release when the generator or a schema the release carries changes, every article reused', async () => {
    const {dir, dataset, first} = await exported()
    const generator = {...stages.generator, version: `${stages.generator.version}-next`}
    const bumped = await runExport(exportOptions(dir, dataset), {...stages, generator})
    expect(written.count).toBe(2)
    expect(bumped.summary).toMatchObject({rendered: 0, reused: 7})
    expect(bumped.releaseId).not.toBe(first.releaseId)
    expect(bumped.manifest.generator.version).toBe(generator.version)
    const manifestSchema = stages.manifestSchema.replace(/\n$/, ' \n')
    const schema = await runExport(exportOptions(dir, dataset), {...stages, generator, manifestSchema})
    expect(written.count).toBe(3)
    expect(schema.releaseId).not.toBe(bumped.releaseId)
  })

  it('makes a new release when one article changed, or one is no longer published', async () => {
    const {dir, dataset, first} = await exported()
    editDocument(dataset, 'article.hand-washing', (document) => ({...document, _rev: 'edited', title: 'Washing'}))
    const edited = await again(dir, dataset)
    expect(written.count).toBe(2)
    expect(edited.releaseId).not.toBe(first.releaseId)
    expect(edited.summary).toMatchObject({rendered: 1, reused: 6})
    writeDocuments(
      dataset,
      readDocuments(dataset).filter((document) => document._id !== 'article.hand-washing'),
    )
    const removed = await again(dir, dataset, {allowShrink: true})
    expect(written.count).toBe(3)
    expect(removed.releaseId).not.toBe(edited.releaseId)
    expect(removed.manifest.articles.map((article) => article.id)).not.toContain('article.hand-washing')
  })

  it('fingerprints every module of ours that the release files are written with', () => {
    const covered = [...OUTPUT_CODE, ...RELEASE_CODE]
    const isCovered = (file: string) => covered.some((name) => file === name || file.startsWith(`${name}/`))
    const writer = ownImports(['pipeline/export/release/write-release.ts'])
    expect(writer).toContain('pipeline/export/release/catalogue.ts')
    expect(writer.filter((file) => !isCovered(file))).toEqual([])
    // The header is assembled in index.ts from what stages.ts states.
    expect(['pipeline/export/index.ts', 'pipeline/export/stages.ts'].every(isCovered)).toBe(true)
  })
})

/** The project's own modules `entries` import, directly or not (relative imports, project-relative paths). */
function ownImports(entries: readonly string[]): string[] {
  const seen = new Set<string>()
  const visit = (file: string): void => {
    if (seen.has(file)) return
    seen.add(file)
    const text = readFileSync(path.join(ROOT, file), 'utf8')
    // Type-only imports leave nothing at run time.
    const statements = /^(?:import|export) (?!type )[^;]*? from '(\.{1,2}\/[^']+)'|import\('(\.{1,2}\/[^']+)'\)/gm
    for (const [, from, dynamic] of text.matchAll(statements))
      visit(path.posix.join(path.posix.dirname(file), (from ?? dynamic) as string))
  }
  for (const entry of entries) visit(entry)
  return [...seen].sort()
}
