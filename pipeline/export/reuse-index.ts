import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {canonicalJson} from '../../schemas/rules/canonical-json.ts'
import {sha256} from './hashes.ts'
import type {PrepareContext} from './prepare-article.ts'
import type {ManifestArticle} from './types.ts'

/**
 * What lets a re-export decide "unchanged" before it reads an article: for each article of the live release, the
 * source fingerprint it was made from and the input hash its manifest entry carries. Kept beside the releases
 * (`OUT/.cache/reuse.json`), tied to the release it describes: an index written for another release is ignored,
 * so a stale one costs only the slow path (read, query, hash), never a wrong reuse.
 */
export interface ReuseIndex {
  /** The release id whose manifest these entries match. */
  release: string
  /** The run's settings, as-of date, renderer and options: fingerprints are comparable only under the same context. */
  context: string
  articles: Record<string, {fingerprint: string; inputHash: string}>
}

export const CACHE_DIR = '.cache'
const FILE = 'reuse.json'

/** The run-wide part of an article's inputs: everything `prepareArticle` is given besides the article. */
export type ReuseContext = PrepareContext

/** Everything besides the article's own query result that its input hash covers (see `inputHash`). */
export function reuseContextKey(context: ReuseContext): string {
  return sha256(
    canonicalJson({
      settings: context.settings,
      asOf: context.asOf,
      renderer: context.rendererVersion,
      strict: context.strict,
      formats: context.formats,
      dataset: context.datasetLabel,
      severity: context.severity ?? null,
      policy: context.policy ?? null,
    }),
  )
}

export function readReuseIndex(outDir: string, release: string | undefined): ReuseIndex | null {
  if (release === undefined) return null
  try {
    const index = JSON.parse(readFileSync(path.join(outDir, CACHE_DIR, FILE), 'utf8')) as Partial<ReuseIndex>
    if (index.release !== release || typeof index.context !== 'string' || typeof index.articles !== 'object' || index.articles === null) return null
    return index as ReuseIndex
  } catch {
    return null
  }
}

/** The index for a release just published: only exported articles whose source gave a fingerprint. */
export function buildReuseIndex(release: string, context: string, entries: readonly ManifestArticle[], fingerprints: ReadonlyMap<string, string>): ReuseIndex {
  const articles: ReuseIndex['articles'] = {}
  for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const fingerprint = fingerprints.get(entry.id)
    if (entry.status === 'exported' && fingerprint !== undefined) articles[entry.id] = {fingerprint, inputHash: entry.inputHash}
  }
  return {release, context, articles}
}

/** Written atomically; a failure is not the export's failure (the next run just takes the slow path). */
export function writeReuseIndex(outDir: string, index: ReuseIndex): void {
  try {
    const dir = path.join(outDir, CACHE_DIR)
    mkdirSync(dir, {recursive: true})
    const temporary = path.join(dir, `${FILE}.${process.pid}.tmp`)
    writeFileSync(temporary, JSON.stringify(index))
    renameSync(temporary, path.join(dir, FILE))
  } catch {
    // Only a cache.
  }
}
