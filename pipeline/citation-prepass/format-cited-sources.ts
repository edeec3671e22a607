import {Worker} from 'node:worker_threads'
import {compactHeap} from '../heap/compact-heap.ts'
import {
  findCitationCacheEntries,
  readCitationCacheFile,
  seedWith,
  writeCitationCacheFile,
} from '../export/citation-cache.ts'
import type {CitationCacheStage} from '../export/citation-cache.ts'
import {citationToCsl, type CslItem} from '../render/citations/csl-json.ts'
import {cacheItemJson, type CitationCacheEntry} from '../render/citations/reference-cache.ts'
import type {CitationStyle} from '../render/types.ts'
import type {ContentSource} from '../source/types.ts'
import {appendFileSync} from 'node:fs'
import type {Run} from '../export/options.ts'
import type {ExportPlan} from '../export/plan.ts'

/**
 * The citation pre-pass: before any article renders, every distinct source the articles to render cite (per
 * style, locale and CSL content) is looked up in the persisted cache (`OUT/.cache/citations.ndjson`), the misses
 * are formatted in one short-lived worker thread, and the cache file is rewritten with them. The article loop, in
 * this thread or in workers, then only looks references up: it never loads citation-js or builds a citeproc engine
 * (an APA engine is ~90 MB of heap and 1–3 s to build), and no two threads format the same source.
 */

export interface CitationPrepassInput {
  source: ContentSource
  /** The articles that may render in this run (those the reuse index does not show unchanged). */
  articleIds: readonly string[]
  style: CitationStyle
  locale: string
  /** The persisted cache; rewritten when something was formatted. */
  cacheFile: string
  /** The formatting thread's V8 heap limits (`resourceLimits`); none: Node's defaults. */
  resourceLimits?: {maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number}
}

export interface CitationPrepass {
  /** Distinct sources the articles cite that citeproc formats (sources shown as written are not counted). */
  distinct: number
  /** Of those, found in the cache file. */
  cached: number
  /** Formatted now, in the thread. */
  formatted: number
  /** Sources citeproc failed on: left to the articles that cite them, which report the error. */
  failed: number
  /** The thread's formatting time, engine build included (wall clock). */
  formatMs: number
  /** The thread's CPU time, engine build included. */
  formatCpuMs: number
  /** Of which building the citeproc engine (with the first source). */
  engineCpuMs: number
  /** The whole pre-pass: source query, cache read, thread start, formatting, cache write. */
  totalMs: number
}

/** What the thread is sent and answers (plain data). */
export interface FormatRequest {
  items: Array<{csl: CslItem; itemJson: string}>
  style: CitationStyle
  locale: string
}
/**
 * The thread posts its entries as it formats them, a batch at a time (`{entries}`), then its figures (`{done}`):
 * it never holds more than a batch, nor a message as large as them all (5,000 sources at 10,000 articles).
 */
export type FormatMessage = {entries: CitationCacheEntry[]} | {done: Omit<FormatResponse, 'entries'>}
export interface FormatResponse {
  entries: CitationCacheEntry[]
  failed: number
  ms: number
  cpuMs: number
  engineCpuMs: number
}

/**
 * Runs the pre-pass: its figures, and the cache entries of every source it found or formatted (the ones this run's
 * articles need). Null when the source cannot list cited sources (references are then formatted as articles render).
 */
