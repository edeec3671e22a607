import {open} from 'node:fs/promises'

/** One line of an NDJSON file, located by byte offset so it can be read again later without rereading the file. */
export interface NdjsonLine {
  /** 1-based line number, for `file:line` messages. */
  number: number
  /** Byte offset of the line's first byte (after a leading BOM on line 1). */
  offset: number
  /** Byte length without the line break. */
  length: number
  /**
   * The line's bytes, or null when it is longer than `maxLineBytes` (its bytes were dropped as they streamed).
   * A view of the reader's buffer, valid until the next line is asked for: copy what must outlive it.
   */
  bytes: Buffer | null
}

export interface ReadLinesOptions {
  /** Longer lines are not buffered: they come back with `bytes: null`. Default 16 MiB. */
  maxLineBytes?: number
  /**
   * Where to start, a line's first byte (lines are numbered from 1 there); the file's start by default. A byte order
   * mark is skipped only at the file's start.
   */
  start?: number
  /** Where to stop, a line's first byte or the file's end (the default). */
  end?: number
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const BOM = Buffer.from([0xef, 0xbb, 0xbf])
/** Read size: a read call per chunk costs nothing beside the lines in it. */
const CHUNK_BYTES = 1024 * 1024

/**
 * Streams a file line by line with exact byte offsets. `node:readline` gives neither offsets nor a bound on line
 * length (it would build a string of a 500 MB line before we could refuse it), so lines are cut here from the
 * raw bytes; an over-long line is counted but never held in memory.
 *
 * The file is read into two buffers, reused in turn: while the lines of one are handed out, the next read fills
 * the other (the read runs on libuv's thread pool, beside whatever the caller does with the lines). A stream's
 * fresh buffer per chunk made a whole dataset's worth of garbage on every pass (measured: a fifth of the opening
 * pass at N = 10,000 went to the collector). Only a line cut by the end of a buffer is copied.
 */
export async function* readNdjsonLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<NdjsonLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const start = options.start ?? 0
  const end = options.end ?? Number.POSITIVE_INFINITY
  const handle = await open(file, 'r')
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)]
  let position = start
  const readInto = async (buffer: Buffer): Promise<Buffer> => {
    const {bytesRead} = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position)
    position += bytesRead
    return buffer.subarray(0, bytesRead)
  }
  /** Copies of the pieces of a line cut by the end of a buffer (none when it is too long: counted, not kept). */
  let parts: Buffer[] = []
  let partBytes = 0
  let lineStart = start
  let number = 1

  const finish = (bytes: Buffer | null, end: number): NdjsonLine => {
    let offset = lineStart
    let length = end - lineStart
    if (bytes && length > 0 && bytes[length - 1] === CARRIAGE_RETURN) {
      bytes = bytes.subarray(0, length - 1)
      length -= 1
    }
    if (offset === 0 && bytes && bytes.subarray(0, 3).equals(BOM)) {
      bytes = bytes.subarray(3)
      offset += 3
      length -= 3
    }
    parts = []
    partBytes = 0
    return {number: number++, offset, length, bytes}
  }

  let pending = readInto(buffers[0] as Buffer)
  try {
    let turn = 0
    for (let chunkStart = start; ;) {
      const chunk = await pending
      if (chunk.length === 0) break
      turn = 1 - turn
      // The next read goes to the other buffer, whose lines were all handed out and whose cut line was copied.
      pending = readInto(buffers[turn] as Buffer)
      let from = 0
      for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, from)) {
        const length = chunkStart + index - lineStart
        let bytes: Buffer | null = null
        if (length <= maxLineBytes) {
          const piece = chunk.subarray(from, index)
          bytes = parts.length === 0 ? piece : Buffer.concat([...parts, piece], partBytes + piece.length)
        }
        yield finish(bytes, chunkStart + index)
        from = index + 1
        lineStart = chunkStart + from
      }
      const rest = chunkStart + chunk.length - lineStart
      if (from < chunk.length && rest <= maxLineBytes) {
        parts.push(Buffer.from(chunk.subarray(from)))
        partBytes += chunk.length - from
      } else if (from < chunk.length) {
        parts = []
        partBytes = 0
      }
      chunkStart += chunk.length
    }
    if (position > lineStart) {
      const length = position - lineStart
      yield finish(length <= maxLineBytes ? Buffer.concat(parts, partBytes) : null, position)
    }
  } finally {
    // A caller that stops early leaves a read under way: let it end before the file is closed.
    await pending.catch(() => undefined)
    await handle.close()
  }
}

/** A line of spaces, tabs and CRs only: harmless between documents, as in `sanity dataset import`. */
export function isBlank(bytes: Uint8Array): boolean {
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)
}
