import type * as NodeFs from 'node:fs'
import {existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it, vi} from 'vitest'
import {temporaryFile, temporaryFileOwner} from '../pipeline/atomic-file.ts'
import {createExportCommand} from '../pipeline/cli/commands/export.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {runExport} from '../pipeline/export/index.ts'
import type {ExportOptions} from '../pipeline/export/options.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {checkShrink, ExportError, fileSystemCode} from '../pipeline/export/release/safety.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {testStages, type TestStages} from './helpers/export-doubles.ts'
import {
  articleIds,
  editDocument,
  generatedDataset,
  readDocuments,
  tempDir,
  writeDocuments,
} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** A disk that fills up on demand: every `writeSync` (the export's durable writes) fails with ENOSPC once `full`. */
const disk = vi.hoisted(() => ({full: false}))
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof NodeFs>()
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (disk.full) {
      const error = new Error('ENOSPC: no space left on device, write')
      throw Object.assign(error, {code: 'ENOSPC', errno: -28, syscall: 'write'})
    }
    return (fs.writeSync as (...all: unknown[]) => number)(...args)
  }) as typeof fs.writeSync
  return {...fs, default: {...fs, writeSync}, writeSync}
})

/**
 * What keeps a bad release from going live (docs/export.md, failure semantics): the shrink guard, the staged release
 * verified before `current` switches, filesystem errors as one line; and the cleanup of every temporary file the
 * export writes. Validation and render are the stand-ins of tests/helpers/export-doubles.ts.
 */

const AS_OF = '2026-11-26'
const STACK = /^\s+at\s|\n\s+at\s/m

function options(dir: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  const base = {outDir: 'out', dataset: 'dataset.ndjson', asOf: AS_OF, strict: false, formats: FORMATS, keep: 3}
  return {...base, fsync: false, cwd: dir, env: {}, ...extra}
}

async function vetted(dir: string, argv: string[], stages: () => TestStages = testStages) {
  let stdout = ''
  let stderr = ''
  const io = {stdout: (text: string) => void (stdout += text), stderr: (text: string) => void (stderr += text)}
  const command = createExportCommand({stages: async () => stages()})
  const code = await runCommand(['export', '--as-of', AS_OF, '--no-fsync', ...argv], [command], {
    ...io,
    env: {},
    cwd: dir,
    isTty: false,
  })
  // The progress line (`export: n/n articles …`) is the report's; what is checked here is the rest.
  return {code, stdout, stderr: stderr.replace(/^export: \d+\/\d+ articles.*\n/gm, '')}
}

const live = (dir: string) => readlinkSync(path.join(dir, 'out', 'current'))

/** Removes the published documents of these articles from the dataset (their drafts stay, unpublished). */
function unpublish(dataset: string, ids: readonly string[]): void {
  writeDocuments(
    dataset,
    readDocuments(dataset).filter((document) => !ids.includes(String(document._id))),
  )
}

async function liveExport(n: number): Promise<{dir: string; dataset: string; ids: string[]; release: string}> {
  const dir = tempDir('vetted-safety-')
  const dataset = await generatedDataset(dir, n)
  await runExport(options(dir), testStages())
  return {dir, dataset, ids: articleIds(dataset), release: live(dir)}
}

/** Nothing switched and nothing left behind: the live release, the releases and no staging tree. */
function expectUnchanged(dir: string, release: string, releases: string[]): void {
  expect(live(dir)).toBe(release)
  expect(readdirSync(path.join(dir, 'out', 'releases')).sort()).toEqual(releases)
  expect(readdirSync(path.join(dir, 'out', 'releases')).filter((name) => name.startsWith('.staging-'))).toEqual([])
  expect(verifyRelease(path.join(dir, 'out', 'current')).problems).toEqual([])
}

