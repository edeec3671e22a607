import {createHash} from 'node:crypto'
import {closeSync, openSync, readSync} from 'node:fs'
import {open} from 'node:fs/promises'
import type {FileHandle} from 'node:fs/promises'
import {evaluateSync, parse, toJS} from 'groq-js'
import {articleIdsQuery, articleLookupQuery, articleQuery, citedSourcesQuery, settingsQuery} from './queries.ts'
import {isPublishedId, isRecord} from './document-walk.ts'
import type {FoundReference} from './document-walk.ts'
import {decodeDocument, decoderFingerprint} from './decode/decode-document.ts'
import type {Decoded} from './decode/decode-document.ts'
import {SourceError} from './errors.ts'
import {ExportAssets} from './export-assets.ts'
import type {ArticleLookup, ArticleMatches} from './lookup.ts'
import {DEFAULT_MAX_LINE_BYTES} from './ndjson-lines.ts'
import {damagedDatasetMessage, DATASET_DAMAGE, invalidSettingsMessage, sourceProblems} from './problems.ts'
import {FileChangedError} from './scan-half.ts'
import {scanFile} from './scan-file.ts'
import type {ScannedDocument} from './scan-file.ts'
import {fileIdentity, referencesOf, SourceSnapshot, writeSnapshot} from './source-snapshot.ts'
import type {ArticleEntry, LinePlace, ScanResult, SharedEntry} from './source-snapshot.ts'
import type {
  ArticlePlace,
  ContentSource,
  PlaceReader,
  SourceArticle,
  SourceCitation,
  SourceProblem,
  SourceSettings,
} from './types.ts'
import {readLocalImage} from './local-images.ts'

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
   * Where the opening pass is saved (see `SourceSnapshot`): the next pass over the same file restores it without
   * reading the file, and one over a changed file parses only the lines it has not seen. Optional: without it
   * every pass reads and parses everything.
   */
  indexFile?: string
  /**
   * What to do with a file that cannot be read as a whole (a malformed or truncated line, bytes that are not
   * UTF-8, duplicate ids, no documents: `DATASET_DAMAGE`): `refuse` throws a SourceError naming the first
   * problem's `file:line` (exit 2; an export switches nothing); `report` reads what it can and lists every
   * problem in `problems()` (validate and inspect, to show them all). Default `refuse`.
   */
  damaged?: 'refuse' | 'report'
  /** Threads the opening pass may use (`ScanOptions.threads`). Default 1. */
  threads?: number
}

type Doc = ScannedDocument

