import {randomBytes} from 'node:crypto'
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import {hostname} from 'node:os'
import path from 'node:path'

export const LOCK_FILE = '.lock'

/** How often the holder touches its lock, and how old a heartbeat may be before the lock counts as abandoned. */
export const LOCK_HEARTBEAT_MS = 5_000
export const LOCK_STALE_MS = 60_000
const UNREADABLE_GRACE_MS = 2_000

/** Thrown when another live export holds the output folder. */
export class ExportLockedError extends Error {
  override name = 'ExportLockedError'
  readonly pid: number
  constructor(pid: number, outLabel: string, detail = '') {
    super(`Another export (process ${pid}${detail}) is writing to ${outLabel}; wait for it to finish or stop it.`)
    this.pid = pid
  }
}

/** True when a process with this id exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export interface LockOptions {
  /** @defaultValue LOCK_HEARTBEAT_MS */
  heartbeatMs?: number
  /** @defaultValue LOCK_STALE_MS */
  staleMs?: number
}

/** What a lock file holds: who wrote it, and where a pid means something. */
interface LockRecord {
  pid: number
  /** Random, per acquisition: ownership is this, never the pid (two containers may both be pid 7). */
  token: string
  host: string
  /** `/proc/self/ns/pid` and the boot id: equal to ours means the pid can be looked up here. */
  pidNamespace: string | null
  bootId: string | null
  createdMs: number
  /** A bare pid, as versions before the heartbeat wrote it. */
  legacy?: boolean
}

/**
 * One export at a time per output folder, across processes, PID namespaces (containers) and hosts that share it.
 * `OUT/.lock` is created exclusively and names its holder; the holder touches it every `heartbeatMs` (a timer
 * that does not keep the process alive). A lock is abandoned when its heartbeat is older than `staleMs`, whoever
 * and wherever its holder was; only when it was written in this very PID namespace since this boot is its pid
 * also looked up, so a run killed a moment ago on the same machine does not hold the next one up.
 *
 * An abandoned lock is first renamed to a name only this process uses, so two processes seeing the same stale
 * lock cannot both remove it and both proceed. The heartbeat runs on the event loop: a holder whose loop is
 * blocked for longer than `staleMs` (nothing in the export comes close) would lose its lock to a run elsewhere.
 */
