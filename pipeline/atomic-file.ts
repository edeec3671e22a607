import {renameSync, rmSync, writeFileSync} from 'node:fs'
import {threadId} from 'node:worker_threads'

/**
 * Files replaced whole (the caches under `OUT/.cache/`): written to a temporary name beside the file and renamed
 * over it, so a reader sees the old file or the new one, never half of one. Every temporary name is made here, so
 * the export's cleanup (`removeLeftovers`) recognises what a killed writer left: `<file>.<pid>-<thread>.tmp`.
 */

/** The temporary name for `file` in this process and thread. */
export function temporaryFile(file: string): string {
  return `${file}.${process.pid}-${threadId}.tmp`
}

/** `<pid>-<thread>`; versions before this helper wrote `<pid>` alone. */
const TEMPORARY = /\.(\d+)(?:-\d+)?\.tmp$/

/** The pid that wrote a temporary file of `temporaryFile`'s naming, or null for any other name. */
export function temporaryFileOwner(name: string): number | null {
  const pid = TEMPORARY.exec(name)?.[1]
  return pid === undefined ? null : Number(pid)
}

/** Writes `data` to `file` through a temporary file; throws if it cannot, leaving no temporary file behind. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temporary = temporaryFile(file)
  try {
    writeFileSync(temporary, data)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}