describe('the shrink guard', () => {
  it('refuses a release that stops publishing more than 10 % of the live articles: exit 2, one line, nothing switched', async () => {
    const {dir, dataset, ids, release} = await liveExport(20)
    const releases = readdirSync(path.join(dir, 'out', 'releases'))
    unpublish(dataset, ids.slice(0, 3))
    const {code, stdout, stderr} = await vetted(dir, ['--out', 'out', '--dataset', 'dataset.ndjson'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      "vetted export: This release would stop publishing 3 of the live release's 20 articles (15 %, more than the " +
        '10 % allowed): check that the dataset is the right one and complete, then export again with --allow-shrink ' +
        'if the articles are meant to go. No release was switched.\n',
    )
    expect(`${stdout}${stderr}`).not.toMatch(STACK)
    expectUnchanged(dir, release, releases)

    // Meant: --allow-shrink publishes it.
    const allowed = await vetted(dir, ['--out', 'out', '--dataset', 'dataset.ndjson', '--allow-shrink'])
    expect(allowed.code).toBe(0)
    expect(live(dir)).not.toBe(release)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'out', 'current', 'manifest.json'), 'utf8')) as {
      articles: unknown[]
    }
    expect(manifest.articles).toHaveLength(17)
  })

  it('lets up to 10 % go, and never refuses a first export', async () => {
    const {dir, dataset, ids, release} = await liveExport(20)
    unpublish(dataset, ids.slice(0, 2))
    const result = await runExport(options(dir), testStages())
    expect(`releases/${result.releaseId}`).not.toBe(release)
    expect(result.manifest.articles).toHaveLength(18)

    const first = tempDir('vetted-safety-')
    await generatedDataset(first, 1)
    expect((await runExport(options(first), testStages())).manifest.articles).toHaveLength(1)
  })

  it('counts a blocked article that keeps its last good bundle as still published', async () => {
    const {dir, dataset, ids} = await liveExport(10)
    for (const id of ids.slice(0, 5)) editDocument(dataset, id, (document) => ({...document, title: 'BROKEN'}))
    const result = await runExport(options(dir), testStages())
    expect(result.summary).toMatchObject({kept: 5, blocked: 0})
    expect(live(dir)).toBe(result.release)
  })

  it('counts what readers lose: articles gone, or blocked without files; a first release is never judged', () => {
    const liveArticles = [
      {id: 'a', status: 'exported'},
      {id: 'b', status: 'kept'},
      {id: 'c', status: 'blocked'},
    ] as const
    expect(() => checkShrink(null, [])).not.toThrow()
    // `c` was never published: its going costs nothing.
    expect(() =>
      checkShrink(liveArticles, [
        {id: 'a', status: 'exported'},
        {id: 'b', status: 'kept'},
      ]),
    ).not.toThrow()
    expect(() =>
      checkShrink(liveArticles, [
        {id: 'a', status: 'exported'},
        {id: 'b', status: 'blocked'},
      ]),
    ).toThrow(/stop publishing 1 of the live release's 2 articles \(50 %/)
    expect(() => checkShrink(liveArticles, [{id: 'a', status: 'exported'}], {allowShrink: true})).not.toThrow()
    expect(() => checkShrink(liveArticles, [{id: 'a', status: 'exported'}], {maxShrink: 0.5})).not.toThrow()
  })
})

describe('the staged release is verified before current switches', () => {
  it('a release with a file its manifest does not list is refused: exit 2, the problem listed, nothing switched', async () => {
    const {dir, dataset, ids, release} = await liveExport(3)
    const releases = readdirSync(path.join(dir, 'out', 'releases'))
    editDocument(dataset, ids[0] as string, (document) => ({...document, title: 'A new title'}))
    // A render stage that also drops a stray file into the release being built.
    const straying = (): TestStages => {
      const stages = testStages()
      return {
        ...stages,
        renderArticle: async (input) => {
          const out = path.join(dir, 'out', 'releases')
          for (const name of readdirSync(out).filter((entry) => entry.startsWith('.staging-')))
            writeFileSync(path.join(out, name, 'stray.txt'), 'not in the manifest\n')
          return stages.renderArticle(input)
        },
      }
    }
    const {code, stdout, stderr} = await vetted(dir, ['--out', 'out', '--dataset', 'dataset.ndjson'], straying)
    expect(code).toBe(2)
    expect(stderr).toBe(
      '  stray.txt: not listed in manifest.json\nvetted export: The release just built does not verify (a problem, ' +
        'above): this is a fault of the pipeline, not of the content; export again with --full, and report it to the ' +
        'developers if it happens again. No release was switched.\n',
    )
    expect(`${stdout}${stderr}`).not.toMatch(STACK)
    expectUnchanged(dir, release, releases)
  })

  it('a release of new and reused bundles verifies, on disk as `vetted verify` reads it', async () => {
    const {dir, dataset, ids} = await liveExport(3)
    editDocument(dataset, ids[0] as string, (document) => ({...document, title: 'A new title'}))
    const result = await runExport(options(dir), testStages())
    expect(result.summary).toMatchObject({rendered: 1, reused: 2})
    expect(verifyRelease(path.join(dir, 'out', result.release)).problems).toEqual([])
  })
})

