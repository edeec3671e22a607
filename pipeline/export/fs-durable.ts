import {closeSync, copyFileSync, fsyncSync, linkSync, openSync, writeSync} from 'node:fs'

/**
 * Small synchronous file primitives. Sync calls on purpose: the per-article work is CPU-bound and runs off the main
 * thread when there are workers, and one syscall each is cheaper than a promise round trip for 50,000 small files.
 */

export function writeFileDurable(file: string, data: Uint8Array, fsync: boolean): void {
  const fd = openSync(file, 'wx')
  try {
    let offset = 0
    while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset)
    if (fsync) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/** fsync a directory so the names created in it survive a power loss (Linux and macOS allow opening a directory). */
export function fsyncDirectory(dir: string): void {
  let fd: number
  try {
    fd = openSync(dir, 'r')
  } catch {
    return
  }
  try {
    fsyncSync(fd)
  } catch {
    // Some filesystems refuse fsync on directories (EINVAL); the data files themselves were synced.
  } finally {
    closeSync(fd)
  }
}

/**
 * Hard-links an unchanged file from the previous release (no bytes copied, and release directories are never modified
 * after they are published, so sharing inodes is safe); copies when links are not possible (another device, a
 * filesystem without hard links).
 */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') copyFileSync(from, to)
    else throw error
  }
}
