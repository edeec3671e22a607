import {spawnSync} from 'node:child_process'
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