// Parsed once: an export evaluates articleQuery thousands of times. articleIdsQuery is parsed per use, because
// groq-js needs a slice's `$limit` at parse time.
const bodyless = articleQueryWithoutBody()
const parsedQueries = {
  article: parse(bodyless.query),
  articleOfPublished: parse(withoutDraftFilters(bodyless.query)),
  settings: parse(settingsQuery),
  citedSources: parse(citedSourcesQuery),
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
 * The embedded dataset (or any NDJSON export) as a ContentSource. One streaming pass (`scanFile`, or its saved
 * result when the file is unchanged: `SourceSnapshot`) checks every line and keeps what is small and shared —
 * people, citations, reviews, settings — while articles are kept as byte ranges.
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
    throw new SourceError(
      `Cannot read the dataset file ${label} (${describeFsError(error)}): check the path given to --dataset.`,
    )
  }
  if ((await handle.stat()).isDirectory()) {
    await handle.close()
    throw new SourceError(
      `The dataset ${file} is a directory, expected an NDJSON file: give --dataset the file itself (such as studio/dataset/production.ndjson).`,
    )
  }
  let scan: ScanResult
  let scanned: ReferenceGraph | undefined
  /** Shared documents parsed so far: all of them after a full pass, only those asked for after a restored one. */
  const documents = new Map<string, Doc>()
  try {
    const key = {queries: queriesKey(), label, maxDepth, maxLineBytes}
    const snapshot = SourceSnapshot.read(options.indexFile, key)
    const stat = await handle.stat({bigint: true})
    const restored = snapshot.restore(stat)
    if (restored) {
      scan = restored
    } else {
      const scannedAt = Date.now()
      scan = await scanFile(file, {
        label,
        maxDepth,
        maxLineBytes,
        known: snapshot.knownLines(),
        knownShared: snapshot.knownSharedLines(),
        knownIds: snapshot.keptIds(),
        documents,
        threads: options.threads ?? 1,
      })
      if (options.indexFile !== undefined) {
        scanned = referenceGraph(scan)
        scan.listing = listing(scan, scanned, snapshot.previous())
        writeSnapshot(options.indexFile, key, fileIdentity(stat), scannedAt, scan)
      }
    }
  } catch (error) {
    await handle.close()
    if (error instanceof FileChangedError)
      throw new SourceError(`The dataset file ${label} changed while it was being read: run the command again.`)
    throw new SourceError(
      `Cannot read the dataset file ${label} (${describeFsError(error)}): check that it is a readable file.`,
    )
  }

  const documentCount = scan.articles.length + scan.shared.length + scan.unpublished.length
  if (documentCount === 0 && !scan.problems.some((problem) => DATASET_DAMAGE.has(problem.ruleId))) {
    scan.problems.unshift(sourceProblems.empty(label))
  }
  const damage = scan.problems.filter((problem) => DATASET_DAMAGE.has(problem.ruleId))
  if (damage.length > 0 && options.damaged !== 'report') {
    await handle.close()
    throw new SourceError(damagedDatasetMessage(label, damage))
  }
  const articles = new Map(scan.articles.map((entry) => [entry.id, entry]))
  const graph = scanned ?? referenceGraph(scan)
  const shared = graph.shared
  const unpublished = scan.unpublished
  const problems = [...scan.problems, ...unusedInvalid(scan, graph)]

  async function readLine(place: LinePlace, id: string): Promise<Doc> {
    return readLineAt(handle.fd, place, id, label)
  }

  async function sharedDocument(id: string): Promise<Doc | undefined> {
    const parsed = documents.get(id)
    if (parsed) return parsed
    const entry = shared.get(id)
    if (!entry) return undefined
    const document = await readLine(entry, id)
    documents.set(id, document)
    return document
  }

  /** The image files beside the dataset, as the import would upload them (see `ExportAssets`). */
  const exportAssets = new ExportAssets(file)

  /** Shared documents decoded so far (see `decodeDocument`): each is checked once, however many articles use it. */
  const decoded = new Map<string, Decoded>()

  async function decodedShared(id: string): Promise<Decoded | undefined> {
    const known = decoded.get(id)
    if (known) return known
    const document = await sharedDocument(id)
    if (!document) return undefined
    const result = decodeDocument(document)
    decoded.set(id, result)
    return result
  }

  return {
    label,
    async *listArticles() {
      yield* scan.listing ?? listing(scan, graph, null)
    },
    async getArticle(id) {
      const entry = articles.get(id)
      if (!entry) return null
      const neighbours: Decoded[] = []
      for (const neighbour of neighbourIds(graph, entry)) neighbours.push((await decodedShared(neighbour)) as Decoded)
      return resolveArticle(id, await readLine(entry, id), neighbours, exportAssets)
    },
    articlePlace(id) {
      const entry = articles.get(id)
      return entry
        ? {id, offset: entry.offset, length: entry.length, line: entry.line, neighbours: neighbourIds(graph, entry)}
        : null
    },
    async placeReader() {
      const documents: Array<[string, Decoded]> = []
      for (const id of shared.keys()) documents.push([id, (await decodedShared(id)) as Decoded])
      return {file, label, shared: documents}
    },
    async getSettings() {
      const settings = await decodedShared('settings')
      if (!settings) return null
      if (settings.findings.length > 0) throw new SourceError(invalidSettingsMessage(label, settings.findings))
      return run(parsedQueries.settings, [settings.document], {}) as SourceSettings | null
    },
    async citedSources(articleIds) {
      // The documents the articles reference directly (the opening pass recorded them), decoded as `getArticle`
      // decodes them; the query keeps the citations and projects them as the article query does.
      const ids = new Set<string>()
      for (const id of articleIds) {
        const entry = articles.get(id)
        for (const {ref} of entry ? referencesOf(entry) : []) ids.add(ref)
      }
      // In chunks of ids in ascending order: groq-js tests `_id in $ids` against the whole list for each document, so
      // one evaluation over 5,000 sources was 25 million comparisons (0.55 s at N = 10,000). Ids are ASCII
      // (`DOCUMENT_ID`), so this order is the query's `order(_id asc)` and the chunks' results follow one another.
      const sorted = [...ids].sort()
      const cited: SourceCitation[] = []
      for (let start = 0; start < sorted.length; start += CITED_CHUNK) {
        const chunk = sorted.slice(start, start + CITED_CHUNK)
        const documents: Doc[] = []
        for (const id of chunk) {
          const document = await decodedShared(id)
          if (document) documents.push(document.document as Doc)
        }
        cited.push(...(run(parsedQueries.citedSources, documents, {ids: chunk}) as SourceCitation[]))
      }
      return cited
    },
    async lookupArticle(slugOrId): Promise<ArticleMatches> {
      const candidates = [
        ...scan.articles.map(stub),
        ...unpublished.map((entry) => ({
          _id: entry.id,
          _type: 'article',
          slug: entry.slug === null ? null : {current: entry.slug},
        })),
      ]
      const matches = run(parsedQueries.lookup, candidates, {ref: slugOrId}) as Array<{
        _id: string
        slug: string | null
      }>
      const kinds = new Map(unpublished.map((entry) => [entry.id, entry.kind]))
      return {
        published: matches.filter((match) => isPublishedId(match._id)),
        unpublished: matches.flatMap((match) => {
          const kind = kinds.get(match._id)
          return kind ? [{_id: match._id, kind, slug: match.slug}] : []
        }),
      }
    },
    readImage: (assetId) => readLocalImage(file, assetId),
    problems: () => [...problems],
    // Articles are read from the file synchronously: none is worth reading before it is worked on.
    readAhead: 1,
    close: () => handle.close(),
  }
}