export function acquireLock(outDir: string, outLabel = outDir, options: LockOptions = {}): () => void {
  const {heartbeatMs = LOCK_HEARTBEAT_MS, staleMs = LOCK_STALE_MS} = options
  const lockPath = path.join(outDir, LOCK_FILE)
  const here = whereAmI()
  for (let attempt = 0; attempt < 5; attempt++) {
    const token = randomBytes(16).toString('hex')
    const record: LockRecord = {pid: process.pid, token, ...here, createdMs: Date.now()}
    try {
      createComplete(lockPath, `${JSON.stringify(record)}\n`, token)
      return holdLock(lockPath, record.token, heartbeatMs)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = readLock(lockPath)
    const verdict = judge(lockPath, owner, here, staleMs)
    if (verdict.live) throw new ExportLockedError(owner?.pid ?? 0, outLabel, verdict.detail)
    // Abandoned (or unreadable and old). Move it aside under our own name.
    // Named as `removeLeftovers` (staging.ts) expects, so a run killed right here leaves nothing behind for long.
    const aside = `${lockPath}.stale-${process.pid}`
    try {
      renameSync(lockPath, aside)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      continue
    }
    const moved = readLock(aside)
    if (moved?.token !== owner?.token && judge(aside, moved, here, staleMs).live) {
      // Another process took the stale lock over between our read and our rename: that lock is live, put it back.
      renameSync(aside, lockPath)
      throw new ExportLockedError(moved?.pid ?? 0, outLabel)
    }
    rmSync(aside, {force: true})
  }
  throw new Error(`Could not take the export lock ${lockPath} after several attempts.`)
}

/**
 * Creates the lock with its whole record, or throws EEXIST. The record is written under a name of this process's
 * own and hard-linked into place, so the lock is never seen empty or half-written: a run killed between creating
 * and writing it would otherwise leave a lock nobody can read, which holds the next run up for the unreadable grace.
 * Where the file system has no hard links, it is created exclusively and written, as before.
 */
function createComplete(lockPath: string, text: string, token: string): void {
  // Named as `removeLeftovers` (staging.ts) expects, for a run killed before it removed its draft; the token keeps two
  // processes with the same pid (containers sharing OUT) from writing one draft.
  const draft = `${lockPath}.new-${process.pid}-${token}`
  writeFileSync(draft, text)
  try {
    linkSync(draft, lockPath)
  } catch (error) {
    if (!NO_HARD_LINKS.has((error as NodeJS.ErrnoException).code ?? '')) throw error
    const fd = openSync(lockPath, 'wx')
    writeSync(fd, text)
    closeSync(fd)
  } finally {
    rmSync(draft, {force: true})
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])

/**
 * True when a lock file, a lock's draft (`.lock.new-…`) or a lock moved aside (`.lock.stale-…`) is abandoned by the
 * lock's own rules (`judge`): those names are made by a run that does not hold the lock, maybe in another container
 * whose pid means nothing here, and which may be taking the lock this very moment. A record written in this PID
 * namespace is judged by its pid; one from elsewhere by its age (a live lock moved aside carries its last heartbeat).
 */
export function abandonedLockFile(file: string, staleMs = LOCK_STALE_MS): boolean {
  return !judge(file, readLock(file), whereAmI(), staleMs).live
}

function holdLock(lockPath: string, token: string, heartbeatMs: number): () => void {
  const beat = setInterval(() => {
    try {
      const now = new Date()
      if (readLock(lockPath)?.token === token) utimesSync(lockPath, now, now)
    } catch {
      // The next beat tries again; a lock that is gone is the release function's concern.
    }
  }, heartbeatMs)
  beat.unref()
  return () => {
    clearInterval(beat)
    if (readLock(lockPath)?.token === token) rmSync(lockPath, {force: true})
  }
}

type Place = Omit<LockRecord, 'pid' | 'token' | 'createdMs'>

interface Verdict {
  live: boolean
  /** Where and how recently the holder was heard from, for the message. */
  detail: string
}

function judge(lockPath: string, owner: LockRecord | null, here: Place, staleMs: number): Verdict {
  let heartbeatAge: number
  try {
    heartbeatAge = Date.now() - statSync(lockPath).mtimeMs
  } catch {
    return {live: false, detail: ''}
  }
  // Unreadable: not one of ours (ours are linked into place whole), or cut mid-write by a version that wrote in place.
  if (owner === null) return {live: heartbeatAge < Math.min(staleMs, UNREADABLE_GRACE_MS), detail: ''}
  if (owner.legacy) {
    // Written by a version without heartbeats, which only ever judged by the pid: so does this, until it is gone.
    return {live: pidLives(owner), detail: ''}
  }
  const sameNamespace =
    owner.pidNamespace !== null && owner.pidNamespace === here.pidNamespace && owner.bootId === here.bootId
  if (sameNamespace) {
    // Our own pid under another token: an acquisition of this process that was never released.
    return {live: pidLives(owner), detail: ''}
  }
  const where = owner.host !== here.host ? ` on ${printableHost(owner.host)}` : ' in another container'
  const seconds = Math.max(0, Math.round(heartbeatAge / 1000))
  return {live: heartbeatAge < staleMs, detail: `${where}, heartbeat ${seconds} s ago`}
}

/** The holder's process still runs, and is the one that wrote the lock. */
function pidLives(owner: LockRecord): boolean {
  return owner.pid !== process.pid && isProcessAlive(owner.pid) && !startedAfter(owner.pid, owner.createdMs)
}

function printableHost(host: string): string {
  // eslint-disable-next-line no-control-regex
  return host.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 100)
}

function whereAmI(): Place {
  return {
    host: hostname(),
    pidNamespace: readText(() => readlinkSync('/proc/self/ns/pid')),
    bootId: readText(() => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()),
  }
}

function readText(read: () => string): string | null {
  try {
    return read()
  } catch {
    return null
  }
}

/**
 * True when the process now holding that pid started after the lock was written: the locking export died and its
 * pid was reused by an unrelated process (containers recycle small pids quickly). Linux only (/proc); elsewhere false.
 */
function startedAfter(pid: number, lockCreatedMs: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime, in clock ticks since boot) counts from after the command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const startTicks = Number(fields[19])
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return false
    const startedMs = (bootSeconds + startTicks / CLOCK_TICKS_PER_SECOND) * 1000
    // A margin for the tick and btime rounding: a live owner always started before it wrote its lock.
    return startedMs > lockCreatedMs + 2000
  } catch {
    return false
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100

/** The lock's record; a lock from an older version (just a pid) or one cut mid-write has no namespace. */
function readLock(file: string): LockRecord | null {
  let text: string
  try {
    text = readFileSync(file, 'utf8').trim()
  } catch {
    return null
  }
  try {
    const value = JSON.parse(text) as Partial<LockRecord>
    if (typeof value === 'object' && value !== null && Number.isInteger(value.pid) && typeof value.token === 'string') {
      return {
        pid: value.pid as number,
        token: value.token,
        host: typeof value.host === 'string' ? value.host : '',
        pidNamespace: typeof value.pidNamespace === 'string' ? value.pidNamespace : null,
        bootId: typeof value.bootId === 'string' ? value.bootId : null,
        createdMs: typeof value.createdMs === 'number' ? value.createdMs : 0,
      }
    }
  } catch {
    // An older lock: the pid alone.
  }
  const pid = Number.parseInt(text, 10)
  if (!Number.isInteger(pid)) return null
  let createdMs = 0
  try {
    createdMs = statSync(file).mtimeMs
  } catch {
    // Gone meanwhile: judged as written now.
  }
  return {pid, token: `pid:${pid}`, host: '', pidNamespace: null, bootId: null, createdMs, legacy: true}
}
