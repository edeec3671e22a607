import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import type {Row, Target} from '../bench/run.ts'
import {afterAll, describe, expect, it} from 'vitest'

/**
 * A smoke check of `npm run bench -- --quick`: it runs every measurement end to end on a tiny generated dataset and
 * writes a well-formed bench-results.json. No thresholds: timings on a shared CI machine prove nothing.
 */

const root = path.resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(path.join(tmpdir(), 'vetted-bench-smoke-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

describe('npm run bench -- --quick', () => {
  it('measures the baselines, cold exports with and without cached citations, both re-exports and two sizes', async () => {
    const out = path.join(scratch, 'bench-results.json')
    const {stdout} = await promisify(execFile)(
      'npm',
      ['run', '--silent', 'bench', '--', '--quick', '--n', '50', '--out', out],
      {
        cwd: root,
        env: {...process.env, TMPDIR: scratch},
        maxBuffer: 10 * 1024 * 1024,
      },
    )
    expect(stdout).toContain('| cold export, 1 worker (N=50) |')
    // Images: a cost per image, and a re-export with unchanged images that writes none of their bytes.
    expect(stdout).toMatch(
      /ms per image · re-export, one article edited: \d+ ms, 0 image files and 0 image bytes written/,
    )
    // The target table closes the output, one line per target, met or missed (no thresholds here).
    expect(stdout).toMatch(
      /\| re-export, one article changed, pruning included \(N=50: indicative\) \| ≤ 2 s wall \| [\d.]+ s \| (met|missed) \|/,
    )

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      n: number
      smallN: number
      workers: number
      fsync: boolean
      keep: number
      oneChangedWarmUps: number
      rows: Row[]
      derived: Record<string, unknown> & {distinctSources: number; firstFormattingCpuMsPerSource: number}
      targets: Target[]
      machine: {nproc: number; node: string}
    }
    expect(results.n).toBe(50)
    expect(results.machine.nproc).toBeGreaterThan(0)
    // The export's defaults: fsync on; the one-changed runs start at the keep limit.
    expect(results.fsync).toBe(true)
    expect(results.oneChangedWarmUps).toBe(results.keep - 1)
    const names = results.rows.map((row) => row.name)
    expect(names).toEqual([
      'A: @portabletext/to-html, body → HTML (render only)',
      'B: unified PT→mdast→hast→HTML (render only)',
      'cold export, citations uncached, 1 worker (N=50)',
      'cold export, 1 worker (N=50)',
      'cold export, 2 workers (N=50)',
      're-export, nothing changed (N=50)',
      're-export, one article changed, pruning (N=50)',
      `cold export, citations uncached, 1 worker (N=${results.smallN})`,
      `cold export, 1 worker (N=${results.smallN})`,
    ])
    for (const row of results.rows) {
      for (const value of [row.wallMs, row.cpuMs, row.cpuMsPerArticle, row.articlesPerSecond, row.maxRssMb]) {
        expect(Number.isFinite(value) && value > 0, `${row.name}: ${value}`).toBe(true)
      }
      for (const run of row.runs) expect(run.load1, row.name).toBeGreaterThanOrEqual(0)
    }
    const byName = new Map(results.rows.map((row) => [row.name, row]))
    expect(byName.get('cold export, citations uncached, 1 worker (N=50)')).toMatchObject({articles: 50, rendered: 50})
    expect(byName.get('cold export, 1 worker (N=50)')).toMatchObject({articles: 50, rendered: 50})
    expect(byName.get('re-export, nothing changed (N=50)')?.rendered).toBe(0)
    expect(byName.get('re-export, one article changed, pruning (N=50)')?.rendered).toBe(1)
    // Per-article render times come from the export's --timings file.
    expect(byName.get('cold export, 1 worker (N=50)')?.p99Ms).toBeGreaterThan(0)
    expect(byName.get('cold export, 1 worker (N=50)')?.vsB).toBeGreaterThan(0)
    // Each run of 1 worker is paired with a run of 2.
    expect(results.derived.workerSpeedupPerRun).toHaveLength(1)
    expect(results.derived.workerSpeedup).toBeGreaterThan(0)
    expect(results.derived.distinctSources).toBeGreaterThan(0)
    expect(Number.isFinite(results.derived.firstFormattingCpuMsPerSource)).toBe(true)
    expect(results.derived.peakRssMb).toMatchObject({large: expect.any(Number), small: expect.any(Number)})
    expect(results.targets.map((target) => target.goal)).toEqual([
      '≤ 10× B (stretch 8×)',
      '≤ 2 ms per source',
      '≤ 400 MB at both (stretch 256 MB)',
      '≤ 2 s wall',
      '≤ 1.0 s wall',
      '≥ 1.6×',
    ])
    for (const target of results.targets) expect(typeof target.met, target.target).toBe('boolean')
  }, 300_000)
})
