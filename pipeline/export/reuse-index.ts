import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {ArticleRow} from '../source/types.ts'
import type {ManifestArticle} from './release/manifest.ts'
import {CACHE_DIR} from './release/staging.ts'

/**
 * What lets a re-export decide "unchanged" before it reads an article: for each article of the live release, the
 * source fingerprint it was made from and the input hash its manifest entry carries. Kept beside the releases
 * (`OUT/.cache/reuse.json`), tied to the release it describes: an index written for another release or another run
 * context is ignored, so a stale one costs only the slow path (read, query, hash), never a wrong reuse.
 */
export interface ReuseIndex {
  /** The release id whose manifest these entries match. */
  release: string
  /** The run fingerprint's key (`runFingerprint`): fingerprints are comparable only under the same context. */
  context: string
  articles: Record<string, {fingerprint: string; inputHash: string}>
}

const FILE = 'reuse.json'

/** The live release's index entries, when the index was written for that release under this run's key. */
export function readReuseIndex(outDir: string, release: string | undefined, key: string): ReuseIndex['articles'] | null {
  if (release === undefined) return null
  try {
    const index = JSON.parse(readFileSync(path.join(outDir, CACHE_DIR, FILE), 'utf8')) as Partial<ReuseIndex>
    if (index.release !== release || index.context !== key || typeof index.articles !== 'object' || index.articles === null) return null
    return index.articles
  } catch {
    return null
  }
}

/** Ids of the articles whose source fingerprint and input hash match the live release's: reused without a read. */
export function unchangedArticles(
  rows: readonly ArticleRow[],
  reuse: ReuseIndex['articles'] | null,
  previousEntry: (id: string) => ManifestArticle | undefined,
): Set<string> {
  if (reuse === null) return new Set()
  const unchanged = rows.filter((row) => {
    const known = reuse[row._id]
    return row.fingerprint !== undefined && known?.fingerprint === row.fingerprint && previousEntry(row._id)?.inputHash === known.inputHash
  })
  return new Set(unchanged.map((row) => row._id))
}

/** The index for a release just published: only exported articles whose source gave a fingerprint. */
export function buildReuseIndex(release: string, key: string, entries: readonly ManifestArticle[], rows: readonly ArticleRow[]): ReuseIndex {
  const fingerprints = new Map<string, string>()
  for (const row of rows) if (row.fingerprint !== undefined) fingerprints.set(row._id, row.fingerprint)
  const articles: ReuseIndex['articles'] = {}
  for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const fingerprint = fingerprints.get(entry.id)
    if (entry.status === 'exported' && fingerprint !== undefined) articles[entry.id] = {fingerprint, inputHash: entry.inputHash}
  }
  return {release, context: key, articles}
}

/** Written atomically when it holds anything; a failure is not the export's (the next run takes the slow path). */
export function writeReuseIndex(outDir: string, index: ReuseIndex): void {
  if (Object.keys(index.articles).length === 0) return
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