export async function formatCitedSources(
  input: CitationPrepassInput,
): Promise<{stats: CitationPrepass; entries: CitationCacheEntry[]} | null> {
  const {source, style, locale, cacheFile} = input
  if (!source.citedSources) return null
  const start = performance.now()
  const wanted = new Map<string, CslItem>()
  for (const citation of input.articleIds.length > 0 ? await source.citedSources(input.articleIds) : []) {
    const csl = citationToCsl(citation)
    // The renderer shows a source without a title but with its text as written as written (render-article.ts).
    if (!csl.title && citation.rawText) continue
    const itemJson = cacheItemJson(csl)
    if (!wanted.has(itemJson)) wanted.set(itemJson, csl)
  }
  const stats: CitationPrepass = {
    distinct: wanted.size,
    cached: 0,
    formatted: 0,
    failed: 0,
    formatMs: 0,
    formatCpuMs: 0,
    engineCpuMs: 0,
    totalMs: 0,
  }
  const entries: CitationCacheEntry[] = []
  if (wanted.size > 0) {
    // Only the lines of the sources wanted are parsed; the file is read whole only to add what this run formats.
    const have = new Set<string>()
    for (const entry of await findCitationCacheEntries(cacheFile, style, locale, wanted.keys())) {
      have.add(entry.item)
      entries.push(entry)
    }
    const items = [...wanted].filter(([itemJson]) => !have.has(itemJson)).map(([itemJson, csl]) => ({csl, itemJson}))
    stats.cached = wanted.size - items.length
    if (items.length > 0) {
      // The thread's engine (~100 MB) is built beside this thread's heap, which then waits and would keep its garbage:
      // it is compacted first (at 10,000 articles the process's peak went from 400–436 MB to 323–363 MB), after the
      // source's opening pass and its saved copy (written as the source opened: `writeSnapshot`) are done with.
      compactHeap()
      try {
        const response = await formatInThread({items, style, locale}, input.resourceLimits)
        stats.formatted = response.entries.length
        stats.failed = response.failed
        stats.formatMs = response.ms
        stats.formatCpuMs = response.cpuMs
        stats.engineCpuMs = response.engineCpuMs
        entries.push(...response.entries)
        await writeCitationCacheFile(cacheFile, [...(await readCitationCacheFile(cacheFile)), ...response.entries])
      } catch {
        // Only a cache: if the thread or the file fails, the articles format what they miss, as without a pre-pass.
        stats.failed = items.length - stats.formatted
      }
    }
  }
  stats.totalMs = performance.now() - start
  return {stats, entries}
}

function formatInThread(request: FormatRequest, resourceLimits: CitationPrepassInput['resourceLimits']) {
  return new Promise<FormatResponse>((resolve, reject) => {
    const worker = new Worker(new URL('./format-thread.ts', import.meta.url), {
      workerData: request,
      ...(resourceLimits ? {resourceLimits} : {}),
    })
    let response: FormatResponse | undefined
    const entries: CitationCacheEntry[] = []
    worker.on('message', (message: FormatMessage) => {
      if ('entries' in message) entries.push(...message.entries)
      else response = {...message.done, entries}
    })
    worker.once('error', reject)
    // The thread ends by itself once it has answered; its heap is released with it.
    worker.once('exit', (code) =>
      response ? resolve(response) : reject(new Error(`the citation formatting thread stopped (exit code ${code})`)),
    )
  })
}

/**
 * The export's pre-pass: the articles that may render are those the plan does not reuse; the style is the
 * settings' (the renderer's default APA otherwise) and the locale the renderer's. This thread's cache is seeded
 * with the entries the run needs (render workers read the file). Its figures join `--timings`.
 */
export async function exportCitationPrepass(
  run: Run,
  plan: ExportPlan,
  cache: CitationCacheStage | undefined,
): Promise<CitationPrepass | null> {
  const {context} = run
  if (context.citationCacheFile === undefined || !cache) return null
  const result = await formatCitedSources({
    source: run.source,
    articleIds: plan.rows.filter((row) => !plan.unchanged.has(row._id)).map((row) => row._id),
    style: context.settings?.citationStyle ?? 'apa',
    locale: 'en-US',
    cacheFile: context.citationCacheFile,
    ...(context.heapLimits ? {resourceLimits: context.heapLimits.formatter} : {}),
  })
  if (!result) return null
  if (result.entries.length > 0) await seedWith(cache, context.citationCacheFile, result.entries)
  if (context.timings !== undefined) appendFileSync(context.timings, `${JSON.stringify({citations: result.stats})}\n`)
  return result.stats
}
