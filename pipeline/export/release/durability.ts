import {spawn, spawnSync} from 'node:child_process'
import {existsSync} from 'node:fs'
import path from 'node:path'
import {IMAGES} from '../../images/store.ts'
import type {BundleStore} from '../../store/bundle-store.ts'
import {fsyncDirectory, syncFolders, syncManifestFile} from './files.ts'

/**
 * How a release is made durable before `current` switches to it, so a power loss cannot leave a half-written
 * release live:
 *
 * - `file-system` (Linux, the default there): files are written without a sync each, and one `syncfs(2)` of the
 *   output's filesystem flushes them all just before the switch. This is git's `core.fsyncMethod=batch` idea: one
 *   journal commit and one disk-cache flush for the whole release instead of one per file (60,000 for 10,000
 *   articles), which made a cold export's threads wait on the disk for a fifth of their time.
 * - `each-file`: every file and directory is fsynced as it is written (platforms without `syncfs`, or when the
 *   batch sync cannot run; see `syncFileSystems`).
 * - `none`: `--no-fsync`.
 */
export type Durability = 'file-system' | 'each-file' | 'none'

/**
 * `syncfs(2)` is reached through coreutils' `sync --file-system` (8.24, 2015): Node has no binding for it, and a
 * native addon for one syscall would cost every install a compiler. Elsewhere (macOS's `sync` takes no file and
 * does not wait), each file is synced.
 */
const SYNC = ['/usr/bin/sync', '/bin/sync'].find((file) => process.platform === 'linux' && existsSync(file))

export function durabilityOf(fsync: boolean): Durability {
  if (!fsync) return 'none'
  return SYNC === undefined ? 'each-file' : 'file-system'
}

/**
 * Flushes the filesystems holding these paths (`syncfs`, which waits for the data and reports write-back errors
 * since Linux 5.8). False when it could not run or failed: the caller then syncs each file it wrote.
 */
export function syncFileSystems(paths: readonly string[]): boolean {
  if (SYNC === undefined || paths.length === 0) return false
  const result = spawnSync(SYNC, ['--file-system', ...paths], {stdio: 'ignore'})
  return result.error === undefined && result.status === 0
}

/** Articles written between two background flushes (`earlySync`): ~330 MB of bundles at the generator's size. */
const EARLY_SYNC_ARTICLES = 2000

/**
 * Flushes the bundles written so far in the background, once every `every` articles written (never two flushes at
 * once), so that the `syncfs` before the switch (`makeReleaseDurable`) waits only for what came after the last one:
 * at 10,000 articles it waited 0.7–1.2 s, now 0.02 s. A flush's end is seen when the export thread's event loop
 * runs (`workThrough` lets it run between batches of articles). Nothing depends on these flushes: the final one makes
 * the release durable, and one that fails or is still running changes nothing.
 * Returns the function to call with the count of articles written; `start` runs one flush (tests).
 */
export function earlySync(
  durability: Durability,
  dir: string,
  every = EARLY_SYNC_ARTICLES,
  start: (dir: string, done: () => void) => void = flushInBackground,
): (written: number) => void {
  if (durability !== 'file-system' || SYNC === undefined) return () => {}
  let next = every
  let running = false
  return (written) => {
    if (written < next || running) return
    next = written + every
    running = true
    start(dir, () => (running = false))
  }
}

function flushInBackground(dir: string, done: () => void): void {
  const child = spawn(SYNC as string, ['--file-system', dir], {stdio: 'ignore'})
  child.on('error', done).on('exit', done)
  // The export does not wait for it (an exit while it runs leaves it to finish on its own).
  child.unref()
}

/**
 * Everything the staged release holds, on disk before the switch: at once (`syncfs`), or file by file where that is
 * not possible; bundles written with `each-file` durability were synced as they were written.
 */
export function makeReleaseDurable(
  durability: Durability,
  {staging, store, cacheDir}: {staging: string; store: BundleStore; cacheDir: string},
): void {
  if (durability === 'none') return
  // The store and the cache folder exist once something was written there.
  const written = [staging, store.dir, cacheDir].filter((dir) => existsSync(dir))
  if (durability === 'file-system' && syncFileSystems(written)) return
  if (durability === 'file-system') {
    // The batch sync could not run: the bundles and images this run wrote were not synced one by one either.
    const images = path.join(staging, IMAGES)
    syncFolders([...store.createdFolders(), ...(existsSync(images) ? [images] : [])])
    fsyncDirectory(store.dir)
  }
  syncManifestFile(staging, true)
}