/** Ids per evaluation of the cited-sources query (`citedSources`). */
const CITED_CHUNK = 128

/**
 * `articleQuery` without `body` in its two projections (the cited ids are still read from the document's body).
 * The body is most of an article and the query passes it through unchanged, yet groq-js's `toJS` copied it node by
 * node: half of the query's cost. `withBody` puts the decoded document's own body back where the query has it, so
 * the result is the full query's, key order included (the source hash is taken of its JSON).
 */
function articleQueryWithoutBody(): {query: string; bodyAfter: string} {
  // The first projection lists `body` on a line of its own, the second inline after the same key.
  const own = /\n {2}(\w+),\n {2}body,\n/.exec(articleQuery)
  const bodyAfter = own?.[1]
  const query = bodyAfter
    ? articleQuery.replace(own[0], `\n  ${bodyAfter},\n`).replace(` ${bodyAfter}, body,`, ` ${bodyAfter},`)
    : articleQuery
  if (!bodyAfter || query.length !== articleQuery.length - '  body,\n'.length - ' body,'.length) {
    throw new Error('articleQuery changed shape: update articleQueryWithoutBody (local-source.ts) to match it')
  }
  return {query, bodyAfter}
}

/**
 * The query over a dataset of published documents only, where the filter is true of every document: the same query
 * without it. groq-js's `path("drafts.**")` is `^drafts\..*$`, case-sensitive, exactly the ids `isPublishedId` calls
 * unpublished, and `_id in path(…)` reads nothing else.
 */
export function withoutDraftFilters(query: string): string {
  // The filter `articleQuery` puts on each of its three `*[…]`.
  const parts = query.split(' && !(_id in path("drafts.**")) && !(_id in path("versions.**"))')
  if (parts.length !== 4) {
    throw new Error('articleQuery changed its draft filters: update withoutDraftFilters (local-source.ts) to match')
  }
  return parts.join('')
}

/**
 * The article as `getArticle` gives it, from its line parsed and the shared documents it reaches, decoded: in the
 * export thread, or in a render worker that reads its own articles (`readArticleAt`).
 */