describe('filesystem errors: one line with what to do, exit 2, nothing switched', () => {
  it('--out naming a file', async () => {
    const dir = tempDir('vetted-safety-')
    await generatedDataset(dir, 2)
    writeFileSync(path.join(dir, 'out'), 'a file\n')
    for (const out of ['out', 'out/inside']) {
      const {code, stdout, stderr} = await vetted(dir, ['--out', out, '--dataset', 'dataset.ndjson'])
      expect(code).toBe(2)
      expect(stderr).toBe(
        `vetted export: --out ${out} names a file (or a folder inside one), not a folder: name a folder, which is ` +
          'created if missing. No release was switched.\n',
      )
      expect(`${stdout}${stderr}`).not.toMatch(STACK)
    }
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('a file\n')
  })

  it('OUT/current being a real folder', async () => {
    const dir = tempDir('vetted-safety-')
    await generatedDataset(dir, 2)
    mkdirSync(path.join(dir, 'out', 'current'), {recursive: true})
    writeFileSync(path.join(dir, 'out', 'current', 'index.html'), 'hand-made\n')
    const {code, stdout, stderr} = await vetted(dir, ['--out', 'out', '--dataset', 'dataset.ndjson'])
    expect(code).toBe(2)
    expect(stderr).toBe(
      'vetted export: out/current is a folder, not the symbolic link an export switches to the new release: move it ' +
        'out of the way (mv out/current out/current.old) and export again. No release was switched.\n',
    )
    expect(`${stdout}${stderr}`).not.toMatch(STACK)
    expect(readFileSync(path.join(dir, 'out', 'current', 'index.html'), 'utf8')).toBe('hand-made\n')
    expect(existsSync(path.join(dir, 'out', '.lock'))).toBe(false)
  })

  it('a full disk while the articles are written', async () => {
    const {dir, dataset, ids, release} = await liveExport(3)
    const releases = readdirSync(path.join(dir, 'out', 'releases'))
    editDocument(dataset, ids[0] as string, (document) => ({...document, title: 'A new title'}))
    const filling = (): TestStages => {
      const stages = testStages()
      return {
        ...stages,
        renderArticle: async (input) => {
          disk.full = true
          return stages.renderArticle(input)
        },
      }
    }
    try {
      const {code, stdout, stderr} = await vetted(dir, ['--out', 'out', '--dataset', 'dataset.ndjson'], filling)
      expect(code).toBe(2)
      expect(stderr).toBe(
        'vetted export: The disk holding out is full: free some space (older releases go with --keep 1) and export ' +
          'again. No release was switched.\n',
      )
      expect(`${stdout}${stderr}`).not.toMatch(STACK)
    } finally {
      disk.full = false
    }
    expectUnchanged(dir, release, releases)
  })

  it('recognises an errno error that crossed from a worker thread by its message', () => {
    expect(fileSystemCode(new Error("ENOSPC: no space left on device, write '/x'"))).toBe('ENOSPC')
    expect(fileSystemCode(Object.assign(new Error('quota'), {code: 'EDQUOT'}))).toBe('EDQUOT')
    expect(fileSystemCode(new Error('value.replace is not a function'))).toBeNull()
    expect(new ExportError('disk-full', 'x')).toBeInstanceOf(Error)
  })
})

describe('temporary files', () => {
  it('every cache is written under one naming, which the cleanup recognises', () => {
    const name = path.basename(temporaryFile('/out/.cache/citations.ndjson'))
    expect(name).toMatch(/^citations\.ndjson\.\d+-\d+\.tmp$/)
    expect(temporaryFileOwner(name)).toBe(process.pid)
    // Written by versions before the shared naming.
    expect(temporaryFileOwner('reuse.json.4242.tmp')).toBe(4242)
    expect(temporaryFileOwner('reuse.json')).toBeNull()
  })

  it('what a killed run left of each cache is removed by the next export', async () => {
    const {dir} = await liveExport(2)
    const cache = path.join(dir, 'out', '.cache')
    // A pid above any pid_max: that process is gone.
    const dead = 999_999_999
    const planted = [
      `citations.ndjson.${dead}-3.tmp`,
      `reuse.json.${dead}-0.tmp`,
      `source-snapshot.json.${dead}-0.tmp`,
      `reuse.json.${dead}.tmp`,
    ]
    for (const name of planted) writeFileSync(path.join(cache, name), 'half written')
    const result = await runExport(options(dir), testStages())
    expect(result.removedLeftovers).toEqual(planted.map((name) => `.cache/${name}`).sort())
    expect(readdirSync(cache).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})
