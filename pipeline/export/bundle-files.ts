import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {sha256} from './hashes.ts'
import {fsyncDirectory, linkOrCopy, writeFileDurable} from './fs-durable.ts'
import {FORMAT_FILES} from './types.ts'
import type {BundleFileName, FileRecord, Format} from './types.ts'

export const ARTICLES = 'articles'

export function articleDir(releaseDir: string, slug: string): string {
  return path.join(releaseDir, ARTICLES, slug)
}

export function selectedFiles(formats: readonly Format[]): BundleFileName[] {
  return formats.flatMap((format) => FORMAT_FILES[format])
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
  for (const name of selectedFiles(formats)) {
    const bytes = Buffer.from(files[name], 'utf8')
    writeFileDurable(path.join(dir, name), bytes, fsync)
    records[name] = {sha256: sha256(bytes), bytes: bytes.byteLength}
  }
  if (fsync) fsyncDirectory(dir)
  return records
}

/** Carries an article's files over from the previous release unchanged (hard links, or copies). */
export function linkBundle(fromDir: string, toDir: string, files: Record<string, FileRecord>, fsync: boolean): void {
  mkdirSync(toDir, {recursive: true})
  for (const name of Object.keys(files)) linkOrCopy(path.join(fromDir, name), path.join(toDir, name))
  if (fsync) fsyncDirectory(toDir)
}
