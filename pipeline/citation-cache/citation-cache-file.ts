import {readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {threadId} from 'node:worker_threads'
import {cacheEntryKey, citationFormatter, isCitationCacheEntry, type CitationCacheEntry} from '../render/citations/reference-cache.ts'

/**
 * The formatted-reference cache on disk (Node only; the renderer itself never reads files): NDJSON, a header line
 * `{"format":"vetted-citation-cache","version":1,"formatter":"…"}` then one `CitationCacheEntry` per line.
 * It is only a cache: a file that is missing, damaged or written by another formatter (another citeproc,
 * citation-js, AMA style or renderer version) is read as empty, and the export formats again.
 */
const FORMAT = 'vetted-citation-cache'
const VERSION = 1

export interface ReadCitationCacheOptions {
  /** Told why an existing file was not used (damaged, foreign); a missing file is not reported. */
  onIgnored?: (reason: string) => void
}

export function readCitationCacheFile(path: string, options: ReadCitationCacheOptions = {}): CitationCacheEntry[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 'ENOENT')) options.onIgnored?.(`cannot be read (${error instanceof Error ? error.message : String(error)})`)
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
 * Writes the entries of this formatter (others are dropped), once each and sorted, so the threads' caches can be
 * concatenated in any order and still give the same bytes. A temporary file is renamed over `path`: a reader sees
 * the old file or the new one, never half of one. Throws if the file cannot be written.
 */
export function writeCitationCacheFile(path: string, entries: Iterable<CitationCacheEntry>): void {
  const formatter = citationFormatter()
  const unique = new Map<string, CitationCacheEntry>()
  for (const entry of entries) {
    const key = cacheEntryKey(entry.style, entry.locale, entry.item)
    if (entry.formatter === formatter && !unique.has(key)) unique.set(key, entry)
  }
  const lines = [JSON.stringify({format: FORMAT, version: VERSION, formatter})]
  for (const key of [...unique.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) lines.push(JSON.stringify(unique.get(key)))
  const temporary = `${path}.${process.pid}-${threadId}.tmp`
  try {
    writeFileSync(temporary, `${lines.join('\n')}\n`)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, {force: true})
    throw error
  }
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
