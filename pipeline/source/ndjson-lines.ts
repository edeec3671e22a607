import {createReadStream} from 'node:fs'

/** One line of an NDJSON file, located by byte offset so it can be read again later without rereading the file. */
export interface NdjsonLine {
  /** 1-based line number, for `file:line` messages. */
  number: number
  /** Byte offset of the line's first byte (after a leading BOM on line 1). */
  offset: number
  /** Byte length without the line break. */
  length: number
  /** The line's bytes, or null when it is longer than `maxLineBytes` (its bytes were dropped as they streamed). */
  bytes: Buffer | null
}

export interface ReadLinesOptions {
  /** Longer lines are not buffered: they come back with `bytes: null`. Default 16 MiB. */
  maxLineBytes?: number
  /** Sees every chunk of the file as read (to hash the whole file in the same pass). */
  onChunk?: (chunk: Buffer) => void
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024

const NEWLINE = 0x0a
const CARRIAGE_RETURN = 0x0d
const BOM = Buffer.from([0xef, 0xbb, 0xbf])

/**
 * Streams a file line by line with exact byte offsets. `node:readline` gives neither offsets nor a bound on line
 * length (it would build a string of a 500 MB line before we could refuse it), so lines are cut here from the
 * raw chunks; an over-long line is counted but never held in memory.
 */
export async function* readNdjsonLines(file: string, options: ReadLinesOptions = {}): AsyncGenerator<NdjsonLine> {
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  let parts: Buffer[] = []
  let partBytes = 0
  let lineStart = 0
  let position = 0
  let number = 1
  let tooLong = false

  const finish = (end: number): NdjsonLine => {
    let bytes = tooLong ? null : parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, partBytes)
    let offset = lineStart
    let length = end - lineStart
    if (bytes && length > 0 && bytes[length - 1] === CARRIAGE_RETURN) {
      bytes = bytes.subarray(0, length - 1)
      length -= 1
    }
    if (number === 1 && bytes && bytes.subarray(0, 3).equals(BOM)) {
      bytes = bytes.subarray(3)
      offset += 3
      length -= 3
    }
    const line = {number, offset, length, bytes}
    parts = []
    partBytes = 0
    tooLong = false
    number += 1
    return line
  }

  const append = (piece: Buffer): void => {
    if (tooLong) return
    if (partBytes + piece.length > maxLineBytes) {
      tooLong = true
      parts = []
      partBytes = 0
      return
    }
    parts.push(piece)
    partBytes += piece.length
  }

  for await (const chunk of createReadStream(file, {highWaterMark: 1024 * 1024}) as AsyncIterable<Buffer>) {
    options.onChunk?.(chunk)
    let from = 0
    for (let index = chunk.indexOf(NEWLINE); index !== -1; index = chunk.indexOf(NEWLINE, from)) {
      append(chunk.subarray(from, index))
      yield finish(position + index)
      from = index + 1
      lineStart = position + from
    }
    if (from < chunk.length) append(chunk.subarray(from))
    position += chunk.length
  }
  if (position > lineStart) yield finish(position)
}
