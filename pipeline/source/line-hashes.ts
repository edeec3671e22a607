import {Worker} from 'node:worker_threads'

/**
 * The sha256 of a dataset's lines is most of the opening pass over a changed file (0.25 s of CPU for 327 MB at
 * N = 10,000, even with the CPU's SHA instructions), and each line's hash depends on its bytes alone: a thread hashes
 * the second half of the file while the pass hashes the first, so the pass takes half as long on two cores.
 *
 * The thread reads the file itself and cuts it into lines with the pass's own reader (`readNdjsonLines`), so a line
 * is the same bytes at the same offset and length for both: the pass takes a hash only for a line with its offset
 * and length, and hashes any other line itself (the lines around the half-way point, a thread that failed). The file
 * is read twice only in its second half, from the page cache the first read filled or fills. Like the pass's later
 * reads of an article's line (`getArticle`), this trusts the file not to be rewritten while the export reads it; the
 * pass checks its size and times after reading (`scanFile`).
 */

export interface LineHashesRequest {
  file: string
  start: number
  maxLineBytes: number
}

/** Parallel lists, one item per line: its byte offset, length and sha256 (hex). */
export interface LineHashes {
  offsets: number[]
  lengths: number[]
  hashes: string[]
}

/** Below this size a thread costs more to start (~30 ms) than hashing half the file saves. */
export const HASH_THREAD_MIN_BYTES = 64 * 1024 * 1024

export interface LineHashLookup {
  /** Where the thread's half begins: lines before it are hashed by the caller. */
  start: number
  /** The thread's hashes by line offset, with each line's length (empty if the thread failed). */
  hashes: Promise<ReadonlyMap<number, {length: number; hash: string}>>
}

/** Starts hashing the file's second half in a thread; null when the file is too small for it to pay. */
export function hashSecondHalf(
  file: string,
  size: number,
  maxLineBytes: number,
  minBytes = HASH_THREAD_MIN_BYTES,
): LineHashLookup | null {
  if (size < minBytes || size === 0) return null
  const start = Math.floor(size / 2)
  const hashes = new Promise<Map<number, {length: number; hash: string}>>((resolve) => {
    const byOffset = new Map<number, {length: number; hash: string}>()
    let worker: Worker
    try {
      worker = new Worker(new URL('./line-hashes-thread.ts', import.meta.url), {
        workerData: {file, start, maxLineBytes} satisfies LineHashesRequest,
      })
    } catch {
      resolve(byOffset)
      return
    }
    worker.once('message', (message: LineHashes) => {
      message.offsets.forEach((offset, index) =>
        byOffset.set(offset, {length: message.lengths[index] as number, hash: message.hashes[index] as string}),
      )
    })
    // A thread that fails only costs the pass the hashing of the second half itself.
    worker.once('error', () => undefined)
    worker.once('exit', () => resolve(byOffset))
  })
  return {start, hashes}
}
