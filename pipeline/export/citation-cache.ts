import {mkdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {writeStreamedAtomic} from '../stream-file.ts'
import type {CitationCacheEntry} from '../render/citations/reference-cache.ts'
import {CACHE_DIR} from './release/staging.ts'

/**
 * The formatted-reference cache, the export's side of it (the renderer keeps the in-memory part, browser-safe, in
 * `render/citations/reference-cache.ts`). Formatting a distinct source costs 1.5–3 ms; across runs and threads:
 *
 * - the file `OUT/.cache/citations.ndjson` holds every reference formatted by earlier runs;
 * - before the article loop, the citation pre-pass (`citation-prepass/`) formats every cited source the file lacks
 *   and seeds the export's thread with the entries the run needs (`seedWith`);
 * - each other thread that renders seeds its cache from the file once (`seedOnce`); a thread that still formats a
 *   source (one the pre-pass could not) hands it back with its article (`CitationCacheStage.takeNew`);
 * - with several threads, `CitationSharing` passes what one formatted on to the others with the next jobs;
 * - after the release is published, `persistCitations` adds this run's new references to the file.
 *
 * The renderer's module loads only when it is needed (a render, or new references to persist): a re-export that
 * reuses everything never loads it.
 */

/** The file, beside the reuse index. */
export function citationCacheFile(outDir: string): string {
  return path.join(outDir, CACHE_DIR, 'citations.ndjson')
}

/** A renderer's cache of formatted references, as the per-article work uses it (optional: tests run without). */
export interface CitationCacheStage {
  /** Loads the entries saved by earlier runs into this thread's cache. */
  seed: (file: string) => Promise<void>
  /** The entries this thread formatted since the last call (plain data). */
  takeNew: () => Promise<unknown[]>
  /** Entries another thread formatted in this run. */
  add: (entries: unknown[]) => Promise<void>
}

const referenceCache = () => import('../render/citations/reference-cache.ts')

/** The shipped stage: the renderer's in-memory cache. */
export const citationCacheStage: CitationCacheStage = {
  seed: async (file) => void (await referenceCache()).seedCitationCache(await readCitationCacheFile(file)),
  add: async (entries) => void (await referenceCache()).seedCitationCache(entries),
  takeNew: async () => (await referenceCache()).takeNewCitationEntries(),
}

/**
 * Cache files this thread's renderer is seeded from, each with its seeding: a job that arrives while the seeding is
 * under way (a worker given several jobs at once) waits for it, rather than finding the cache empty and formatting
 * every reference itself.
 */
const seeded = new Map<string, Promise<void>>()

/** Seeds this thread from the file on its first article, then adds what other threads sent with the job. */
export async function seedOnce(cache: CitationCacheStage, file: string, others: unknown[] | undefined): Promise<void> {
  let seeding = seeded.get(file)
  if (!seeding) seeded.set(file, (seeding = cache.seed(file)))
  await seeding
  if (others) await cache.add(others)
}

/**
 * Seeds this thread with entries of `file` already read (the citation pre-pass's, only those the run needs), so
 * that `seedOnce` does not read the whole file again.
 */
export async function seedWith(cache: CitationCacheStage, file: string, entries: unknown[]): Promise<void> {
  const seeding = cache.add(entries)
  seeded.set(file, seeding)
  await seeding
}

/**
 * The references formatted in this run: kept to persist, and with several threads passed on. Each batch rides on
 * as many jobs as there are threads, so every thread most likely gets it before it meets those sources (a miss only
 * costs formatting).
 */
export class CitationSharing {
  /** Formatted in this run, not in the file yet. */
  readonly formatted: unknown[] = []
  private readonly batches: Array<{entries: unknown[]; left: number}> = []

  /** What a thread handed back with an article; `threads` is how many threads render (1: nothing to pass on). */
  add(entries: unknown[] | undefined, threads: number): void {
    if (!entries) return
    this.formatted.push(...entries)
    if (threads > 1) this.batches.push({entries, left: threads})
  }

  /** The job, with the batches still to pass on attached. */
  attach<Job extends {citations?: unknown[]}>(job: Job): Job {
    if (this.batches.length === 0) return job
    const citations = this.batches.flatMap((batch) => batch.entries)
    for (const batch of this.batches) batch.left--
    while (this.batches.length > 0 && (this.batches[0] as {left: number}).left <= 0) this.batches.shift()
    return {...job, citations}
  }
}

/** Adds the references formatted in this run to the file. */
export async function persistCitations(file: string, entries: readonly unknown[]): Promise<void> {
  if (entries.length === 0) return
  try {
    const {isCitationCacheEntry} = await referenceCache()
    mkdirSync(path.dirname(file), {recursive: true})
    const known = await readCitationCacheFile(file)
    await writeCitationCacheFile(file, [...known, ...entries.filter(isCitationCacheEntry)])
  } catch {
    // Only a cache: the next run formats those references again.
  }
}

/*
 * The file (Node only; the renderer itself never reads files): NDJSON, a header line
 * `{"format":"vetted-citation-cache","version":1,"formatter":"…"}` then one `CitationCacheEntry` per line.
 * It is only a cache: a file that is missing, damaged or written by another formatter (another citeproc,
 * citation-js, AMA style or renderer version) is read as empty, and the export formats again.
 */
type Entries = CitationCacheEntry[]

const FORMAT = 'vetted-citation-cache'
const VERSION = 1

export interface ReadCitationCacheOptions {
  /** Told why an existing file was not used (damaged, foreign); a missing file is not reported. */
  onIgnored?: (reason: string) => void
}

export async function readCitationCacheFile(file: string, options: ReadCitationCacheOptions = {}): Promise<Entries> {
  const {citationFormatter, isCitationCacheEntry} = await referenceCache()
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) {
      options.onIgnored?.(`cannot be read (${error instanceof Error ? error.message : String(error)})`)
    }
    return []
  }
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  const header = parseLine(lines[0] ?? '')
  const formatter = citationFormatter()
  if (!isHeader(header)) {
    options.onIgnored?.('is not a citation cache written by this version of vetted')
    return []
  }
  if (header.formatter !== formatter) {
    options.onIgnored?.(`was formatted by "${header.formatter}", not "${formatter}"`)
    return []
  }
  const entries: CitationCacheEntry[] = []
  for (let index = 1; index < lines.length; index++) {
    const entry = parseLine(lines[index]!)
    if (!isCitationCacheEntry(entry) || entry.formatter !== formatter) {
      options.onIgnored?.(`line ${index + 1} is not a formatted reference`)
      return []
    }
    entries.push(entry)
  }
  return entries
}

