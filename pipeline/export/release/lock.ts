import {closeSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync} from 'node:fs'
import path from 'node:path'

export const LOCK_FILE = '.lock'

/** Thrown when another live export holds the output folder. */
export class ExportLockedError extends Error {
  override name = 'ExportLockedError'
  readonly pid: number
  constructor(pid: number, outLabel: string) {
    super(`Another export (process ${pid}) is writing to ${outLabel}; wait for it to finish or stop it.`)
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

/**
 * One export at a time per output folder: `OUT/.lock` is created exclusively and holds the owner's pid. A lock left
 * by a killed run (its pid no longer alive) is taken over: it is first renamed to a name only this process uses, so
 * two processes seeing the same stale lock cannot both remove it and both proceed.
 */
export function acquireLock(outDir: string, outLabel = outDir): () => void {
  const lockPath = path.join(outDir, LOCK_FILE)
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx')
      writeSync(fd, `${process.pid}\n`)
      closeSync(fd)
      return () => {
        if (readPid(lockPath) === process.pid) rmSync(lockPath, {force: true})
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const owner = readPid(lockPath)
    if (owner !== null && owner !== process.pid && isProcessAlive(owner) && !startedAfterLock(owner, lockPath)) {
      throw new ExportLockedError(owner, outLabel)
    }
    // Stale (or unreadable: a run killed between create and write). Move it aside under our own name.
    const aside = `${lockPath}.stale-${process.pid}`
    try {
      renameSync(lockPath, aside)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
      continue
    }
    const moved = readPid(aside)
    if (moved !== null && moved !== owner && isProcessAlive(moved)) {
      // Another process took the stale lock over between our read and our rename: that lock is live, put it back.
      renameSync(aside, lockPath)
      throw new ExportLockedError(moved, outLabel)
    }
    rmSync(aside, {force: true})
  }
  throw new Error(`Could not take the export lock ${lockPath} after several attempts.`)
}

/**
 * True when the process now holding that pid started after the lock was written: the locking export died and its
 * pid was reused by an unrelated process (containers recycle small pids quickly). Linux only (/proc); elsewhere false.
 */
function startedAfterLock(pid: number, lockPath: string): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Field 22 (starttime, in clock ticks since boot) counts from after the command name, which may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const startTicks = Number(fields[19])
    const bootSeconds = Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1])
    if (!Number.isFinite(startTicks) || !Number.isFinite(bootSeconds)) return false
    const startedMs = (bootSeconds + startTicks / CLOCK_TICKS_PER_SECOND) * 1000
    // A margin for the tick and btime rounding: a live owner always started before it wrote its lock.
    return startedMs > statSync(lockPath).mtimeMs + 2000
  } catch {
    return false
  }
}

/** USER_HZ: 100 on every mainstream Linux build. */
const CLOCK_TICKS_PER_SECOND = 100

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
    return Number.isInteger(pid) ? pid : null
  } catch {
    return null
  }
}