async function resolveArticle(
  id: string,
  line: Doc,
  neighbours: readonly Decoded[],
  exportAssets: ExportAssets,
): Promise<SourceArticle | null> {
  // Every document is decoded before the query reads it; what did not decode blocks this article only.
  const article = decodeDocument(line)
  // Figures point at files beside the dataset (`_sanityAsset`): references and asset documents, as imported.
  const images = await exportAssets.resolve(article.document)
  const reachable: Doc[] = [queriedArticle(images.document), ...(images.assets as unknown as Doc[])]
  const findings = [...article.findings, ...images.findings]
  for (const document of neighbours) {
    reachable.push(document.document as Doc)
    findings.push(...document.findings)
  }
  // The scan sets drafts and versions aside, so none is reachable: the query's own filters on them would only
  // build a regular expression per document and filter (a fifth of the query's cost). Checked, not assumed.
  const query = reachable.every(isPublishedDocument) ? parsedQueries.articleOfPublished : parsedQueries.article
  const projected = run(query, reachable, {id}) as Record<string, unknown> | null
  const result = projected && withBody(projected, images.document, bodyless.bodyAfter)
  return result && findings.length > 0 ? {...result, decodeFindings: findings} : result
}

/**
 * Reads articles where a local source placed them (`articlePlace`), in another thread: the file opened once, the
 * shared documents as the source decoded them. The same article as `getArticle`, and the same refusal when the file
 * changed under the export.
 */
export function placedArticleReader(reader: PlaceReader): (place: ArticlePlace) => Promise<SourceArticle | null> {
  const shared = new Map(reader.shared)
  const exportAssets = new ExportAssets(reader.file)
  return async (place) => {
    // Opened for each article: a worker thread has no end of its own to close a file at, and a descriptor it left
    // open would outlive it in the process (a program that runs `runExport` again and again, as the tests do). Two
    // system calls beside ~3 ms of work.
    const fd = openSync(reader.file, 'r')
    let line: Doc
    try {
      line = readLineAt(fd, place, place.id, reader.label)
    } finally {
      closeSync(fd)
    }
    return resolveArticle(
      place.id,
      line,
      place.neighbours.map((id) => shared.get(id) as Decoded),
      exportAssets,
    )
  }
}

/** One line read back, checked to be the document the pass saw there (else the file changed: a SourceError). */
function readLineAt(fd: number, place: Omit<LinePlace, 'hash'>, id: string, label: string): Doc {
  const buffer = lineBuffer(place.length)
  // A synchronous read: the opening pass has just read the file (or a re-export reads a few changed lines), so
  // the line is almost always in the page cache and the read is a copy. A promise read went through libuv's thread
  // pool: five times the CPU (0.05 against 0.01 ms for a 30 KB line) and, with worker threads, a hand-off to a
  // thread that waits for a core the workers keep busy.
  const bytesRead = readSync(fd, buffer, 0, place.length, place.offset)
  let document: unknown
  try {
    document = bytesRead === place.length ? JSON.parse(buffer.toString('utf8', 0, place.length)) : undefined
  } catch {
    document = undefined
  }
  if (!isRecord(document) || document._id !== id) {
    throw new SourceError(
      `The dataset file ${label} changed while it was being read (line ${place.line} moved): run the command again.`,
    )
  }
  return document as Doc
}

/**
 * One buffer per thread that each line is read into (the text is decoded out of it at once): a buffer per article
 * (30–60 KB at N = 10,000) was memory outside the heap that only a collection gave back, so the allocator's arenas
 * grew by tens of MB and V8 counted it towards its next collection. Not zero-filled: only a read that fills it is
 * used. Grown to the longest line read, never past it by more than double.
 */
function lineBuffer(length: number): Buffer {
  if (scratch.byteLength < length) scratch = Buffer.allocUnsafeSlow(Math.max(length, scratch.byteLength * 2, 1 << 16))
  return scratch
}

let scratch = Buffer.allocUnsafeSlow(0)

function isPublishedDocument(document: Doc): boolean {
  return typeof document._id === 'string' && isPublishedId(document._id)
}

