import {mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {writeStreamedAtomic} from '../stream-file.ts'
import {contentHash as reviewableContentHash} from '../../domain/content-hash.ts'
import {reviewState} from '../../domain/review-status.ts'
import type {ArticleRow, SourceArticle} from '../source/types.ts'
import type {ArticleReview, RunContext, RunFingerprint} from './options.ts'
import {sha256} from './release/files.ts'
import type {ManifestArticle} from './release/manifest.ts'
import {CACHE_DIR} from './release/staging.ts'

/**
 * What is known about the articles before anything is rendered: which are unchanged without reading them (the
 * reuse index), the read-ahead that keeps the source busy, and for each article read its fingerprints and review
 * state (`prepareArticle`).
 */

export interface PreparedArticle {
  article: SourceArticle
  /** `JSON.stringify(article)` when the source hash was taken of it: kept for a worker thread (`toWire`). */
  sourceJson?: string
  sourceHash: string
  contentHash: string
  review: ArticleReview
  inputHash: string
}

/**
 * The source hash says whether the resolved article is the one an earlier release was made from. It is the source's
 * own fingerprint of what it read (`ArticleRow.fingerprint`: the query and the lines of the article and of every
 * document it reaches) when the source gives one and the article decoded without findings: then the resolved article
 * follows from those bytes and the source's code (which `OUTPUT_CODE` fingerprints into every input hash), and
 * serialising and hashing it again (~0.2 ms of the export thread per article at 10,000) would say nothing more.
 * Otherwise (the Content Lake; an article with decode findings, which can also come from its image files) it is the
 * sha256 of `JSON.stringify(article)`: a source that reorders keys only costs a re-render, never a wrong reuse, and it
 * is several times faster than canonical JSON. The reviewable-content hash is taken from the previous manifest when
 * the source hash is the same.
 */
export async function prepareArticle(
  article: SourceArticle,
  run: RunContext,
  fingerprint: RunFingerprint,
  previous: ManifestArticle | undefined,
  sourceFingerprint?: string,
): Promise<PreparedArticle> {
  const fingerprinted = sourceFingerprint !== undefined && article.decodeFindings === undefined
  const sourceJson = fingerprinted ? undefined : JSON.stringify(article)
  const source = fingerprinted ? sourceFingerprint : sha256(sourceJson as string)
  const content =
    previous && previous.sourceHash === source
      ? previous.contentHash
      : await reviewableContentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: content, reviews: article.reviews, policy: run.settings, asOf: run.asOf})
  return {
    article,
    ...(sourceJson === undefined ? {} : {sourceJson}),
    sourceHash: source,
    contentHash: content,
    review,
    inputHash: fingerprint.inputHash(source, review),
  }
}

/**
 * Loads items a few ahead of the one being used, and yields them in order: a Content Lake source answers one
 * article per round trip, so waiting for each in turn would make latency, not work, the export's pace.
 */
export async function* prefetch<T, R>(
  items: readonly T[],
  ahead: number,
  load: (item: T) => Promise<R>,
): AsyncGenerator<[T, R]> {
  const pending: Array<Promise<R>> = []
  let next = 0
  const fill = (): void => {
    while (next < items.length && pending.length < ahead) {
      const promise = load(items[next++] as T)
      // Handled here so a failure ahead of its turn is not "unhandled"; it is rethrown when its turn comes.
      promise.catch(() => {})
      pending.push(promise)
    }
  }
  for (let index = 0; index < items.length; index++) {
    fill()
    const value = await (pending.shift() as Promise<R>)
    yield [items[index] as T, value]
  }
}

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
export function readReuseIndex(
  outDir: string,
  release: string | undefined,
  key: string,
): ReuseIndex['articles'] | null {
  if (release === undefined) return null
  try {
    const index = JSON.parse(readFileSync(path.join(outDir, CACHE_DIR, FILE), 'utf8')) as Partial<ReuseIndex>
    const valid = index.release === release && index.context === key && typeof index.articles === 'object'
    return valid ? (index.articles ?? null) : null
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
    if (row.fingerprint === undefined || known?.fingerprint !== row.fingerprint) return false
    return previousEntry(row._id)?.inputHash === known.inputHash
  })
  return new Set(unchanged.map((row) => row._id))
}

/** The index for a release just published: only exported articles whose source gave a fingerprint. */
export function buildReuseIndex(
  release: string,
  key: string,
  entries: readonly ManifestArticle[],
  rows: readonly ArticleRow[],
): ReuseIndex {
  const fingerprints = new Map<string, string>()
  for (const row of rows) if (row.fingerprint !== undefined) fingerprints.set(row._id, row.fingerprint)
  const articles: ReuseIndex['articles'] = {}
  for (const entry of [...entries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const fingerprint = fingerprints.get(entry.id)
    if (entry.status !== 'exported' || fingerprint === undefined) continue
    articles[entry.id] = {fingerprint, inputHash: entry.inputHash}
  }
  return {release, context: key, articles}
}

/** Written atomically when it holds anything; a failure is not the export's (the next run takes the slow path). */
export function writeReuseIndex(outDir: string, index: ReuseIndex): void {
  if (Object.keys(index.articles).length === 0) return
  try {
    const dir = path.join(outDir, CACHE_DIR)
    mkdirSync(dir, {recursive: true})
    // An entry at a time: the same bytes as `JSON.stringify(index)`, never the whole index as one string.
    writeStreamedAtomic(path.join(dir, FILE), (write) => {
      write(`{"release":${JSON.stringify(index.release)},"context":${JSON.stringify(index.context)},"articles":{`)
      let first = true
      for (const [id, entry] of Object.entries(index.articles)) {
        write(`${first ? '' : ','}${JSON.stringify(id)}:${JSON.stringify(entry)}`)
        first = false
      }
      write('}}')
    })
  } catch {
    // Only a cache.
  }
}