/**
 * The entries of `file` for these items (`cacheItemJson` texts) in this style and locale, found by binary search on
 * the file's lines, which `writeCitationCacheFile` sorts by key: a run that needs a few of 5,000 formatted sources
 * parses a dozen lines for each (0.1–0.2 s less at N = 10,000 than `readCitationCacheFile`); a run that needs most
 * of them parses each line once. Every line taken is checked as `readCitationCacheFile` checks it, and its key must
 * be the one looked for, so the result is what the whole file read would give for those items. What cannot be found
 * so (a missing, foreign or unsorted file, a damaged line met on the way) is left out: the caller formats it again
 * and rewrites the file, read whole (`persist…`).
 */
export async function findCitationCacheEntries(
  file: string,
  style: string,
  locale: string,
  items: Iterable<string>,
): Promise<Entries> {
  const {cacheEntryKey, citationFormatter, isCitationCacheEntry} = await referenceCache()
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return []
  }
  const starts: number[] = []
  for (let start = 0; start < bytes.length;) {
    const end = bytes.indexOf(0x0a, start)
    starts.push(start)
    start = end === -1 ? bytes.length : end + 1
  }
  const lineAt = (index: number): unknown => {
    const end = bytes.indexOf(0x0a, starts[index])
    return parseLine(bytes.toString('utf8', starts[index], end === -1 ? bytes.length : end))
  }
  const formatter = citationFormatter()
  const header = starts.length > 0 ? lineAt(0) : undefined
  if (!isHeader(header) || header.formatter !== formatter) return []
  const asked = [...items]
  // Most of the file wanted (a first export): each line parsed once beats a dozen parses per item (0.45 s for 5,000).
  if (asked.length * Math.log2(starts.length) > starts.length) {
    const byKey = new Map<string, CitationCacheEntry>()
    for (let index = 1; index < starts.length; index++) {
      const entry = lineAt(index)
      if (isCitationCacheEntry(entry) && entry.formatter === formatter)
        byKey.set(cacheEntryKey(entry.style, entry.locale, entry.item), entry)
    }
    return asked.flatMap((item) => byKey.get(cacheEntryKey(style, locale, item)) ?? [])
  }
  const found: Entries = []
  for (const item of asked) {
    const wanted = cacheEntryKey(style, locale, item)
    // Entries are lines 1 … starts.length - 1.
    let low = 1
    let high = starts.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const entry = lineAt(middle)
      if (!isCitationCacheEntry(entry) || entry.formatter !== formatter) break
      const key = cacheEntryKey(entry.style, entry.locale, entry.item)
      if (key === wanted) {
        found.push(entry)
        break
      }
      if (key < wanted) low = middle + 1
      else high = middle - 1
    }
  }
  return found
}

/**
 * Writes the entries of this formatter (others are dropped), once each and sorted, so the threads' caches can be
 * concatenated in any order and still give the same bytes. A temporary file is renamed over `file`: a reader sees
 * the old file or the new one, never half of one. Throws if the file cannot be written.
 */
export async function writeCitationCacheFile(file: string, entries: Iterable<CitationCacheEntry>): Promise<void> {
  const {cacheEntryKey, citationFormatter} = await referenceCache()
  const formatter = citationFormatter()
  const unique = new Map<string, CitationCacheEntry>()
  for (const entry of entries) {
    const key = cacheEntryKey(entry.style, entry.locale, entry.item)
    if (entry.formatter === formatter && !unique.has(key)) unique.set(key, entry)
  }
  const keys = [...unique.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  // A line at a time (thousands of formatted references): never the whole file as one string.
  writeStreamedAtomic(file, (write) => {
    write(`${JSON.stringify({format: FORMAT, version: VERSION, formatter})}\n`)
    for (const key of keys) write(`${JSON.stringify(unique.get(key))}\n`)
  })
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line)
  } catch {
    return undefined
  }
}

function isHeader(value: unknown): value is {format: string; version: number; formatter: string} {
  if (typeof value !== 'object' || value === null) return false
  const header = value as Record<string, unknown>
  return header.format === FORMAT && header.version === VERSION && typeof header.formatter === 'string'
}
