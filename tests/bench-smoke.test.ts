import {execFile} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {promisify} from 'node:util'
import type {Row} from '../bench/run.ts'
import {afterAll, describe, expect, it} from 'vitest'

/**
 * A smoke check of `npm run bench -- --quick`: it runs every measurement end to end on a tiny generated dataset and
 * writes a well-formed bench-results.json. No thresholds: timings on a shared CI machine prove nothing.
 */

const root = path.resolve(import.meta.dirname, '..')
const scratch = mkdtempSync(path.join(tmpdir(), 'vetted-bench-smoke-'))
afterAll(() => rmSync(scratch, {recursive: true, force: true}))

describe('npm run bench -- --quick', () => {
  it('measures the baselines, cold exports, both re-exports and two sizes, and writes bench-results.json', async () => {
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

    const results = JSON.parse(readFileSync(out, 'utf8')) as {
      n: number
      smallN: number
      workers: number
      rows: Row[]
      derived: Record<string, number | null>
      machine: {nproc: number; node: string}
    }
    expect(results.n).toBe(50)
    expect(results.machine.nproc).toBeGreaterThan(0)
    const names = results.rows.map((row) => row.name)
    expect(names).toEqual([
      'A: @portabletext/to-html, body → HTML (render only)',
      'B: unified PT→mdast→hast→HTML (render only)',
      'cold export, 1 worker (N=50)',
      'cold export, 2 workers (N=50)',
      're-export, nothing changed (N=50)',
      're-export, one article changed (N=50)',
      `cold export, 1 worker (N=${results.smallN})`,
    ])
    for (const row of results.rows) {
      for (const value of [row.wallMs, row.cpuMs, row.cpuMsPerArticle, row.articlesPerSecond, row.maxRssMb]) {
        expect(Number.isFinite(value) && value > 0, `${row.name}: ${value}`).toBe(true)
      }
    }
    const byName = new Map(results.rows.map((row) => [row.name, row]))
    expect(byName.get('cold export, 1 worker (N=50)')).toMatchObject({articles: 50, rendered: 50})
    expect(byName.get('re-export, nothing changed (N=50)')?.rendered).toBe(0)
    expect(byName.get('re-export, one article changed (N=50)')?.rendered).toBe(1)
    // Per-article render times come from the export's --timings file.
    expect(byName.get('cold export, 1 worker (N=50)')?.p99Ms).toBeGreaterThan(0)
    expect(byName.get('cold export, 1 worker (N=50)')?.vsB).toBeGreaterThan(0)
    expect(results.derived.workerSpeedup).toBeGreaterThan(0)
  }, 300_000)
})
