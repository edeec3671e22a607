import {
  existsSync,
  readFileSync,
  readlinkSync,
  readdirSync,
  statSync,
  writeFileSync,
  mkdirSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import type {Manifest} from '../pipeline/export/release/manifest.ts'
import {poolRunner} from '../pipeline/export/work.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {testStages} from './helpers/export-doubles.ts'
import {
  articleIds,
  cleanerDone,
  editDocument,
  exportOptions,
  generatedDataset,
  tempDir,
  treeOf,
} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** The release mechanics with validation and render stand-ins (tests/helpers/export-doubles.ts). */

const options = exportOptions

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'out', 'current', 'manifest.json'), 'utf8')) as Manifest
}

describe('export: releases', () => {
  it('writes a complete release, points current at it, and the release verifies', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 12)
    const result = await runExport(options(dir, dataset), testStages())
    expect(readlinkSync(path.join(dir, 'out', 'current'))).toBe(`releases/${result.releaseId}`)
    const manifest = manifestOf(dir)
    expect(manifest.articles.map((article) => article.id).sort()).toEqual(articleIds(dataset))
    expect(manifest.articles.every((article) => article.status === 'exported')).toBe(true)
    expect(manifest.articles.map((article) => article.slug)).toEqual(
      [...manifest.articles.map((article) => article.slug)].sort(),
    )
    expect(manifest.dataset).toBe('dataset.ndjson')
    expect(result.summary).toEqual({rendered: 12, reused: 0, kept: 0, blocked: 0})
    const release = path.join(dir, 'out', result.release)
    expect(readdirSync(release).sort()).toEqual(['articles', 'index.html', 'manifest.json', 'schema'])
    expect(readdirSync(path.join(release, 'schema')).sort()).toEqual(['article.schema.json', 'manifest.schema.json'])
    expect(verifyRelease(release).problems).toEqual([])
    // Nothing machine- or time-specific inside: the temp dir path never appears.
    for (const content of Object.values(treeOf(release))) expect(content).not.toContain(dir)
  })

  it('reuses every article when nothing changed, and gives the identical release', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 10)
    const first = await runExport(options(dir, dataset), testStages())
    const before = treeOf(path.join(dir, 'out', first.release))
    const stages = testStages()
    const second = await runExport(options(dir, dataset), stages)
    expect(stages.renderedIds).toEqual([])
    expect(second.summary).toEqual({rendered: 0, reused: 10, kept: 0, blocked: 0})
    expect(second.releaseId).toBe(first.releaseId)
    expect(treeOf(path.join(dir, 'out', second.release))).toEqual(before)
  })

  it('re-renders exactly the article that changed, hard-linking the others', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 10)
    const first = await runExport(options(dir, dataset), testStages())
    const changed = articleIds(dataset)[3] as string
    editDocument(dataset, changed, (document) => ({...document, _rev: 'edited', title: 'A clearer title'}))
    const stages = testStages()
    const second = await runExport(options(dir, dataset), stages)
    expect(stages.renderedIds).toEqual([changed])
    expect(second.summary).toMatchObject({rendered: 1, reused: 9})
    expect(second.releaseId).not.toBe(first.releaseId)
    const unchanged = second.manifest.articles.find((article) => article.id !== changed)
    const file = (release: string) =>
      path.join(dir, 'out', release, 'articles', String(unchanged?.slug), 'article.json')
    expect(statSync(file(second.release)).ino).toBe(statSync(file(first.release)).ino)
  })

  it('keeps the last good files of a previously exported article that is now blocked', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 6)
    const first = await runExport(options(dir, dataset), testStages())
    const broken = articleIds(dataset)[2] as string
    const before = first.manifest.articles.find((article) => article.id === broken)
    editDocument(dataset, broken, (document) => ({...document, _rev: 'broken', title: 'BROKEN title'}))
    const second = await runExport(options(dir, dataset), testStages())
    const entry = second.manifest.articles.find((article) => article.id === broken)
    expect(entry).toMatchObject({
      status: 'kept',
      slug: before?.slug,
      keptRevision: before?.revision,
      revision: 'broken',
      files: before?.files,
    })
    expect(entry?.findings?.map((finding) => finding.ruleId)).toEqual(['test-title'])
    const release = path.join(dir, 'out', second.release)
    expect(readFileSync(path.join(release, 'articles', String(before?.slug), 'index.html'), 'utf8')).toContain(
      String(before?.title),
    )
    expect(verifyRelease(release).problems).toEqual([])
    expect(second.summary).toMatchObject({kept: 1, blocked: 0})
    // Still broken on the next run: still kept, from the kept copy.
    const third = await runExport(options(dir, dataset), testStages())
    expect(third.manifest.articles.find((article) => article.id === broken)).toMatchObject({
      status: 'kept',
      keptRevision: before?.revision,
    })
  })

  it('keeps the last good files at their old address when a broken article also changed its slug', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 4)
    const [renamed, taker, other] = articleIds(dataset) as [string, string, string]
    const first = await runExport(options(dir, dataset), testStages())
    const slugOf = (id: string) => first.manifest.articles.find((article) => article.id === id)?.slug as string
    editDocument(dataset, renamed, (document) => ({
      ...document,
      title: 'BROKEN',
      slug: {_type: 'slug', current: 'a-new-address'},
    }))
    const second = await runExport(options(dir, dataset), testStages())
    expect(second.manifest.articles.find((article) => article.id === renamed)).toMatchObject({
      status: 'kept',
      slug: slugOf(renamed),
    })
    expect(existsSync(path.join(dir, 'out', second.release, 'articles', slugOf(renamed), 'index.html'))).toBe(true)
    // Once another article takes that old address, the broken one cannot be kept there any more.
    editDocument(dataset, other, (document) => ({...document, slug: {_type: 'slug', current: slugOf(renamed)}}))
    // One of four articles goes: more than the shrink guard's 10 %, meant here.
    const third = await runExport(options(dir, dataset, {allowShrink: true}), testStages())
    const entry = third.manifest.articles.find((article) => article.id === renamed)
    expect(entry).toMatchObject({status: 'blocked', files: {}})
    expect(entry?.findings?.map((finding) => finding.ruleId)).toEqual(['test-title', 'export-kept-slug-taken'])
    expect(third.manifest.articles.find((article) => article.id === other)).toMatchObject({
      status: 'exported',
      slug: slugOf(renamed),
    })
    expect(third.manifest.articles.find((article) => article.id === taker)?.status).toBe('exported')
    expect(verifyRelease(path.join(dir, 'out', third.release)).problems).toEqual([])
  })

  it('renders everything again with --full', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const first = await runExport(options(dir, dataset), testStages())
    const stages = testStages()
    const again = await runExport(options(dir, dataset, {full: true}), stages)
    expect(stages.renderedIds).toHaveLength(3)
    expect(again.releaseId).toBe(first.releaseId)
  })

  it('lists an article that was never exported and is blocked, without files', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 4)
    const broken = articleIds(dataset)[0] as string
    editDocument(dataset, broken, (document) => ({...document, title: 'BROKEN from the start'}))
    const result = await runExport(options(dir, dataset), testStages())
    const entry = result.manifest.articles.find((article) => article.id === broken)
    expect(entry).toMatchObject({status: 'blocked', files: {}})
    expect(existsSync(path.join(dir, 'out', result.release, 'articles', String(entry?.slug)))).toBe(false)
    expect(result.summary).toMatchObject({rendered: 3, blocked: 1})
  })

  it('never turns an unusable or duplicate slug into a path', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 5)
    const [a, b, c, d] = articleIds(dataset) as [string, string, string, string]
    editDocument(dataset, a, (document) => ({...document, slug: {_type: 'slug', current: '../../escape'}}))
    editDocument(dataset, b, (document) => ({...document, slug: {_type: 'slug', current: 'current'}}))
    editDocument(dataset, c, (document) => ({...document, slug: {_type: 'slug', current: 'same-slug'}}))
    editDocument(dataset, d, (document) => ({...document, slug: {_type: 'slug', current: 'same-slug'}}))
    const result = await runExport(options(dir, dataset), testStages())
    const status = Object.fromEntries(result.manifest.articles.map((article) => [article.id, article.status]))
    expect(status).toMatchObject({[a]: 'blocked', [b]: 'blocked', [c]: 'exported', [d]: 'blocked'})
    const rules = Object.fromEntries(
      result.manifest.articles.map((article) => [article.id, article.findings?.map((finding) => finding.ruleId)]),
    )
    expect(rules).toMatchObject({
      [a]: ['export-slug-unusable'],
      [b]: ['export-slug-unusable'],
      [d]: ['export-slug-duplicate'],
    })
    expect(readdirSync(path.join(dir, 'out', result.release, 'articles')).sort()).not.toContain('current')
    expect(existsSync(path.join(dir, 'escape'))).toBe(false)
    expect(verifyRelease(path.join(dir, 'out', result.release)).problems).toEqual([])
  })

  it('gives byte-identical releases for the same input and as-of date, in different folders', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 8)
    const one = await runExport({...options(dir, dataset), outDir: path.join(dir, 'one')}, testStages())
    const two = await runExport({...options(dir, dataset), outDir: path.join(dir, 'two')}, testStages())
    expect(two.releaseId).toBe(one.releaseId)
    expect(treeOf(path.join(dir, 'two', two.release))).toEqual(treeOf(path.join(dir, 'one', one.release)))
    const later = await runExport(
      {...options(dir, dataset), outDir: path.join(dir, 'three'), asOf: '2027-01-02'},
      testStages(),
    )
    expect(later.releaseId).not.toBe(one.releaseId)
  })

  it('gives the same release when the per-article work runs in worker threads', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 20)
    const inline = await runExport({...options(dir, dataset), outDir: path.join(dir, 'inline')}, testStages())
    const mainThread = testStages()
    const pooled = await runExport({...options(dir, dataset), outDir: path.join(dir, 'pooled')}, mainThread, {
      createRunner: async (context) =>
        poolRunner({
          workers: 2,
          run: context,
          workerModule: new URL('./helpers/export-worker-doubles.ts', import.meta.url),
        }),
    })
    expect(pooled.summary.rendered).toBe(20)
    expect(mainThread.renderedIds).toEqual([])
    expect(treeOf(path.join(dir, 'pooled', pooled.release))).toEqual(treeOf(path.join(dir, 'inline', inline.release)))
  })

  // A cold export works on every article: its workers load their modules while the source opens (the first pass
  // over the dataset leaves a core idle at times). A re-export may have nothing to work on: its workers start only
  // once the plan has something, as before.
  it("starts a cold export's render workers while the source opens, and a re-export's once the plan has work", async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 6)
    const log = path.join(dir, 'workers.log')
    const loaded = (): number => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0)
    const seenAtOpen: number[] = []
    const base = testStages()
    const stages = {
      ...base,
      workerModule: new URL('./helpers/export-worker-announcing.ts', import.meta.url),
      openSource: async (input: Parameters<typeof base.openSource>[0]) => {
        // Waits a while for both workers, then opens the source whatever it saw.
        for (let waited = 0; waited < 15_000 && loaded() < 2 && seenAtOpen.length === 0; waited += 50)
          await new Promise((resolve) => setTimeout(resolve, 50))
        seenAtOpen.push(loaded())
        return base.openSource(input)
      },
    }
    process.env.VETTED_TEST_WORKER_LOG = log
    try {
      const cold = await runExport(options(dir, dataset, {workers: 2}), stages)
      expect(cold.summary.rendered).toBe(6)
      expect(seenAtOpen).toEqual([2])
      rmSync(log)
      editDocument(dataset, articleIds(dataset)[0] as string, (document) => ({...document, title: 'Edited'}))
      const again = await runExport(options(dir, dataset, {workers: 2}), stages)
      expect(again.summary.rendered).toBe(1)
      expect(seenAtOpen).toEqual([2, 0])
      expect(loaded()).toBe(2)
    } finally {
      delete process.env.VETTED_TEST_WORKER_LOG
    }
  })

  // The worker holds the next article while it works on the hungry one: that article is lost with the worker and
  // must be exported all the same (tried again alone).
  it('blocks only the article whose worker ran out of memory, and exports the rest, the one queued behind it included', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 4)
    const hungry = articleIds(dataset).find((id) => id.endsWith('a000001')) as string
    const result = await runExport(options(dir, dataset), testStages(), {
      createRunner: async (context) =>
        poolRunner({
          workers: 1,
          run: context,
          workerModule: new URL('./helpers/export-worker-hungry.ts', import.meta.url),
          limits: {maxOldGenerationSizeMb: 32},
        }),
    })
    expect(result.summary).toMatchObject({rendered: 3, blocked: 1})
    const finding = result.findings.find((entry) => entry.id === hungry)?.findings[0]
    expect(finding).toMatchObject({ruleId: 'export-article-failed', severity: 'error', place: {documentId: hungry}})
    expect(finding?.reason).toContain('more memory than a worker is given')
  })

  it('writes only the requested formats', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const result = await runExport(options(dir, dataset, {formats: ['json', 'md']}), testStages())
    const slug = String(result.manifest.articles[0]?.slug)
    expect(readdirSync(path.join(dir, 'out', result.release, 'articles', slug)).sort()).toEqual([
      'article.json',
      'article.md',
    ])
    expect(result.manifest.options.formats).toEqual(['json', 'md'])
  })

  it('keeps the last N releases and cleans up what killed runs left behind', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const out = path.join(dir, 'out')
    const ids: string[] = []
    for (const title of ['one', 'two', 'three', 'four']) {
      editDocument(dataset, articleIds(dataset)[0] as string, (document) => ({...document, title}))
      ids.push((await runExport(options(dir, dataset, {keep: 2}), testStages())).releaseId)
    }
    expect(readdirSync(path.join(out, 'releases')).sort()).toEqual(ids.slice(2).sort())
    await cleanerDone(out)
    // Leftovers of a dead process (pid 2^22 + 1 is above Linux's default pid_max, so it is never alive).
    const dead = 4_194_305
    mkdirSync(path.join(out, `.staging-${dead}-1`, 'articles'), {recursive: true})
    symlinkSync('releases/nowhere', path.join(out, `.current-${dead}`))
    writeFileSync(path.join(out, '.lock'), `${dead}\n`)
    const result = await runExport(options(dir, dataset, {keep: 2}), testStages())
    expect(result.removedLeftovers).toEqual([`.current-${dead}`, `.staging-${dead}-1`])
    // Folders go to the trash, deleted by the run's detached cleaner after the command returned.
    await cleanerDone(out)
    expect(readdirSync(out).sort()).toEqual(['.cache', 'current', 'releases', 'store'])
  })

  it('refuses to run while another live export holds the lock', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 2)
    mkdirSync(path.join(dir, 'out'))
    writeFileSync(path.join(dir, 'out', '.lock'), `${process.ppid}\n`)
    await expect(runExport(options(dir, dataset), testStages())).rejects.toThrow(/Another export \(process \d+\)/)
    expect(existsSync(path.join(dir, 'out', 'current'))).toBe(false)
  })
})
