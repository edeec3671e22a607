import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {writeFileAtomic} from '../atomic-file.ts'
import {codeFingerprint} from '../export/stages.ts'
import {sha256} from '../export/release/files.ts'
import type {FileRecord, Manifest, ManifestArticle, ManifestHeader} from '../export/release/manifest.ts'

/**
 * A re-export that changed nothing, recognised before the release's own files are written: the catalogue, sitemap
 * and manifest (13 MB at 10,000 articles) are a quarter of such a run, built only to find the manifest's hash equal
 * to the live one's. They are skipped when everything that goes into them is what made the live release:
 *
 * - the articles: every entry is the live release's own entry object, reused unchanged (`ArticlePlanner`), and
 *   there are as many as the live manifest lists;
 * - the header (generator, renderer version, dataset, `--as-of`, `--strict`, `--formats`), compared with the live
 *   manifest's; the two schemas, compared with the records it lists; its image files, those the entries show;
 * - the code that turns those into files (`RELEASE_CODE`, below), fingerprinted and recorded in the cache beside the
 *   release id it was last seen to make (`OUT/.cache/release-code.json`). A run whose code differs takes the long
 *   way once: it writes the files, finds out whether the release is new, and records the fingerprint for the id it
 *   ends with. A missing or damaged record only costs that long way, never a stale release.
 */

/**
 * What writes a release's own files from the header and the entries. The renderer's code is in the header's
 * `rendererVersion` already (`OUTPUT_CODE` in stages.ts); this adds the release writer, the header's assembly
 * (`export/index.ts`, `stages.ts`), what the manifest serialises findings with, this module, and the locked
 * dependency versions (hast-util-to-html writes the catalogue) when the lockfile is there (a checkout).
 */
export const RELEASE_CODE = [
  'pipeline/export/index.ts',
  'pipeline/export/stages.ts',
  'pipeline/export/manifest.schema.json',
  'pipeline/export/release',
  'pipeline/unchanged-release',
  'pipeline/stream-file.ts',
  'pipeline/atomic-file.ts',
  'pipeline/diagnostic.ts',
  'package.json',
  'package-lock.json',
]

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const RECORD = 'release-code.json'

let fingerprint: string | undefined

/** The fingerprint of `RELEASE_CODE` (computed once per process). */
export function releaseCodeFingerprint(): string {
  fingerprint ??= codeFingerprint(
    RELEASE_CODE.filter((name) => existsSync(path.join(ROOT, name))),
    ROOT,
  )
  return fingerprint
}

/** What the run would write the release's own files from. */
export interface ReleaseInputs {
  header: ManifestHeader
  entries: readonly ManifestArticle[]
  schemas: {articleSchema: string; manifestSchema: string}
  /** True when this run placed image files in its staging release (an article was rendered). */
  placedImages: boolean
}

/**
 * True when the live release is exactly what this run would write: then nothing is written, verified or switched.
 * `live` is the live release as read at the start of the run (`readPreviousRelease`).
 */
export function liveReleaseStands(
  live: {id: string; manifest: Manifest; manifestSha256: string} | null,
  inputs: ReleaseInputs,
  cacheDir: string,
): boolean {
  if (live === null || inputs.placedImages || !live.manifestSha256.startsWith(live.id)) return false
  const {manifest} = live
  return (
    sameEntries(manifest.articles, inputs.entries) &&
    sameHeader(manifest, inputs.header) &&
    sameFiles(manifest.files ?? {}, inputs) &&
    recordedCode(cacheDir) === `${live.id} ${releaseCodeFingerprint()}`
  )
}

/** Records that this code makes release `id` from its inputs (after a run that ended with `id` live). */
export function recordReleaseCode(cacheDir: string, id: string): void {
  const record = `${id} ${releaseCodeFingerprint()}`
  if (recordedCode(cacheDir) === record) return
  try {
    const [release, code] = record.split(' ')
    writeFileAtomic(path.join(cacheDir, RECORD), `${JSON.stringify({release, code})}\n`)
  } catch {
    // Only a cache: the next run takes the long way.
  }
}

function recordedCode(cacheDir: string): string | null {
  try {
    const {release, code} = JSON.parse(readFileSync(path.join(cacheDir, RECORD), 'utf8')) as Record<string, unknown>
    return typeof release === 'string' && typeof code === 'string' ? `${release} ${code}` : null
  } catch {
    return null
  }
}

/** The same entry objects (the planner reuses the live manifest's own), as many: the manifest's articles unchanged. */
function sameEntries(live: readonly ManifestArticle[], entries: readonly ManifestArticle[]): boolean {
  if (live.length !== entries.length) return false
  const liveEntries = new Set(live)
  return liveEntries.size === entries.length && entries.every((entry) => liveEntries.has(entry))
}

function sameHeader(manifest: Manifest, header: ManifestHeader): boolean {
  const {generator, options} = manifest
  return (
    generator.name === header.generator.name &&
    generator.version === header.generator.version &&
    generator.rendererVersion === header.generator.rendererVersion &&
    Object.keys(generator).length === 3 &&
    manifest.dataset === header.dataset &&
    manifest.asOf === header.asOf &&
    options.strict === header.strict &&
    options.formats.join() === header.formats.join()
  )
}

/** The schemas as listed, and the image files exactly those the published entries show. */
function sameFiles(files: Readonly<Record<string, FileRecord>>, inputs: ReleaseInputs): boolean {
  const listed = (name: string, text: string): boolean => files[name]?.sha256 === sha256(text)
  const {articleSchema, manifestSchema} = inputs.schemas
  if (!listed('schema/article.schema.json', articleSchema) || !listed('schema/manifest.schema.json', manifestSchema))
    return false
  const shown = new Set(inputs.entries.flatMap((entry) => (entry.status === 'blocked' ? [] : (entry.images ?? []))))
  const images = Object.keys(files).filter((name) => name.startsWith('images/'))
  return images.length === shown.size && images.every((name) => shown.has(name))
}
