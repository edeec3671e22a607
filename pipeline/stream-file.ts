import {createHash} from 'node:crypto'
import {closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync} from 'node:fs'
import {prettyJsonAt} from '../domain/pretty-json.ts'
import {temporaryFile} from './atomic-file.ts'

/**
 * A file written piece by piece: the end-of-run files (manifest, catalogue, the caches) grow with the number of
 * articles, and building each as one string first held megabytes at the end of a 10,000-article run. Pieces are
 * gathered up to `CHUNK` characters, then encoded, hashed and written with one system call; what the file holds is
 * hashed on the way (`sha256`, `bytes`). Synchronous on purpose, like the rest of the release writing: the export
 * has nothing else to do meanwhile, and a write per 64 KiB is cheaper than a promise per piece. Node's WriteStream
 * buffers asynchronously and would need the whole release step to await it.
 */

const CHUNK = 64 * 1024

export type Write = (piece: string) => void

export interface Written {
  sha256: string
  bytes: number
}

export class FileStream {
  private readonly fd: number
  private readonly hash = createHash('sha256')
  private pieces: string[] = []
  private pending = 0
  private bytes = 0

  /** `flags`: `wx` for a file that must be new (a release's), `w` otherwise. */
  constructor(file: string, flags: 'wx' | 'w' = 'wx') {
    this.fd = openSync(file, flags)
  }

  readonly write: Write = (piece) => {
    this.pieces.push(piece)
    this.pending += piece.length
    if (this.pending >= CHUNK) this.flush()
  }

  /** Writes what is left, syncs the data when asked, closes the file, and returns its sha256 and size. */
  close(fsync: boolean): Written {
    try {
      this.flush()
      if (fsync) fsyncSync(this.fd)
    } finally {
      closeSync(this.fd)
    }
    return {sha256: this.hash.digest('hex'), bytes: this.bytes}
  }

  /** Closes the file after a failure (the caller removes it). */
  abandon(): void {
    try {
      closeSync(this.fd)
    } catch {
      // Closed already.
    }
  }

  private flush(): void {
    if (this.pending === 0) return
    const data = Buffer.from(this.pieces.join(''), 'utf8')
    this.pieces = []
    this.pending = 0
    this.hash.update(data)
    let offset = 0
    while (offset < data.byteLength) offset += writeSync(this.fd, data, offset, data.byteLength - offset)
    this.bytes += data.byteLength
  }
}

/** Writes a new file (`wx`) from `produce`'s pieces; returns its sha256 and size. A failure leaves no file. */
export function writeStreamed(file: string, produce: (write: Write) => void, fsync: boolean): Written {
  const stream = new FileStream(file, 'wx')
  try {
    produce(stream.write)
  } catch (error) {
    stream.abandon()
    rmSync(file, {force: true})
    throw error
  }
  return stream.close(fsync)
}

/**
 * Replaces `file` whole from `produce`'s pieces, through the temporary name `atomic-file.ts` gives (so a reader sees
 * the old file or the new one, and the export's cleanup knows what a killed writer left).
 */
export function writeStreamedAtomic(file: string, produce: (write: Write) => void): void {
  const temporary = temporaryFile(file)
  try {
    const stream = new FileStream(temporary, 'w')
    try {
      produce(stream.write)
    } catch (error) {
      stream.abandon()
      throw error
    }
    stream.close(false)
    renameSync(temporary, file)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
}

/** Elements of the streamed array stringified at once: about 200 KB of a manifest's text at a time. */
const BATCH = 128
/** How a batch of elements, pretty-printed where the array stands, ends: after its last element. */
const BATCH_END = '\n  ]'

/**
 * `JSON.stringify(value, null, 2)` in pieces, the array under `streamed` a batch of elements at a time (a manifest's
 * articles, a report's findings): each member, and each batch, pretty-printed at the depth it has here.
 */

export function writePrettyJson(value: Record<string, unknown>, streamed: string, write: Write): void {
  let first = true
  write('{')
  for (const [key, inner] of Object.entries(value)) {
    if (inner === undefined || typeof inner === 'function' || typeof inner === 'symbol') continue
    write(`${first ? '' : ','}\n  ${JSON.stringify(key)}: `)
    first = false
    if (key !== streamed || !Array.isArray(inner) || inner.length === 0) {
      write(prettyJsonAt(inner, 1) as string)
      continue
    }
    write('[')
    for (let start = 0; start < inner.length; start += BATCH) {
      // The batch as an array where this one stands: its elements are where they go here (four spaces in, one per
      // line), between its brackets.
      const text = prettyJsonAt(inner.slice(start, start + BATCH), 1) as string
      write(`${start === 0 ? '' : ','}${text.slice(1, -BATCH_END.length)}`)
    }
    write('\n  ]')
  }
  write(first ? '}' : '\n}')
}

/** Gathers pieces into writes of about `CHUNK` characters (for a sink such as stdout that takes whole strings). */
export function chunked(sink: (text: string) => void): {write: Write; end: () => void} {
  let pieces: string[] = []
  let pending = 0
  const end = (): void => {
    if (pending > 0) sink(pieces.join(''))
    pieces = []
    pending = 0
  }
  return {
    write(piece) {
      pieces.push(piece)
      pending += piece.length
      if (pending >= CHUNK) end()
    },
    end,
  }
}
