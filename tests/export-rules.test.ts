import {mkdirSync, readFileSync, utimesSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {acquireLock, ExportLockedError} from '../pipeline/export/release/lock.ts'
import {prefetch} from '../pipeline/export/prepare.ts'
import {RESERVED_SLUGS, slugProblem} from '../pipeline/export/plan.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** The small rules the export's safety rests on: which slugs may become paths, and one export at a time. */

describe('slugs that may become paths', () => {
  it('accepts plain kebab-case', () => {
    for (const slug of ['infant-mental-health', 'a', 'covid-19', '2024-guide']) expect(slugProblem(slug)).toBeNull()
  })

  it('refuses anything that could leave articles/, clash, or hide', () => {
    const refused = ['', '..', '../etc', 'a/b', 'a\\b', '.hidden', 'Upper', 'two  spaces', 'trailing-', '-leading', 'double--hyphen', 'café', 'a.b', 'x\u0000y', 'a'.repeat(97)]
    for (const slug of refused) expect(slugProblem(slug), slug).not.toBeNull()
    expect(slugProblem(null)?.[0]).toMatch(/no slug/)
  })

  it('refuses the names a release or output folder uses itself', () => {
    for (const slug of ['current', 'releases', 'schema', 'articles', 'manifest']) expect(RESERVED_SLUGS.has(slug)).toBe(true)
    expect(slugProblem('current')?.[0]).toMatch(/reserved/)
  })
})

describe('the export lock', () => {
  it('is exclusive while its owner lives, and released by its owner', () => {
    const dir = tempDir('vetted-lock-')
    const release = acquireLock(dir)
    expect(readFileSync(path.join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`)
    writeFileSync(path.join(dir, '.lock'), `${process.ppid}\n`)
    expect(() => acquireLock(dir)).toThrow(ExportLockedError)
    // A lock that is not ours is not removed by our release function.
    release()
    expect(readFileSync(path.join(dir, '.lock'), 'utf8')).toBe(`${process.ppid}\n`)
  })

  it('takes over a lock whose pid now belongs to a process started after the lock was written', () => {
    const dir = tempDir('vetted-lock-')
    // The parent process (vitest) is alive, but the lock claims to be from 2001: that pid was reused.
    writeFileSync(path.join(dir, '.lock'), `${process.ppid}\n`)
    utimesSync(path.join(dir, '.lock'), new Date('2001-01-01'), new Date('2001-01-01'))
    acquireLock(dir)()
  })

  it('takes over a stale lock left by a dead process, or an empty one left mid-write', () => {
    const dir = tempDir('vetted-lock-')
    mkdirSync(dir, {recursive: true})
    writeFileSync(path.join(dir, '.lock'), '4194305\n')
    const release = acquireLock(dir)
    expect(readFileSync(path.join(dir, '.lock'), 'utf8')).toBe(`${process.pid}\n`)
    release()
    writeFileSync(path.join(dir, '.lock'), '')
    acquireLock(dir)()
  })
})

describe('prefetching from the source', () => {
  it('yields every item in order while keeping a few requests in flight', async () => {
    let inFlight = 0
    let most = 0
    const load = async (n: number) => {
      most = Math.max(most, ++inFlight)
      await new Promise((resolve) => setTimeout(resolve, (7 * n) % 5))
      inFlight--
      return n * 10
    }
    const seen: number[] = []
    for await (const [, value] of prefetch([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, load)) seen.push(value)
    expect(seen).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    expect(most).toBe(4)
  })

  it('rethrows a failed load at its turn', async () => {
    const load = async (n: number) => {
      if (n === 3) throw new Error('article 3 unreadable')
      return n
    }
    const seen: number[] = []
    await expect(
      (async () => {
        for await (const [, value] of prefetch([1, 2, 3, 4], 4, load)) seen.push(value)
      })(),
    ).rejects.toThrow('article 3 unreadable')
    expect(seen).toEqual([1, 2])
  })
})
