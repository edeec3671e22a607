import {openSync, readFileSync, renameSync, rmSync, writeSync, closeSync} from 'node:fs'
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
    if (owner !== null && owner !== process.pid && isProcessAlive(owner)) throw new ExportLockedError(owner, outLabel)
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

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10)
    return Number.isInteger(pid) ? pid : null
  } catch {
    return null
  }
}
