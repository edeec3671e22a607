import {spawn} from 'node:child_process'
import {readdirSync, renameSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * Deleting is never on the command's path. What is to go (a release beyond `--keep`, a discarded staging release,
 * store entries no kept release links to) is first renamed to `OUT/.trash-<pid>-<n>` — one atomic step, so a
 * release is either whole under `releases/` or not there at all, and never counted as kept — and then handed to a
 * detached process (`clean.ts`) that deletes it after the command has returned. A cleaner killed mid-way leaves a
 * `.trash-*` folder, half deleted: the next run hands it to its own cleaner. Nothing in a trash folder is ever read.
 */

export const TRASH = /^\.trash-(\d+)-\d+$/

let sequence = 0
const pending: Array<{outDir: string; name: string}> = []

/** Renames `dir` (inside `outDir`) to a trash name of this process and queues it for the next `handOffTrash`. */
export function moveToTrash(outDir: string, dir: string): string {
  const name = `.trash-${process.pid}-${++sequence}`
  renameSync(dir, path.join(outDir, name))
  pending.push({outDir, name})
  return name
}

/** Queues trash folders left by earlier runs (their names, in `outDir`) for the next `handOffTrash`. */
export function queueTrash(outDir: string, names: readonly string[]): void {
  for (const name of names) if (TRASH.test(name)) pending.push({outDir, name})
}

/**
 * Trash folders of `outDir` no cleaner is deleting, for `queueTrash`: those of a process that is gone (a killed run
 * or cleaner), and this process's own that are not queued (handed to a cleaner that was killed before it took them,
 * when exports run in a long-lived process such as `vetted serve`). Handing one to two cleaners is harmless: each
 * takes a folder by renaming it, and the second finds it gone.
 */
export function abandonedTrash(outDir: string, isAlive: (pid: number) => boolean): string[] {
  const queued = new Set(pending.filter((item) => item.outDir === outDir).map((item) => item.name))
  return listDirectory(outDir).filter((name) => {
    const pid = Number(TRASH.exec(name)?.[1] ?? Number.NaN)
    if (!Number.isInteger(pid) || queued.has(name)) return false
    return pid === process.pid || !isAlive(pid)
  })
}

const CLEANER = fileURLToPath(new URL('clean.ts', import.meta.url))

/**
 * Starts a detached process that deletes the queued trash of `outDir`, and returns its pid (null when nothing was
 * queued, or the process could not be started: then the trash stays for the next run). It outlives the command:
 * its own session, no pipes, not waited for.
 */
export function handOffTrash(outDir: string): number | null {
  const names = pending.filter((item) => item.outDir === outDir).map((item) => item.name)
  if (names.length === 0) return null
  for (let index = pending.length - 1; index >= 0; index--)
    if (pending[index]?.outDir === outDir) pending.splice(index, 1)
  try {
    const child = spawn(process.execPath, [CLEANER, outDir, ...names], {detached: true, stdio: 'ignore'})
    child.on('error', () => {
      // Not started: the trash stays and the next run hands it off again.
    })
    child.unref()
    return child.pid ?? null
  } catch {
    return null
  }
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
