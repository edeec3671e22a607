import {createHash, hash} from 'node:crypto'
import {open} from 'node:fs/promises'
import type {FileHandle} from 'node:fs/promises'
import {evaluateSync, parse, toJS} from 'groq-js'
import {articleIdsQuery, articleLookupQuery, articleQuery, settingsQuery} from './queries.ts'
import {DOCUMENT_ID, isPublishedId, isRecord, walkDocument} from './document-walk.ts'
import type {FoundReference} from './document-walk.ts'
import {SourceError} from './errors.ts'
import type {ArticleLookup, ArticleMatches, UnpublishedArticle} from './lookup.ts'
import {LineIndex} from './line-index.ts'
import type {LineSummary} from './line-index.ts'
import {DEFAULT_MAX_LINE_BYTES, readNdjsonLines} from './ndjson-lines.ts'
import type {NdjsonLine} from './ndjson-lines.ts'
import {sourceProblems} from './problems.ts'
import type {ContentSource, SourceArticle, SourceProblem, SourceSettings} from './types.ts'

/** Deeper nesting is refused: no Sanity content comes close, and it would overflow recursive code downstream. */
export const DEFAULT_MAX_DEPTH = 200

export interface LocalSourceOptions {
  /** Path of the NDJSON file to read. */
  file: string
  /** How the file is named in messages and manifests (relative to the working directory, never absolute). */
  label: string
  /** Default 16 MiB. */
  maxLineBytes?: number
  /** Default 200. */
  maxDepth?: number
  /**
   * A file where the opening pass remembers what it learnt from each article line (by the line's sha256), so the
   * next pass over mostly the same lines skips parsing them. Read if present, rewritten when it changed. Optional:
   * without it every line is parsed.
   */
  indexFile?: string
}

type Doc = Record<string, unknown> & {_id: string; _type: string}

/** Where an article's line is, so its body is read again only when asked for. */
interface ArticleEntry {
  _id: string
  _type: 'article'
  _rev: string
  slug: {current: string} | null
  offset: number
  length: number
  line: number
  /** sha256 of the line's bytes. */
  hash: string
  references: FoundReference[]
}

// Parsed once: an export evaluates articleQuery thousands of times. articleIdsQuery is parsed per page, because
// groq-js needs a slice's `$limit` at parse time.
const parsedQueries = {
  article: parse(articleQuery),
  settings: parse(settingsQuery),
  lookup: parse(articleLookupQuery),
}

/**
 * groq-js's synchronous evaluator: everything is in memory, and the async one costs a promise and a tick per value
 * it streams (measured: ~40x slower per article).
 */
function run(tree: ReturnType<typeof parse>, dataset: unknown[], params: Record<string, unknown>): unknown {
  return toJS(evaluateSync(tree, {dataset, params}))
}


/**
 * The embedded dataset (or any NDJSON export) as a ContentSource. One streaming pass checks every line and keeps
 * what is small and shared — people, citations, reviews, settings — while articles are kept as byte ranges.
 * `getArticle` reads one article's line back and runs `articleQuery` with groq-js over that article and only the
 * documents it can reach (what it references, its reviews, what they reference): memory grows with the shared
 * documents, not with the number of articles, and each evaluation scans a handful of documents.
 *
 * Drafts (`drafts.`) and release versions (`versions.`) are set aside on the line they are read: no query, check or
 * result ever sees them. Only their ids and slugs are kept, to explain an article that is not published.
 */
