import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync, readlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exportCommand} from '../pipeline/cli/commands/export.ts'
import {verifyCommand} from '../pipeline/cli/commands/verify.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {editDocument, tempDir, treeOf} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

/** The export end to end on the embedded dataset, with the real source, validation and renderer. */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const AS_OF = '2026-11-26'

type Stages = Awaited<ReturnType<typeof realExportStages>>
let stages: Stages

/** The real stages, with the articles the renderer was called for written down. */
function counted(rendered: string[]): Stages {
  return {...stages, renderArticle: (input) => (rendered.push(input.article._id), stages.renderArticle(input))}
}

function exportTo(dir: string, out = 'out', rendered: string[] = []) {
  return runExport(
    {
      outDir: out,
      dataset: 'dataset.ndjson',
      asOf: AS_OF,
      strict: false,
      formats: FORMATS,
      keep: 3,
      fsync: true,
      cwd: dir,
      env: {},
    },
    counted(rendered),
  )
}

function datasetCopy(): string {
  const dir = tempDir('vetted-e2e-')
  copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
  return dir
}

beforeAll(() => {
  stages = realExportStages()
})

describe('export on the embedded dataset', () => {
  it('exports a verified bundle for every published article', async () => {
    const dir = datasetCopy()
    const result = await exportTo(dir)
    expect(result.manifest.counts.articles).toBe(7)
    expect(result.manifest.counts.byStatus).toEqual({exported: 7, kept: 0, blocked: 0})
    expect(result.manifest.counts.byReviewStatus).toEqual({
      unreviewed: 0,
      current: 2,
      'due-soon': 1,
      overdue: 2,
      'edited-since-review': 1,
      'changes-requested': 1,
    })
    const infant = result.manifest.articles.find((article) => article.slug === 'infant-mental-health')
    expect(Object.keys(infant?.files ?? {})).toEqual([
      'article.json',
      'article.md',
      'article.txt',
      'fragment.html',
      'index.html',
    ])
    expect(verifyRelease(path.join(dir, 'out', result.release)).problems).toEqual([])
    // Internal review notes never reach a release.
    for (const content of Object.values(treeOf(path.join(dir, 'out', result.release))))
      expect(content).not.toContain('INTERNAL-REVIEW-NOTE')
  })

  it('re-exports an unchanged dataset without rendering anything, to the identical release', async () => {
    const dir = datasetCopy()
    const first = await exportTo(dir)
    const rendered: string[] = []
    const second = await exportTo(dir, 'out', rendered)
    expect(rendered).toEqual([])
    expect(second.summary).toEqual({rendered: 0, reused: 7, kept: 0, blocked: 0})
    expect(second.releaseId).toBe(first.releaseId)
    expect(readlinkSync(path.join(dir, 'out', 'current'))).toBe(`releases/${first.releaseId}`)
  })

  it('reports the reused articles’ findings again with --report all; --quiet and --verbose set how much', async () => {
    const dir = datasetCopy()
    const exportCli = async (...argv: string[]) => {
      let stdout = ''
      const io = {stdout: (text: string) => void (stdout += text), stderr: () => {}, env: {}, cwd: dir, isTty: false}
      const code = await runCommand(
        ['export', '--dataset', 'dataset.ndjson', '--as-of', AS_OF, ...argv],
        [exportCommand],
        io,
      )
      return {code, stdout}
    }
    const first = await exportCli()
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('citation-complete: 6 articles (warning), see `--json` or --verbose')
    const again = await exportCli()
    expect(again.stdout).not.toContain('[review-overdue]')
    expect(again.stdout).toContain('Reused articles were not checked again')
    const all = await exportCli('--report', 'all')
    expect(all.stdout).toContain('Work: 0 rendered, 7 reused unchanged')
    expect(all.stdout).toContain('[review-overdue]')
    expect(all.stdout).toContain('citation-complete: 6 articles (warning)')
    expect(all.stdout).not.toContain('Reused articles were not checked again')
    const verbose = await exportCli('--report', 'all', '--verbose')
    expect(verbose.stdout.match(/\[citation-complete\]/g)?.length).toBeGreaterThanOrEqual(6)
    const quiet = await exportCli('--report', 'all', '--quiet')
    expect(quiet.stdout).not.toContain('[review-overdue]')
    expect(quiet.stdout).toMatch(/^23 warnings, 1 info \(only errors shown: --quiet\)$/m)
    for (const output of [first, again, all, verbose, quiet])
      expect(Math.max(...output.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(160)
    expect((await exportCli('--report', 'some')).code).toBe(2)
  })

  it('re-renders exactly the one article that changed', async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    editDocument(path.join(dir, 'dataset.ndjson'), 'article.hand-washing', (document) => ({
      ...document,
      _rev: 'edited',
      title: 'Hand washing: when and how',
    }))
    const rendered: string[] = []
    const second = await exportTo(dir, 'out', rendered)
    expect(rendered).toEqual(['article.hand-washing'])
    expect(second.summary).toEqual({rendered: 1, reused: 6, kept: 0, blocked: 0})
    const page = readFileSync(path.join(dir, 'out', 'current', 'articles', 'hand-washing', 'index.html'), 'utf8')
    expect(page).toContain('Hand washing: when and how')
    expect(verifyRelease(path.join(dir, 'out', second.release)).problems).toEqual([])
  })

  it('keeps the last good files of a published article that is now broken, with the finding', async () => {
    const dir = datasetCopy()
    const first = await exportTo(dir)
    const before = treeOf(path.join(dir, 'out', first.release, 'articles', 'sleep-adults'))
    editDocument(path.join(dir, 'dataset.ndjson'), 'article.sleep-adults', (document) => ({
      ...document,
      _rev: 'broken',
      summary: '',
    }))
    const second = await exportTo(dir)
    const entry = second.manifest.articles.find((article) => article.id === 'article.sleep-adults')
    expect(entry).toMatchObject({
      status: 'kept',
      revision: 'broken',
      keptRevision: first.manifest.articles.find((article) => article.id === 'article.sleep-adults')?.revision,
    })
    expect(entry?.findings).toEqual([
      expect.objectContaining({ruleId: 'required-field', severity: 'error', path: ['summary']}),
    ])
    expect(treeOf(path.join(dir, 'out', second.release, 'articles', 'sleep-adults'))).toEqual(before)
    expect(second.summary).toMatchObject({kept: 1, reused: 6})
    expect(verifyRelease(path.join(dir, 'out', second.release)).problems).toEqual([])
  })

  it('gives byte-identical releases for the same dataset and --as-of', async () => {
    const dir = datasetCopy()
    const one = await exportTo(dir, 'one')
    const two = await exportTo(dir, 'two')
    expect(two.releaseId).toBe(one.releaseId)
    expect(treeOf(path.join(dir, 'two', two.release))).toEqual(treeOf(path.join(dir, 'one', one.release)))
  })
})

describe('the export and verify commands', () => {
  const cli = (cwd: string, ...args: string[]) =>
    spawnSync(process.execPath, [path.join(ROOT, 'bin', 'vetted.js'), ...args], {
      cwd,
      encoding: 'utf8',
      env: {...process.env, CI: '1', SOURCE_DATE_EPOCH: '1795651200'},
    })

  it(
    'exports with exit 0 and a release that `verify` accepts; a changed file makes `verify` exit 1',
    {timeout: 180_000},
    () => {
      const dir = datasetCopy()
      const exported = cli(dir, 'export', '--dataset', 'dataset.ndjson')
      expect(exported.stderr).toContain('7/7 articles')
      expect(exported.status).toBe(0)
      expect(exported.stdout).toMatch(/Articles: 7 \(7 exported, 0 kept, 0 blocked\)/)
      expect(exported.stdout).toMatch(/Release: output\/releases\/[0-9a-f]{16}/)
      // SOURCE_DATE_EPOCH 1795651200 is 2026-11-26.
      expect(JSON.parse(readFileSync(path.join(dir, 'output', 'current', 'manifest.json'), 'utf8'))).toMatchObject({
        asOf: AS_OF,
      })
      const verified = cli(dir, 'verify', 'output')
      expect(verified.status).toBe(0)
      expect(verified.stdout).toMatch(/OK, 7 articles/)
      writeFileSync(path.join(dir, 'output', 'current', 'articles', 'hand-washing', 'article.txt'), 'tampered\n')
      const tampered = cli(dir, 'verify', 'output')
      expect(tampered.status).toBe(1)
      expect(tampered.stdout).toMatch(/articles\/hand-washing\/article\.txt: \d+ bytes, manifest\.json says \d+/)
    },
  )

  it('exits 2 and switches nothing when the dataset cannot be read', {timeout: 120_000}, () => {
    const dir = tempDir('vetted-e2e-')
    const missing = cli(dir, 'export', '--dataset', 'nowhere.ndjson')
    expect(missing.status).toBe(2)
    expect(missing.stderr).toContain('No release was switched')
    expect(existsSync(path.join(dir, 'output', 'current'))).toBe(false)
  })

  it('exits 2 for a usage mistake, and verify exits 2 where there is no release', async () => {
    const dir = tempDir('vetted-e2e-')
    const io = {stdout: () => {}, stderr: (text: string) => void errors.push(text), env: {}, cwd: dir, isTty: false}
    const errors: string[] = []
    expect(await runCommand(['export', '--formats', 'pdf'], [exportCommand, verifyCommand], io)).toBe(2)
    expect(await runCommand(['export', '--keep', '0'], [exportCommand, verifyCommand], io)).toBe(2)
    expect(await runCommand(['verify', 'output'], [exportCommand, verifyCommand], io)).toBe(2)
    expect(errors.join('')).toMatch(/--formats takes a comma-separated list of html, json, txt, md; got `pdf`/)
    expect(errors.join('')).toMatch(/--keep takes a whole number of at least 1/)
    expect(errors.join('')).toMatch(/no release at output/)
  })
})
