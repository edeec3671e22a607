import {createHash} from 'node:crypto'
import {closeSync, fsyncSync, mkdirSync, openSync, readdirSync, writeSync} from 'node:fs'
import path from 'node:path'
import {writeStreamed, type Write} from '../../stream-file.ts'
import {sitemapPieces, sitemapUrls, writeCatalogue} from './catalogue.ts'
import {buildManifest, selectedFiles, withFiles, writeManifest} from './manifest.ts'
import type {BundleFileName, FileRecord, Format, Manifest, ManifestArticle, ManifestHeader} from './manifest.ts'

/**
 * The release's files: durable writes, an article's bundle (written here, then moved into the bundle store by the
 * planner) and the release's own files (catalogue, schemas, manifest). Sync calls on purpose: the per-article work is CPU-bound and
 * runs off the main thread when there are workers, and one syscall each is cheaper than a promise round trip for
 * 50,000 small files.
 */

export const ARTICLES = 'articles'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

export function articleDir(releaseDir: string, slug: string): string {
  return path.join(releaseDir, ARTICLES, slug)
}

/** Writes one article's rendered files (only the selected formats) and returns their sizes and sha256. */
export function writeBundle(
  dir: string,
  files: Record<BundleFileName, string>,
  formats: readonly Format[],
  fsync: boolean,
): Record<string, FileRecord> {
  mkdirSync(dir, {recursive: true})
  const records: Record<string, FileRecord> = {}
  for (const name of selectedFiles(formats)) records[name] = writeRecorded(path.join(dir, name), files[name], fsync)
  if (fsync) fsyncDirectory(dir)
  return records
}

/**
 * The release's own files in the staging folder: the catalogue (built from the manifest), the sitemap (when articles
 * have a public address), the two schemas; then the manifest that fingerprints them all. The catalogue, sitemap and
 * manifest grow with the articles: each is written as a stream (`stream-file.ts`), hashed on the way. None is synced
 * here: `syncManifestFile` syncs them once it is known that the release differs from the live one (a re-export with
 * nothing changed discards them unsynced).
 */
export function writeReleaseFiles(
  staging: string,
  header: ManifestHeader,
  entries: readonly ManifestArticle[],
  schemas: {articleSchema: string; manifestSchema: string},
  images: Record<string, FileRecord> = {},
): {manifest: Manifest; manifestSha256: string} {
  const files: Record<string, FileRecord> = {}
  const file = (name: string): string => path.join(staging, name)
  const catalogueOf = buildManifest(header, entries, {})
  files['index.html'] = writeStreamed(file('index.html'), (write) => writeCatalogue(catalogueOf, write), false)
  mkdirSync(file('schema'))
  files['schema/article.schema.json'] = writeRecorded(file('schema/article.schema.json'), schemas.articleSchema, false)
  files['schema/manifest.schema.json'] = writeRecorded(
    file('schema/manifest.schema.json'),
    schemas.manifestSchema,
    false,
  )
  const urls = sitemapUrls(entries)
  if (urls.length > 0) {
    const sitemap = (write: Write): void => {
      for (const piece of sitemapPieces(urls)) write(piece)
    }
    files['sitemap.xml'] = writeStreamed(file('sitemap.xml'), sitemap, false)
  }
  // The catalogue's manifest with the files listed: its articles are sorted and normalised once, not twice.
  const manifest = withFiles(catalogueOf, {...files, ...images})
  const {sha256: manifestSha256} = writeStreamed(
    file('manifest.json'),
    (write) => writeManifest(manifest, write),
    false,
  )
  return {manifest, manifestSha256}
}

/**
 * Makes the release's own files (catalogue, sitemap, schemas, the manifest written last) and the staging tree's names
 * durable: the release is complete on disk. The articles' bundles were synced as they were written.
 */
export function syncManifestFile(staging: string, fsync: boolean): void {
  if (!fsync) return
  // The files `writeReleaseFiles` wrote, whatever they are: those at the top and in schema/ (images/ holds hard links
  // of files synced when first written; articles/ holds links).
  for (const dir of [staging, path.join(staging, 'schema')]) {
    for (const entry of readdirSync(dir, {withFileTypes: true}))
      if (entry.isFile()) fsyncFile(path.join(dir, entry.name))
    fsyncDirectory(dir)
  }
  fsyncDirectory(path.join(staging, ARTICLES))
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
 * Writes the text as UTF-8 without making a Buffer of it: `writeSync` and the hash encode the string themselves
 * (the same encoder as `Buffer.from`, a lone surrogate as U+FFFD), and an article's five buffers were a sixth of
 * writing its bundle, besides the garbage. A short write, which regular files make only when the disk fills, goes
 * on from the bytes.
 */
function writeRecorded(file: string, text: string, fsync: boolean): FileRecord {
  const bytes = Buffer.byteLength(text, 'utf8')
  const fd = openSync(file, 'wx')
  try {
    const written = writeSync(fd, text, null, 'utf8')
    if (written < bytes) writeAll(fd, Buffer.from(text, 'utf8'), written)
    if (fsync) fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  return {sha256: createHash('sha256').update(text, 'utf8').digest('hex'), bytes}
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