/**
 * The article as the bodyless query reads it: its body cut down to what the query reads there (each block's `_type`
 * and `asset._ref`, its children's `citation._ref`). groq-js walks every value it is given, and it tests each
 * candidate citation against every cited id, a null for each span included; the span text it never reads was most
 * of what it walked. The ids read from the body serve only `_id in ^.citationIds` and `_id in ^.imageIds`, whose
 * answer depends on which values the list holds, not how often or in which order: so of the children without a
 * citation (each reads as a null) only the first is kept, and the results are the full query's
 * (`tests/source-article-query.test.ts`).
 */
function queriedArticle(document: unknown): Doc {
  const article = document as Doc
  if (!Array.isArray(article.body)) return article
  const uncited = {kept: false}
  return {...article, body: article.body.map((block: unknown) => queriedBlock(block, uncited))}
}

function queriedBlock(block: unknown, uncited: {kept: boolean}): unknown {
  if (!isRecord(block)) return block
  const out: Record<string, unknown> = {}
  if ('_type' in block) out._type = block._type
  if ('asset' in block) out.asset = refOnly(block.asset)
  if ('children' in block) {
    const {children} = block
    if (Array.isArray(children)) {
      const kept: unknown[] = []
      for (const child of children as unknown[]) {
        if (!isRecord(child)) kept.push(child)
        else if ('citation' in child) kept.push({citation: refOnly(child.citation)})
        else if (!uncited.kept) {
          uncited.kept = true
          kept.push({})
        }
      }
      out.children = kept
    } else {
      out.children = children
    }
  }
  return out
}

function refOnly(value: unknown): unknown {
  return isRecord(value) ? ('_ref' in value ? {_ref: value._ref} : {}) : value
}

/** The query's result with the body where `articleQuery` projects it (after `bodyAfter`), null when absent. */
function withBody(projected: Record<string, unknown>, document: unknown, bodyAfter: string): SourceArticle {
  const body = isRecord(document) && document.body !== undefined ? document.body : null
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(projected)) {
    out[key] = value
    if (key === bodyAfter) out.body = body
  }
  return out as unknown as SourceArticle
}

/** What every fingerprint starts from: a change to the article query changes every result, so every fingerprint. */
const ARTICLE_QUERY_KEY = createHash('sha256').update(articleQuery).digest('hex')
/** Saved listings and fingerprints are the results of these two queries. */
let queriesKeyValue: string | undefined
function queriesKey(): string {
  queriesKeyValue ??= createHash('sha256')
    .update(articleIdsQuery)
    .update('\n')
    .update(articleQuery)
    .update('\n')
    .update(decoderFingerprint())
    .digest('hex')
  return queriesKeyValue
}

/** What the neighbourhood of an article is found from: the shared documents and each article's reviews. */
interface ReferenceGraph {
  shared: Map<string, SharedEntry>
  reviewsByArticle: Map<string, string[]>
  /** `neighbourIds` as first found: an article's fingerprint and its read both need them (~10 ids an article). */
  neighbours: WeakMap<ArticleEntry, string[]>
}

function referenceGraph(scan: ScanResult): ReferenceGraph {
  return {
    shared: new Map(scan.shared.map((entry) => [entry.id, entry])),
    reviewsByArticle: new Map(scan.reviews),
    neighbours: new WeakMap(),
  }
}

/**
 * The ids of every shared document a query about the article can reach: its reviews and its references, followed
 * transitively. Found from the references the opening pass recorded, so no document is parsed or walked again.
 */
function neighbourIds(graph: ReferenceGraph, entry: ArticleEntry): string[] {
  let found = graph.neighbours.get(entry)
  if (found === undefined) graph.neighbours.set(entry, (found = findNeighbourIds(graph, entry)))
  return found
}

