import {spawnSync} from 'node:child_process'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {durabilityOf, earlySync, syncFileSystems} from '../pipeline/export/release/durability.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * A release is on disk before `current` switches to it. On Linux the export writes its files without a sync each
 * and flushes the output's filesystem once (`syncfs`) before the switch; the proof is the system calls of the real
 * command, seen by strace (installed by `.ci/run` beside Chromium).
 */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const NODE = path.join(ROOT, 'node_modules', '.bin', 'node')

interface Calls {
  fsync: number
  syncfs: number
  /** Files the export created for writing (its bundles and release files among them). */
  created: number
}

/** `vetted export` of the embedded dataset under strace, following every thread and the `sync` it runs. */
function tracedExport(...flags: string[]): {calls: Calls; out: string} {
  const dir = tempDir('vetted-durable-')
  copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
  const log = path.join(dir, 'strace.log')
  const command = [NODE, path.join(ROOT, 'bin', 'vetted.js'), 'export', '--dataset', 'dataset.ndjson', '--out', 'out']
  const traced = spawnSync(
    'strace',
    [
      '-f',
      '-qq',
      '-e',
      'trace=fsync,fdatasync,syncfs,openat',
      '-o',
      log,
      ...command,
      '--as-of',
      '2026-11-26',
      ...flags,
    ],
    {cwd: dir, env: {...process.env, CI: '1'}, encoding: 'utf8'},
  )
  expect(traced.error).toBeUndefined()
  expect(traced.status, traced.stderr).toBe(0)
  const lines = readFileSync(log, 'utf8').split('\n')
  const count = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).length
  const calls = {
    fsync: count(/\sf(data)?sync\(\d+\)\s+= 0/),
    syncfs: count(/\ssyncfs\(\d+\)\s+= 0/),
    created: count(/openat\(AT_FDCWD, "[^"]*\/out\/[^"]*", [^)]*O_CREAT/),
  }
  return {calls, out: path.join(dir, 'out')}
}

describe('export: durability before the switch', () => {
  it('flushes the filesystem once instead of syncing every file it writes', () => {
    const {calls, out} = tracedExport()
    expect(verifyRelease(path.join(out, 'current')).problems).toEqual([])
    // 7 articles × 5 files, the catalogue, schemas and manifest: all made durable by one flush.
    expect(calls.created).toBeGreaterThan(40)
    expect(calls.syncfs).toBeGreaterThanOrEqual(1)
    // Only the names of the switch itself: the releases folder and the output folder.
    expect(calls.fsync).toBeLessThanOrEqual(2)
  })

  it('syncs nothing with --no-fsync', () => {
    const {calls} = tracedExport('--no-fsync')
    expect(calls.created).toBeGreaterThan(40)
    expect(calls).toMatchObject({fsync: 0, syncfs: 0})
  })

  it('is a filesystem flush on Linux, none without fsync', () => {
    expect(durabilityOf(true)).toBe(process.platform === 'linux' ? 'file-system' : 'each-file')
    expect(durabilityOf(false)).toBe('none')
  })

  it('flushes the bundles in the background as they are written, one flush at a time, only when it flushes at all', () => {
    const started: Array<{written: number; done: () => void}> = []
    let written = 0
    const flush = earlySync('file-system', 'store', 3, (dir, done) => {
      expect(dir).toBe('store')
      started.push({written, done})
    })
    for (written = 1; written <= 7; written++) flush(written)
    // The first at 3; none at 6 while it still runs.
    expect(started.map((flush) => flush.written)).toEqual([3])
    started[0]?.done()
    for (; written <= 10; written++) flush(written)
    expect(started.map((flush) => flush.written)).toEqual([3, 8])
    const none: number[] = []
    const off = earlySync('none', 'store', 3, () => none.push(1))
    for (let count = 1; count <= 10; count++) off(count)
    expect(none).toEqual([])
  })

  it('reports a flush that could not run, so the caller syncs each file instead', () => {
    expect(syncFileSystems([tempDir('vetted-durable-')])).toBe(true)
    expect(syncFileSystems([path.join(tempDir('vetted-durable-'), 'missing')])).toBe(false)
    expect(syncFileSystems([])).toBe(false)
  })
})
