import {hash} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, writeSync} from 'node:fs'
import path from 'node:path'
import {selectedFiles} from './manifest.ts'
import type {BundleFileName, FileRecord, Format} from './manifest.ts'

/**
 * The release's files: durable writes, an article's bundle (written here, then moved into the bundle store by the
 * planner) and the release's own files (catalogue, schemas, manifest: `write-release.ts`). Sync calls on purpose: the per-article work is CPU-bound and
 * runs off the main thread when there are workers, and one syscall each is cheaper than a promise round trip for
 * 50,000 small files.
 */

export const ARTICLES = 'articles'

/** One-shot: no Hash object per call (an article's bundle hashes ~9 texts). */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex')
}

export function articleDir(releaseDir: string, slug: string): string {
  return path.join(releaseDir, ARTICLES, slug)
}

/** Files as the texts they were joined from (`RenderedArticle.pieces`), written in their place. */
export type BundlePieces = Partial<Record<BundleFileName, readonly string[]>>

/**
 * Writes one article's rendered files (only the selected formats) and returns their sizes and sha256. A file given
 * in `pieces` is written from them, never from its joined text.
 */
export function writeBundle(
  dir: string,
  files: Record<BundleFileName, string>,
  formats: readonly Format[],
  fsync: boolean,
  pieces: BundlePieces = {},
): Record<string, FileRecord> {
  mkdirSync(dir, {recursive: true})
  const records: Record<string, FileRecord> = {}
  for (const name of selectedFiles(formats))
    records[name] = writeRecorded(path.join(dir, name), pieces[name] ?? files[name], fsync)
  if (fsync) fsyncDirectory(dir)
  return records
}

/**
 * Makes the release's own files (catalogue, sitemap, schemas, the manifest written last) and the staging tree's names
 * durable: the release is complete on disk. The articles' bundles were synced as they were written.
 */
export function syncManifestFile(staging: string, fsync: boolean): void {
  if (!fsync) return
  // The files `writeReleaseFiles` wrote, whatever they are: those at the top and in schema/ (images/ holds hard links
  // of files synced when first written; articles/ holds links).
  syncFolders([staging, path.join(staging, 'schema')])
  fsyncDirectory(path.join(staging, ARTICLES))
}

/** fsync each file of these folders, then the folders: the fallback when the filesystem cannot be synced at once. */
export function syncFolders(dirs: readonly string[]): void {
  for (const dir of dirs) {
    for (const entry of readdirSync(dir, {withFileTypes: true}))
      if (entry.isFile()) fsyncFile(path.join(dir, entry.name))
    fsyncDirectory(dir)
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

/**
 * Writes the text as UTF-8 and returns its size and sha256, encoding it once: into one scratch buffer per thread,
 * which the write and the hash both read. Handing the string to `writeSync` and to the hash (and to
 * `Buffer.byteLength` for its size) encoded it three times, the slow two-byte route for any text with a curly quote;
 * a fresh Buffer per file was garbage as well. A short write, which regular files make only when the disk fills,
 * goes on from the bytes.
 */
export function writeRecorded(file: string, text: string | readonly string[], fsync: boolean): FileRecord {
  const bytes = encodeToScratch(text)
  const fd = openSync(file, 'wx')
  try {
    writeAll(fd, bytes)
    if (fsync) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return {sha256: sha256(bytes), bytes: bytes.byteLength}
}

const encoder = new TextEncoder()
let scratch = new Uint8Array(0)

/**
 * The text's UTF-8 bytes (of its pieces one after another), a view of the scratch buffer valid until the next call
 * (a lone surrogate as U+FFFD, as `Buffer.from` writes it; a surrogate pair split between two pieces would be two,
 * which no piece boundary the renderer makes can do: each falls between two characters of ASCII markup).
 */
function encodeToScratch(text: string | readonly string[]): Uint8Array {
  const pieces = typeof text === 'string' ? [text] : text
  let length = 0
  for (const piece of pieces) length += piece.length
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: a buffer that size always holds the text.
  if (scratch.byteLength < length * 3) scratch = new Uint8Array(Math.max(length * 3, 1 << 20))
  let written = 0
  for (const piece of pieces) written += encoder.encodeInto(piece, scratch.subarray(written)).written
  return scratch.subarray(0, written)
}

function writeAll(fd: number, data: Uint8Array, from = 0): void {
  let offset = from
  while (offset < data.byteLength) offset += writeSync(fd, data, offset, data.byteLength - offset)
}

export function writeFileDurable(file: string, data: Uint8Array, fsync: boolean): void {
  const fd = openSync(file, 'wx')
  try {
    writeAll(fd, data)
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