export async function openLocalSource(options: LocalSourceOptions): Promise<ContentSource & ArticleLookup> {
  const {file, label} = options
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH
  let handle: FileHandle
  try {
    handle = await open(file, 'r')
  } catch (error) {
    throw new SourceError(`Cannot read the dataset file ${label} (${describeFsError(error)}): check the path given to --dataset.`)
  }

  const problems: SourceProblem[] = []
  const shared = new Map<string, Doc>()
  const articles = new Map<string, ArticleEntry>()
  const reviewsByArticle = new Map<string, Doc[]>()
  const firstLineOf = new Map<string, number>()
  const unpublished: Array<UnpublishedArticle & {_type: 'article'; slugObject: {current: string} | null}> = []
  // References whose target had not been read yet when they were met; settled once the whole file is read.
  const pending: Array<{id: string; line: number; path: string; ref: string}> = []

  const index = options.indexFile === undefined ? null : LineIndex.read(options.indexFile, maxDepth)
  /** The sha256 of each shared document's line, and its references: what an article's fingerprint is made of. */
  const sharedLines = new Map<string, {hash: string; references: FoundReference[]}>()

  /** An article line, parsed now or summarised by an earlier run: set aside if unpublished, else checked and kept. */
  function acceptArticle(summary: LineSummary, line: NdjsonLine, hash: string): void {
    const id = summary.id
    if (!isPublishedId(id)) {
      const slugObject = summary.slug === null ? null : {current: summary.slug}
      unpublished.push({_id: id, _type: 'article', kind: id.startsWith('drafts.') ? 'draft' : 'version', slug: summary.slug, slugObject})
      return
    }
    const firstLine = firstLineOf.get(id)
    if (firstLine !== undefined) {
      problems.push(sourceProblems.duplicateId(label, line.number, id, firstLine))
      return
    }
    if (summary.tooDeep) {
      problems.push(sourceProblems.tooDeep(label, line.number, maxDepth, id))
      return
    }
    firstLineOf.set(id, line.number)
    for (const path of summary.missingKeys) problems.push(sourceProblems.missingKey(label, line.number, id, path))
    for (const reference of summary.references) {
      if (!reference.weak && !firstLineOf.has(reference.ref)) pending.push({id, line: line.number, path: reference.path, ref: reference.ref})
    }
    articles.set(id, {
      _id: id, _type: 'article', _rev: summary.rev, slug: summary.slug === null ? null : {current: summary.slug},
      offset: line.offset, length: line.length, line: line.number, hash, references: summary.references,
    })
  }

  try {
    for await (const line of readNdjsonLines(file, {maxLineBytes})) {
      if (line.bytes === null) {
        problems.push(sourceProblems.lineTooLong(label, line.number, line.length, maxLineBytes))
        continue
      }
      if (isBlank(line.bytes)) continue
      const hash = lineHash(line.bytes)
      const known = index?.get(hash)
      if (known) {
        acceptArticle(known, line, hash)
        continue
      }
      const document = parseLine(line.bytes, line.number)
      if (document === undefined) continue
      const id = document._id
      if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) {
        problems.push(sourceProblems.invalidId(label, line.number, id))
        continue
      }
      if (!isPublishedId(id)) {
        if (document._type === 'article') {
          const summary: LineSummary = {id, type: 'article', rev: revOf(document), slug: slugOf(document)?.current ?? null, references: [], missingKeys: [], tooDeep: false}
          index?.add(hash, summary)
          acceptArticle(summary, line, hash)
        }
        continue
      }
      if (typeof document._type !== 'string' || document._type === '') {
        problems.push(sourceProblems.missingType(label, line.number, id))
        continue
      }
      const firstLine = firstLineOf.get(id)
      if (firstLine !== undefined) {
        problems.push(sourceProblems.duplicateId(label, line.number, id, firstLine))
        continue
      }
      const walk = walkDocument(document, maxDepth)
      if (document._type === 'article') {
        const summary: LineSummary = {
          id, type: 'article', rev: revOf(document), slug: slugOf(document)?.current ?? null,
          references: walk.references, missingKeys: walk.missingKeys, tooDeep: walk.tooDeep,
        }
        index?.add(hash, summary)
        acceptArticle(summary, line, hash)
        continue
      }
      if (walk.tooDeep) {
        problems.push(sourceProblems.tooDeep(label, line.number, maxDepth, id))
        continue
      }
      firstLineOf.set(id, line.number)
      for (const path of walk.missingKeys) problems.push(sourceProblems.missingKey(label, line.number, id, path))
      for (const reference of walk.references) {
        if (!reference.weak && !firstLineOf.has(reference.ref)) pending.push({id, line: line.number, path: reference.path, ref: reference.ref})
      }
      const doc = document as Doc
      shared.set(id, doc)
      sharedLines.set(id, {hash, references: walk.references})
      const target = doc._type === 'review' && isRecord(doc.article) ? doc.article._ref : undefined
      if (typeof target === 'string') {
        const reviews = reviewsByArticle.get(target)
        if (reviews) reviews.push(doc)
        else reviewsByArticle.set(target, [doc])
      }
    }
  } catch (error) {
    await handle.close()
    throw new SourceError(`Cannot read the dataset file ${label} (${describeFsError(error)}): check that it is a readable file.`)
  }
  if (index && options.indexFile !== undefined && index.changed) {
    try {
      index.write(options.indexFile, maxDepth)
    } catch {
      // The index only saves time on the next run; failing to write it must not fail this one.
    }
  }
  for (const reference of pending) {
    if (!firstLineOf.has(reference.ref)) {
      problems.push(sourceProblems.danglingReference(label, reference.line, reference.id, reference.path, reference.ref))
    }
  }
  pending.length = 0
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))

  function parseLine(bytes: Buffer, number: number): Record<string, unknown> | undefined {
    if (isBlank(bytes)) return undefined
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch (error) {
      problems.push(sourceProblems.malformedLine(label, number, (error as Error).message))
      return undefined
    }
    if (!isRecord(value)) {
      problems.push(sourceProblems.notADocument(label, number))
      return undefined
    }
    return value
  }

  async function readArticle(entry: ArticleEntry): Promise<Doc> {
    const buffer = Buffer.alloc(entry.length)
    const {bytesRead} = await handle.read(buffer, 0, entry.length, entry.offset)
    let document: unknown
    try {
      document = bytesRead === entry.length ? JSON.parse(buffer.toString('utf8')) : undefined
    } catch {
      document = undefined
    }
    if (!isRecord(document) || document._id !== entry._id) {
      throw new SourceError(`The dataset file ${label} changed while it was being read (line ${entry.line} moved): run the command again.`)
    }
    return document as Doc
  }

  /**
   * The ids of every shared document a query about the article can reach: its reviews and its references, followed
   * transitively. Found from the references the opening pass recorded, so no document is parsed or walked again.
   */
  function neighbourIds(entry: ArticleEntry): string[] {
    const seen = new Set<string>([entry._id])
    const found: string[] = []
    const queue: FoundReference[][] = [entry.references]
    for (const review of reviewsByArticle.get(entry._id) ?? []) {
      if (seen.has(review._id)) continue
      seen.add(review._id)
      found.push(review._id)
      queue.push(sharedLines.get(review._id)?.references ?? [])
    }
    while (queue.length > 0) {
      for (const {ref} of queue.pop() as FoundReference[]) {
        const target = sharedLines.get(ref)
        if (!target || seen.has(ref)) continue
        seen.add(ref)
        found.push(ref)
        queue.push(target.references)
      }
    }
    return found
  }

  /**
   * Everything `getArticle` would read, as one hash: the query, the article's line and the lines of the documents
   * it reaches. Equal fingerprints mean equal query results, so a caller can reuse what it made from the last one
   * without asking for the article at all.
   */
  function fingerprintOf(entry: ArticleEntry): string {
    const digest = createHash('sha256').update(QUERY_KEY).update('\n').update(entry.hash)
    // In query order, not sorted: the order documents are given to groq-js can show in its results.
    for (const id of neighbourIds(entry)) digest.update(`\n${id} ${sharedLines.get(id)?.hash ?? ''}`)
    return digest.digest('hex')
  }

  return {
    label,
    async *listArticles() {
      // The Content Lake is asked page by page; here every stub is in memory, so the same query runs once over
      // all of them (paging it made this O(n²): 10 pages over 10,000 stubs cost more than a re-export's real work).
      const stubs = [...articles.values()]
      const limit = stubs.length + 1
      const rows = (run(parse(articleIdsQuery, {params: {lastId: '', limit}}), stubs, {lastId: '', limit})) as Array<{_id: string; _rev: string}>
      for (const row of rows) {
        const entry = articles.get(row._id)
        yield entry ? {...row, fingerprint: fingerprintOf(entry)} : row
      }
    },
    async getArticle(id) {
      const entry = articles.get(id)
      if (!entry) return null
      const article = await readArticle(entry)
      const documents: Doc[] = [article]
      for (const neighbour of neighbourIds(entry)) documents.push(shared.get(neighbour) as Doc)
      return (run(parsedQueries.article, documents, {id})) as SourceArticle | null
    },
    async getSettings() {
      const settings = shared.get('settings')
      return settings ? ((run(parsedQueries.settings, [settings], {})) as SourceSettings | null) : null
    },
    async lookupArticle(slugOrId): Promise<ArticleMatches> {
      const candidates = [...articles.values(), ...unpublished.map((entry) => ({_id: entry._id, _type: 'article', slug: entry.slugObject}))]
      const matches = (run(parsedQueries.lookup, candidates, {ref: slugOrId})) as Array<{_id: string; slug: string | null}>
      const kinds = new Map(unpublished.map((entry) => [entry._id, entry.kind]))
      return {
        published: matches.filter((match) => isPublishedId(match._id)),
        unpublished: matches.flatMap((match) => {
          const kind = kinds.get(match._id)
          return kind ? [{_id: match._id, kind, slug: match.slug}] : []
        }),
      }
    },
    problems: () => [...problems],
    close: () => handle.close(),
  }
}

/** What every fingerprint starts from: a change to the article query changes every result, so every fingerprint. */
const QUERY_KEY = createHash('sha256').update(articleQuery).digest('hex')

function lineHash(bytes: Uint8Array): string {
  // The one-shot form: no Hash object per line (a tenth of a second over 10,000 articles).
  return hash('sha256', bytes, 'hex')
}

function revOf(document: Record<string, unknown>): string {
  return typeof document._rev === 'string' ? document._rev : ''
}

function isBlank(bytes: Uint8Array): boolean {
  // Space, tab, CR: a blank line between documents is harmless, as in `sanity dataset import`.
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)
}

function slugOf(document: Record<string, unknown>): {current: string} | null {
  const slug = document.slug
  return isRecord(slug) && typeof slug.current === 'string' ? {current: slug.current} : null
}

function describeFsError(error: unknown): string {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : undefined
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a directory'
  return code ?? 'unreadable'
}