function findNeighbourIds(graph: ReferenceGraph, entry: ArticleEntry): string[] {
  const seen = new Set<string>([entry.id])
  const found: string[] = []
  const queue: FoundReference[][] = [referencesOf(entry)]
  for (const review of graph.reviewsByArticle.get(entry.id) ?? []) {
    if (seen.has(review)) continue
    seen.add(review)
    found.push(review)
    queue.push(graph.shared.get(review)?.references ?? [])
  }
  while (queue.length > 0) {
    for (const {ref} of queue.pop() as FoundReference[]) {
      const target = graph.shared.get(ref)
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
function fingerprintOf(graph: ReferenceGraph, entry: ArticleEntry): string {
  const digest = createHash('sha256').update(ARTICLE_QUERY_KEY).update('\n').update(entry.hash)
  // In query order, not sorted: the order documents are given to groq-js can show in its results.
  for (const id of neighbourIds(graph, entry)) digest.update(`\n${id} ${graph.shared.get(id)?.hash ?? ''}`)
  return digest.digest('hex')
}

function stub(entry: ArticleEntry) {
  return {_id: entry.id, _type: 'article', _rev: entry.rev, slug: entry.slug === null ? null : {current: entry.slug}}
}

/**
 * The published articles, listed by the ids query. The Content Lake is asked page by page; here every stub is in
 * memory, so the same query runs once over all of them (paging it was O(n²)).
 *
 * What an earlier pass listed is reused where it provably gives the same: the query keeps every stub (all are
 * published articles) in id order, so over the same ids its rows come in the same order, each with its article's
 * revision now. A fingerprint follows from the article's line and the shared documents' lines: when these are
 * the same as before (same ids, same hashes, in the same order), an unchanged article line keeps its fingerprint.
 */
function listing(
  scan: ScanResult,
  graph: ReferenceGraph,
  previous: ScanResult | null,
): NonNullable<ScanResult['listing']> {
  const entries = new Map(scan.articles.map((entry) => [entry.id, entry]))
  const before = previous?.listing
  const sameIds = before !== undefined && before.length === entries.size && before.every((row) => entries.has(row._id))
  let rows: Array<{_id: string; _rev: string}>
  if (sameIds) {
    rows = before.map((row) => ({_id: row._id, _rev: (entries.get(row._id) as ArticleEntry).rev}))
  } else {
    const limit = scan.articles.length + 1
    rows = run(parse(articleIdsQuery, {params: {lastId: '', limit}}), scan.articles.map(stub), {
      lastId: '',
      limit,
    }) as Array<{_id: string; _rev: string}>
  }
  const kept = before && previous && sameShared(previous, scan) ? fingerprintsByLine(previous, before) : undefined
  // The query returns the stubs in id order: pair each row with its entry by id, not by position.
  return rows.map((row) => {
    const entry = entries.get(row._id) as ArticleEntry
    return {...row, fingerprint: kept?.get(entry.hash) ?? fingerprintOf(graph, entry)}
  })
}

function sameShared(previous: ScanResult, scan: ScanResult): boolean {
  return (
    previous.shared.length === scan.shared.length &&
    previous.shared.every((entry, index) => {
      const now = scan.shared[index] as SharedEntry
      return entry.id === now.id && entry.hash === now.hash
    })
  )
}

/** The earlier pass's fingerprints by the hash of the article line they were made from. */
function fingerprintsByLine(previous: ScanResult, rows: NonNullable<ScanResult['listing']>): Map<string, string> {
  const hashes = new Map(previous.articles.map((entry) => [entry.id, entry.hash]))
  const byLine = new Map<string, string>()
  for (const row of rows) {
    const hash = hashes.get(row._id)
    if (hash !== undefined) byLine.set(hash, row.fingerprint)
  }
  return byLine
}

/**
 * Refused values in shared documents that no published article reaches (a review whose article reference is
 * itself the wrong value, a person nobody cites): they block nothing, so they are reported with the dataset's
 * problems. Those an article reaches block that article instead (`getArticle`).
 */
function unusedInvalid(scan: ScanResult, graph: ReferenceGraph): SourceProblem[] {
  if (!scan.decodeFindings || scan.decodeFindings.length === 0) return []
  const reached = new Set<string>()
  for (const entry of scan.articles) for (const id of neighbourIds(graph, entry)) reached.add(id)
  return scan.decodeFindings.filter((finding) => finding.documentId !== 'settings' && !reached.has(finding.documentId))
}

function describeFsError(error: unknown): string {
  const code = isRecord(error) && typeof error.code === 'string' ? error.code : undefined
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  if (code === 'EISDIR') return 'it is a directory'
  return code ?? 'unreadable'
}
