import type {HeapLimits} from '../export/options.ts'
import {UsageError} from './run.ts'

/**
 * `vetted export --max-memory <MB>`: the memory an export may use, split into V8 heap limits for each thread it
 * runs. The CLI runs the export in a worker thread with the first limits (`export-bounded.ts`); render workers
 * (`--workers N`) and the citation pre-pass get theirs through `ExportOptions.heapLimits`. V8 then collects
 * garbage before a heap grows past its limit, instead of letting a busy heap grow far past what is live; an
 * export that needs more than it is given stops with exit 2 and says so, rather than being killed by the system.
 *
 * The limits are V8's old and young generations; what a process holds besides its heaps (Node itself, compiled
 * code, buffers) is reserved per thread from measurements of the bench's exports.
 */

/** What the export is given when `--max-memory` is not: peak RSS stays under it at 1,000 and 10,000 articles. */
export const DEFAULT_MAX_MEMORY_MB = 400
/** Each render worker beyond the first adds this to the default (2 workers: 750 MB, 180 MB of old generation for
 * the export thread and 96 MB for each worker; young generations 72 MB for the export thread, 48 MB per worker). */
export const EXTRA_WORKER_MB = 350
/** No thread gets less old generation than this: its modules alone take most of it. */
const MIN_OLD_MB = 96
/** The export thread's whole heap (young generation included) while the citation pre-pass runs: modules and the
 * source's index, 65–75 MB measured at 10,000 articles once the pre-pass has compacted it (`format-cited-sources.ts`). */
export const EXPORT_AT_PREPASS_MB = 75
/** Formatting with citeproc's APA engine needs ~120 MB of old generation (measured on 500 sources). */
const FORMATTER_MIN_OLD_MB = 128
/** Below this the threads do not fit. */
export const MIN_MAX_MEMORY_MB = 256

/** Memory outside the export thread's V8 heap: Node and its mapped code, the main thread, the export thread's own
 * (non-heap) memory, buffers. Peak RSS minus the export thread's heap was 112–128 MB through the bench's exports of
 * 1,000 and 10,000 articles (sampled from /proc and `v8.getHeapStatistics()`; sharp not loaded: no images). */
export const PROCESS_BASE_MB = 130
/** The same per extra thread (a worker thread's isolate, Node's bootstrap and its modules: ~30 MB measured for the
 * citation thread before its engine). */
export const THREAD_BASE_MB = 40
/** A render worker that has started but holds no article yet: Node, its modules and, from its first task, the run's
 * shared documents (`PoolTask`). Render workers start as the run opens (a cold export's, `startWorkersEarly`) or as
 * the citation pre-pass begins (`openRunners`), so they sit beside its thread: at 10,000 articles, uncached,
 * 2 workers, the process's RSS through the pre-pass was 490–520 MB with them and 330–370 MB without (sampled every
 * 0.2 s). */
export const IDLE_WORKER_MB = 75
/** The young generation of the citation pre-pass's thread, and of the export thread below its default budget
 * (three semi-spaces of 8 MB): measured on 1,000 articles, Node's default (growing to 3 × 16 MB and more under load)
 * added ~150 MB to the peak RSS for a few percent less CPU. */
const YOUNG_MB = 24
/** The young generation of each render worker (`--workers 2` or more, whose default budget has room for it): a
 * worker's scavenges copy its article in flight, and with semi-spaces twice as large there are half as many
 * (`--trace-gc`, 1,000 articles: 258 and 256 scavenges per worker, 0.63–0.69 s, became 134 and 128, 0.31 s).
 * Measured at 10,000 articles with 2 workers, interleaved (the export thread's at 48 MB too, then): faster in 6 of 9
 * pairs of runs, median wall of the last 3 pairs 61.6 → 57.4 s, peak RSS ~30 MB higher. */
