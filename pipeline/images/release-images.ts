import {readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from '../atomic-file.ts'
import type {FileRecord} from '../export/release/manifest.ts'
import {ReleaseImageStore, type ImageIndex} from './store.ts'

/**
 * The export's side of the image store: open it for a run (with the index the last export left), settle which files
 * the release lists once every article is decided, and save the index for the next run. `OUT/.cache/images.json`
 * is only a cache: without it every image is read and encoded again, and still linked when its bytes are unchanged.
 */

const INDEX_FILE = 'images.json'

/** What makes a variant's bytes (`IMAGE_OUTPUT_VERSION`); loads sharp, so it is asked only when an image is made. */
export async function imageOutputVersion(): Promise<string> {
  return (await import('./codec.ts')).IMAGE_OUTPUT_VERSION
}

export function openReleaseImages(options: {
  staging: string
  cacheDir: string
  previous: {dir: string; manifest: {files?: Record<string, FileRecord>}} | null
  fsync: boolean
}): ReleaseImageStore {
  const {previous} = options
  return new ReleaseImageStore({
    staging: options.staging,
    previous: previous ? {dir: previous.dir, files: previous.manifest.files ?? {}} : null,
    index: readIndex(path.join(options.cacheDir, INDEX_FILE)),
    version: imageOutputVersion,
    fsync: options.fsync,
  })
}

/**
 * The image files of the release: those the published articles show (exported, kept or reused, each entry lists its
 * own), linked from the live release when this run did not place them, with their records for the manifest. Files
 * placed for an article that was then blocked are removed: a release holds only what its manifest lists.
 */
export function releaseImageFiles(
  store: ReleaseImageStore,
  entries: ReadonlyArray<{status: string; images?: string[]}>,
): Record<string, FileRecord> {
  const shown = new Set(entries.flatMap((entry) => (entry.status === 'blocked' ? [] : (entry.images ?? []))))
  for (const file of store.placedFiles()) if (!shown.has(file)) store.remove(file)
  return store.carry([...shown].sort())
}

/** Saves the index of this run's images for the next export (best effort: it is a cache). */
export async function saveImageIndex(store: ReleaseImageStore, cacheDir: string): Promise<void> {
  try {
    const index = await store.index()
    if (index && Object.keys(index.assets).length > 0)
      writeFileAtomic(path.join(cacheDir, INDEX_FILE), JSON.stringify(index))
    else rmSync(path.join(cacheDir, INDEX_FILE), {force: true})
  } catch {
    // Only a cache.
  }
}

function readIndex(file: string): ImageIndex | null {
  try {
    const index = JSON.parse(readFileSync(file, 'utf8')) as ImageIndex
    return typeof index.version === 'string' && typeof index.assets === 'object' && index.assets !== null ? index : null
  } catch {
    return null
  }
}
