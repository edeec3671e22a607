import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readlinkSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {mulberry32} from '../bench/generate.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {articleIds, cleanerDone, editDocument, generatedDataset, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * Atomicity under SIGKILL: `vetted export` (the shipped command, with the validation and render stand-ins so the
 * runs are short: see tests/helpers/export-cli-doubles.ts) exports a few hundred generated articles and is killed
 * at seeded random moments, at least 20 times. After every kill `current` must verify and be either the release that was live before
 * or the one the interrupted export was building (known once an export of the same input completes), and the
 * next export must succeed and leave no leftovers behind.
 */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const CLI = path.join(ROOT, 'tests', 'helpers', 'export-cli-doubles.ts')
const ARTICLES = 200
const KILLS = 20

interface Run {
  code: number | null
  signal: NodeJS.Signals | null
  ms: number
}

function exportOnce(dir: string, asOf: string, killAfterMs: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const child = spawn(
      process.execPath,
      [CLI, 'export', '--dataset', 'dataset.ndjson', '--out', 'out', '--as-of', asOf, '--no-fsync'],
      {
        cwd: dir,
        env: {...process.env, CI: '1'},
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    )
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = killAfterMs === null ? null : setTimeout(() => child.kill('SIGKILL'), killAfterMs)
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer)
      if (code === 2 || (code !== null && code > 2)) reject(new Error(`export failed (exit ${code}): ${stderr}`))
      else resolve({code, signal, ms: performance.now() - started})
    })
  })
}

function currentId(out: string): string | null {
  return existsSync(path.join(out, 'current')) ? readlinkSync(path.join(out, 'current')) : null
}

describe('export: killed at random moments', () => {
  it(`leaves current intact through ${KILLS} SIGKILLs, and the next export cleans up`, async () => {
    const dir = tempDir('vetted-kill-')
    const dataset = await generatedDataset(dir, ARTICLES, 11)
    const out = path.join(dir, 'out')
    const ids = articleIds(dataset)
    const random = mulberry32(20261126)
    const first = await exportOnce(dir, '2026-11-26', null)
    expect(first).toMatchObject({code: 0, signal: null})
    let live = currentId(out) as string
    // How long an export takes here and now (machines and their load differ): kills are spread over it.
    let estimate = first.ms
    let kills = 0
    for (let cycle = 1; kills < KILLS; cycle++) {
      // Alternate a change everything depends on (the as-of date: every article re-rendered) with a one-article
      // edit (everything else hard-linked), so kills land in rendering, in linking and around the switch.
      const asOf = `2026-12-${String((Math.ceil(cycle / 2) % 28) + 1).padStart(2, '0')}`
      if (cycle % 2 === 0)
        editDocument(dataset, ids[cycle % ids.length] as string, (document) => ({
          ...document,
          title: `Edited in cycle ${cycle}`,
        }))
      const observed: string[] = []
      let completed = false
      for (let attempt = 0; attempt < 5 && kills < KILLS && !completed; attempt++) {
        const run = await exportOnce(dir, asOf, Math.floor(estimate * (0.25 + random() * 0.85)))
        if (run.signal !== 'SIGKILL') {
          // It finished before the kill: that is this cycle's completed export.
          expect(run.code).toBe(0)
          estimate = (estimate + run.ms) / 2
          completed = true
          continue
        }
        kills++
        const now = currentId(out)
        expect(now, `after kill ${kills}`).not.toBeNull()
        expect(verifyRelease(path.join(out, String(now))).problems).toEqual([])
        observed.push(String(now))
      }
      if (!completed) {
        const done = await exportOnce(dir, asOf, null)
        expect(done).toMatchObject({code: 0, signal: null})
        estimate = (estimate + done.ms) / 2
      }
      const fresh = currentId(out) as string
      for (const seen of observed) expect([live, fresh]).toContain(seen)
      expect(verifyRelease(path.join(out, fresh)).problems).toEqual([])
      // Old releases and killed runs' folders went to the trash, deleted by a detached cleaner after the command.
      await cleanerDone(out)
      expect(readdirSync(out).sort()).toEqual(['.cache', 'current', 'releases', 'store'])
      expect(readdirSync(path.join(out, 'releases')).length).toBeLessThanOrEqual(3)
      live = fresh
    }
  }, 600_000)
})
