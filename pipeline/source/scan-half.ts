import {hash} from 'node:crypto'
import {on} from 'node:events'
import {open} from 'node:fs/promises'
import {Worker} from 'node:worker_threads'
import type {ArticleLine} from './source-snapshot.ts'

/**
 * The second half of a dataset file for the opening pass (`scanFile`), read by another thread while the pass reads
 * the first: a first pass parses every line, and at N = 10,000 the articles' 330 MB are ~5 s of JSON parsing and
 * walking on one core. The thread hashes every line and summarises the article lines (`articleSummary`); the pass
 * takes those summaries in line order, as it would its own, and reads any other line of the half (people, reviews,
 * citations: small) itself.
 */

/**
 * Where the thread's part starts, as a share of the file: besides its own part, the pass parses, walks and
 * decodes every shared document (people, citations, reviews, the second part's too) and builds the reference graph,
 * so the thread takes the larger part. At 10,000 generated articles, split in halves, the pass's thread was busy for
 * ~2 s (sampled from /proc) and this one used 1.1 s of CPU; from 40 %, the open step took 2.3 s instead of 2.6.
 */
const SECOND_PART_FROM = 0.4

/** A line to take: where it is, its sha256, its bytes on demand, and its summary when another thread made it. */
export interface LineToScan {
  number: number
  offset: number
  length: number
  tooLong: boolean
  blank: boolean
  hash: string
  bytes: () => Promise<Buffer>
  /** The article line's summary (`articleSummary`), made by the thread that read it; absent for any other line. */
  article?: ArticleLine
}

/** What the thread is given. */
export interface ScanHalfData {
  file: string
  /** A line's first byte: the half's start. */
  start: number
  maxLineBytes: number
  maxDepth: number
}

/** A line as the thread posts it (numbered from 1 at `start`). */
export type HalfLine = Omit<LineToScan, 'bytes'>

export interface SecondHalf {
  /** Where the second half starts (a line's first byte): the pass reads up to there. */
  start: number
  /** The half's lines, numbered on from `before`, the first half's last line number. */
  lines: (before: number) => AsyncGenerator<LineToScan>
  stop: () => Promise<void>
}

/**
 * Starts the thread on the second half of `file`, split where a line starts; null for a file under `minBytes` or
 * with no line break within 1 MiB of its middle.
 */
export async function secondHalfScanned(
  file: string,
  options: {maxLineBytes: number; maxDepth: number},
  minBytes: number,
): Promise<SecondHalf | null> {
  const handle = await open(file, 'r')
  const {size} = await handle.stat()
  const middle = size >= minBytes ? await lineStartAfter(handle, Math.floor(size * SECOND_PART_FROM)) : null
  if (middle === null || middle >= size) {
    await handle.close()
    return null
  }
  const worker = new Worker(new URL('./scan-half-thread.ts', import.meta.url), {
    workerData: {
      file,
      start: middle,
      maxLineBytes: options.maxLineBytes,
      maxDepth: options.maxDepth,
    } satisfies ScanHalfData,
    // One article at a time: a line of at most `maxLineBytes` and its parse.
    resourceLimits: {maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 24},
    stdout: false,
  })
  // Listened to from the start (batches wait here while the pass reads the first half); an `error` from the thread
  // rejects the iteration, and its exit ends it.
  const messages = on(worker, 'message', {close: ['exit']}) as AsyncIterableIterator<[HalfLine[] | null]>
  async function* lines(before: number): AsyncGenerator<LineToScan> {
    for await (const [batch] of messages) {
      if (batch === null) return
      for (const line of batch) {
        const bytes = async (): Promise<Buffer> => {
          const buffer = Buffer.allocUnsafe(line.length)
          const {bytesRead} = await handle.read(buffer, 0, line.length, line.offset)
          // The thread hashed other bytes: the file changed while it was being read.
          if (bytesRead !== line.length || hash('sha256', buffer, 'hex') !== line.hash) throw new FileChangedError()
          return buffer
        }
        yield {...line, number: before + line.number, bytes}
      }
    }
    throw new Error('the thread reading the second half of the file stopped')
  }
  const stop = async (): Promise<void> => {
    await worker.terminate()
    await handle.close()
  }
  return {start: middle, lines, stop}
}

/** The first byte of the line after the one that holds byte `at`, or null when none starts within 1 MiB. */
async function lineStartAfter(handle: Awaited<ReturnType<typeof open>>, at: number): Promise<number | null> {
  const buffer = Buffer.allocUnsafe(1024 * 1024)
  const {bytesRead} = await handle.read(buffer, 0, buffer.length, at)
  const newline = buffer.subarray(0, bytesRead).indexOf(0x0a)
  return newline === -1 ? null : at + newline + 1
}

/** The file's bytes differ from those the thread hashed a moment ago. */
export class FileChangedError extends Error {
  constructor() {
    super('the file changed while it was being read')
  }
}