const WORKERS_YOUNG_MB = 48
/** The export thread's young generation at its default budget or more. It allocates ~5 MB per article (rendering
 * with one worker: trees, texts, JSON; with workers: the source's reads and queries, the hashes, each job's JSON),
 * and with semi-spaces of 24 MB most of it dies before a scavenge copies it, so less reaches the old generation and
 * fewer full collections mark its live heap (the source's index, the manifest entries). `--trace-gc` at 1,000
 * articles: one worker, 631 scavenges (0.60 s) and 19 full collections became 183 (0.23 s) and 12, process CPU
 * 12.9 / 11.7 / 12.1 → 11.6 / 10.3 / 11.1 s in three interleaved pairs (10,000: median 75.9 → 72.5 s, peak RSS
 * 368–395 → 374–388 MB, the old generation holding less garbage); two workers, the export thread's 189 scavenges
 * (0.49 s) and 15 full collections became 74 (0.22 s) and 8, and at 10,000 the export was faster in 3 of 3
 * interleaved pairs (median 58.3 → 56.5 s): with workers it is the thread that feeds them. 96 MB scavenged as
 * often as 72. Below the default budget the old generation needs the room more. */
const EXPORT_YOUNG_MB = 72

export interface ExportHeapLimits {
  /** The thread that runs the export (and, with one worker, renders). */
  export: HeapLimits
  /** Each render worker of `--workers N` (N > 1). */
  worker: HeapLimits
  /** The citation pre-pass's formatting thread (runs before any render worker starts). */
  formatter: HeapLimits
}

/** The heap limits for an export given `maxMemoryMb`, with `workers` render workers. */
export function exportHeapLimits(maxMemoryMb: number, workers: number): ExportHeapLimits {
  const budget = maxMemoryMb - PROCESS_BASE_MB
  // The formatting thread runs before any render worker has an article, beside an export thread that holds little yet
  // (the source's index) and the render workers loading; citeproc's APA engine and a few thousand entries need
  // ~120 MB (104 MB ran out at 5,000 sources).
  const idle = workers > 1 ? workers * IDLE_WORKER_MB : 0
  const formatter = limits(
    Math.max(budget - EXPORT_AT_PREPASS_MB - idle - THREAD_BASE_MB - YOUNG_MB, FORMATTER_MIN_OLD_MB),
  )
  const young = maxMemoryMb >= defaultMaxMemory(workers) ? EXPORT_YOUNG_MB : YOUNG_MB
  if (workers <= 1) return {export: limits(budget - young, young), worker: limits(budget - young, young), formatter}
  // With workers, the export thread reads the source, plans and keeps every article's manifest entry and findings
  // while the workers render one article each: what it holds grows with N, a worker's does not. It gets two shares
  // (one share, 116 MB of old generation, ran out at 9,100 of the bench's 10,000 articles with 2 workers).
  const available = budget - THREAD_BASE_MB * workers - young - WORKERS_YOUNG_MB * workers
  // A worker's share is at least MIN_OLD_MB; the export thread has what the workers leave (two shares or more).
  const share = Math.max(Math.floor(available / (workers + 2)), MIN_OLD_MB)
  return {export: limits(available - workers * share, young), worker: limits(share, WORKERS_YOUNG_MB), formatter}
}

/** `--max-memory`'s default: enough for one thread at 10,000 articles, and a share for each render worker. */
export function defaultMaxMemory(workers: number): number {
  return DEFAULT_MAX_MEMORY_MB + EXTRA_WORKER_MB * Math.max(0, workers - 1)
}

function limits(old: number, young = YOUNG_MB): HeapLimits {
  return {maxOldGenerationSizeMb: Math.max(old, MIN_OLD_MB), maxYoungGenerationSizeMb: young}
}

/** `--max-memory <MB>`, checked; undefined when not given. */
export function parseMaxMemory(value: unknown): number | undefined {
  if (value === undefined) return undefined
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < MIN_MAX_MEMORY_MB) {
    throw new UsageError(
      `--max-memory takes a whole number of megabytes, at least ${MIN_MAX_MEMORY_MB}, got \`${String(value)}\`.`,
    )
  }
  return number
}
