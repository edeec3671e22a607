import {spawn} from 'node:child_process'
import {existsSync, readdirSync, readFileSync, readlinkSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {acquireLock, ExportLockedError} from '../pipeline/export/release/lock.ts'
import {prefetch} from '../pipeline/export/prepare.ts'
import {RESERVED_SLUGS, slugProblem} from '../pipeline/export/plan.ts'
import {ensureOutDir, removeLeftovers} from '../pipeline/export/release/staging.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** The small rules the export's safety rests on: which slugs may become paths, and one export at a time. */

describe('slugs that may become paths', () => {
  it('accepts plain kebab-case', () => {
    for (const slug of ['infant-mental-health', 'a', 'covid-19', '2024-guide']) expect(slugProblem(slug)).toBeNull()
  })

  it('refuses anything that could leave articles/, clash, or hide', () => {
    const refused = [
      '',
      '..',
      '../etc',
      'a/b',
      'a\\b',
      '.hidden',
      'Upper',
      'two  spaces',
      'trailing-',
      '-leading',
      'double--hyphen',
      'café',
      'a.b',
      'x\u0000y',
      'a'.repeat(97),
    ]
    for (const slug of refused) expect(slugProblem(slug), slug).not.toBeNull()
    expect(slugProblem(null)?.[0]).toMatch(/no slug/)
  })

  it('refuses the names a release or output folder uses itself', () => {
    for (const slug of ['current', 'releases', 'schema', 'articles', 'manifest'])
      expect(RESERVED_SLUGS.has(slug)).toBe(true)
    expect(slugProblem('current')?.[0]).toMatch(/reserved/)
  })
})

describe('the export lock', () => {
  const lockFile = (dir: string) => path.join(dir, '.lock')
  const lockOf = (dir: string) => JSON.parse(readFileSync(lockFile(dir), 'utf8')) as Record<string, unknown>
  const here = () => ({
    host: hostname(),
    pidNamespace: readlinkSync('/proc/self/ns/pid'),
    bootId: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
  })
  /** A lock as another holder would write it; `age` sets its heartbeat in the past. */
  function writeLock(dir: string, record: Record<string, unknown>, age = 0): void {
    writeFileSync(lockFile(dir), `${JSON.stringify({token: 'other', createdMs: Date.now() - age, ...record})}\n`)
    const then = new Date(Date.now() - age)
    utimesSync(lockFile(dir), then, then)
  }

  it('is exclusive while its owner lives, and released by its owner only', () => {
    const dir = tempDir('vetted-lock-')
    const release = acquireLock(dir)
    expect(lockOf(dir)).toMatchObject({pid: process.pid, ...here()})
    writeLock(dir, {pid: process.ppid, ...here()})
    expect(() => acquireLock(dir)).toThrow(ExportLockedError)
    // A lock that is not ours is not removed by our release function.
    release()
    expect(lockOf(dir)).toMatchObject({pid: process.ppid, token: 'other'})
  })

  it('holds across PID namespaces and hosts while its heartbeat is fresh, whatever that pid is here', () => {
    const dir = tempDir('vetted-lock-')
    // Another container: its pid 4194305 means nothing here (no such process), yet its heartbeat is 10 s old.
    writeLock(dir, {pid: 4194305, host: here().host, pidNamespace: 'pid:[1]', bootId: here().bootId}, 10_000)
    expect(() => acquireLock(dir)).toThrow(/process 4194305 in another container, heartbeat 10 s ago/)
    writeLock(dir, {pid: process.pid, host: 'build-2', pidNamespace: 'pid:[1]', bootId: 'other-boot'}, 1_000)
    const message = `Another export (process ${process.pid} on build-2, heartbeat 1 s ago) is writing to output`
    expect(() => acquireLock(dir, 'output')).toThrow(message)
  })

  it('takes over a lock from elsewhere once its heartbeat is older than the stale time', () => {
    const dir = tempDir('vetted-lock-')
    writeLock(dir, {pid: process.ppid, host: 'build-2', pidNamespace: 'pid:[1]', bootId: 'other-boot'}, 61_000)
    const release = acquireLock(dir)
    expect(lockOf(dir)).toMatchObject({pid: process.pid})
    release()
    // One cut mid-write is given two seconds to be finished by its writer.
    writeFileSync(lockFile(dir), '')
    expect(() => acquireLock(dir)).toThrow(ExportLockedError)
    utimesSync(lockFile(dir), new Date('2001-01-01'), new Date('2001-01-01'))
    acquireLock(dir)()
    // A bare pid, as versions without heartbeats wrote it, is judged by the pid as they did.
    writeFileSync(lockFile(dir), '4194305\n')
    acquireLock(dir)()
  })

  it('refreshes its heartbeat while held, so a long export keeps its lock', async () => {
    const dir = tempDir('vetted-lock-')
    const release = acquireLock(dir, dir, {heartbeatMs: 20})
    utimesSync(lockFile(dir), new Date('2001-01-01'), new Date('2001-01-01'))
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(Date.now() - statSync(lockFile(dir)).mtimeMs).toBeLessThan(5_000)
    release()
    expect(existsSync(lockFile(dir))).toBe(false)
  })

  it('is never seen empty or half-written, so a run killed while taking it leaves nothing that holds the next up', async () => {
    const dir = tempDir('vetted-lock-')
    const rival = spawn(process.execPath, [
      fileURLToPath(new URL('helpers/lock-churn.ts', import.meta.url)),
      dir,
      '4000',
    ])
    const exited = new Promise<number | null>((resolve) => rival.on('exit', resolve))
    let running = true
    void exited.then(() => (running = false))
    const seen = {complete: 0, partial: [] as string[]}
    for (let reads = 1; running; reads++) {
      // Now and then, let the rival's exit be heard.
      if (reads % 64 === 0) await new Promise(setImmediate)
      let text: string
      try {
        text = readFileSync(lockFile(dir), 'utf8')
      } catch {
        continue
      }
      if (/^\{.*\}\n$/.test(text)) seen.complete++
      else seen.partial.push(text)
    }
    expect(await exited).toBe(0)
    expect(seen.partial).toEqual([])
    expect(seen.complete).toBeGreaterThan(0)
    // What a rival killed between writing its draft and linking it leaves, the next export removes.
    ensureOutDir(dir)
    const draft = `${lockFile(dir)}.new-4194305-3f9c2a7b`
    writeFileSync(draft, `${JSON.stringify({pid: 4194305, token: '3f9c2a7b', createdMs: Date.now(), ...here()})}\n`)
    expect(removeLeftovers(dir)).toContain('.lock.new-4194305-3f9c2a7b')
    expect(readdirSync(dir)).not.toContain('.lock.new-4194305-3f9c2a7b')
  })

  it("leaves another container's fresh lock draft or lock moved aside alone: that run may be taking the lock", () => {
    // Its pid means nothing here: removing its draft would fail its link, removing a live lock it moved aside would
    // lose that lock. Both go once as old as an abandoned lock.
    const dir = tempDir('vetted-lock-')
    ensureOutDir(dir)
    const elsewhere = {host: 'other-host', pidNamespace: 'pid:[1]', bootId: 'other-boot'}
    const draft = `${lockFile(dir)}.new-4194305-3f9c2a7b`
    const aside = `${lockFile(dir)}.stale-4194306`
    for (const file of [draft, aside])
      writeFileSync(file, `${JSON.stringify({pid: 4194305, token: 'theirs', createdMs: Date.now(), ...elsewhere})}\n`)
    expect(removeLeftovers(dir)).toEqual([])
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['.lock.new-4194305-3f9c2a7b', '.lock.stale-4194306']))
    const longAgo = new Date(Date.now() - 2 * 60_000)
    for (const file of [draft, aside]) utimesSync(file, longAgo, longAgo)
    expect(removeLeftovers(dir)).toEqual(['.lock.new-4194305-3f9c2a7b', '.lock.stale-4194306'])
    // A pid that runs here (1, init) says nothing of a record from elsewhere: an old one goes all the same.
    const named = `${lockFile(dir)}.new-1-3f9c2a7b`
    writeFileSync(named, `${JSON.stringify({pid: 1, token: 'theirs', createdMs: Date.now(), ...elsewhere})}\n`)
    utimesSync(named, longAgo, longAgo)
    expect(removeLeftovers(dir)).toEqual(['.lock.new-1-3f9c2a7b'])
  })

  it('in its own PID namespace, takes over at once from a dead process or one whose pid was reused', () => {
    const dir = tempDir('vetted-lock-')
    writeLock(dir, {pid: 4194305, ...here()})
    acquireLock(dir)()
    // The parent process (vitest) is alive, but the lock claims to be from 2001: that pid was reused.
    writeLock(dir, {pid: process.ppid, ...here(), createdMs: Date.parse('2001-01-01')})
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
