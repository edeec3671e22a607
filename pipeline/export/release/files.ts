import {createHash} from 'node:crypto'
import {closeSync, copyFileSync, fsyncSync, linkSync, mkdirSync, openSync, writeSync} from 'node:fs'
import path from 'node:path'
import {catalogueHtml, sitemapXml} from './catalogue.ts'
import {buildManifest, selectedFiles, serialiseManifest} from './manifest.ts'
import type {BundleFileName, FileRecord, Format, Manifest, ManifestArticle, ManifestHeader} from './manifest.ts'

/**
 * The release's files: durable writes, an article's bundle (written, or hard-linked from the live release) and the
 * release's own files (catalogue, schemas, manifest). Sync calls on purpose: the per-article work is CPU-bound and
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

/** Carries an article's files over from the previous release unchanged (hard links, or copies). */
export function linkBundle(fromDir: string, toDir: string, files: Record<string, FileRecord>, fsync: boolean): void {
  mkdirSync(toDir, {recursive: true})
  for (const name of Object.keys(files)) linkOrCopy(path.join(fromDir, name), path.join(toDir, name))
  if (fsync) fsyncDirectory(toDir)
}

/**
 * The release's own files in the staging folder: the catalogue (built from the manifest), the sitemap (when articles
 * have a public address), the two schemas; then the
 * manifest that fingerprints them all. The manifest file itself is written by `writeManifestFile`, once it is known
 * that the release differs from the live one.
 */
export function writeReleaseFiles(
  staging: string,
  header: ManifestHeader,
  entries: readonly ManifestArticle[],
  schemas: {articleSchema: string; manifestSchema: string},
  fsync: boolean,
  images: Record<string, FileRecord> = {},
): {manifest: Manifest; manifestText: string} {
  const catalogue = catalogueHtml(buildManifest(header, entries, {}))
  const sitemap = sitemapXml(entries)
  const files = writeOwnFiles(staging, {catalogue, sitemap, ...schemas}, fsync)
  const manifest = buildManifest(header, entries, {...files, ...images})
  return {manifest, manifestText: serialiseManifest(manifest)}
}

function writeOwnFiles(
  staging: string,
  texts: {catalogue: string; sitemap: string | null; articleSchema: string; manifestSchema: string},
  fsync: boolean,
): Record<string, FileRecord> {
  mkdirSync(path.join(staging, 'schema'))
  const files: Record<string, FileRecord> = {
    'index.html': writeRecorded(path.join(staging, 'index.html'), texts.catalogue, fsync),
    'schema/article.schema.json': writeRecorded(
      path.join(staging, 'schema/article.schema.json'),
      texts.articleSchema,
      fsync,
    ),
    'schema/manifest.schema.json': writeRecorded(
      path.join(staging, 'schema/manifest.schema.json'),
      texts.manifestSchema,
      fsync,
    ),
  }
  if (texts.sitemap !== null)
    files['sitemap.xml'] = writeRecorded(path.join(staging, 'sitemap.xml'), texts.sitemap, fsync)
  if (fsync) fsyncDirectory(path.join(staging, 'schema'))
  return files
}

/** Writes the manifest last, then makes the staging tree's names durable: the release is complete on disk. */
export function writeManifestFile(staging: string, manifestText: string, fsync: boolean): void {
  writeFileDurable(path.join(staging, 'manifest.json'), Buffer.from(manifestText), fsync)
  if (fsync) {
    fsyncDirectory(path.join(staging, ARTICLES))
    fsyncDirectory(staging)
  }
}

function writeRecorded(file: string, text: string, fsync: boolean): FileRecord {
  const bytes = Buffer.from(text, 'utf8')
  writeFileDurable(file, bytes, fsync)
  return {sha256: sha256(bytes), bytes: bytes.byteLength}
}

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
