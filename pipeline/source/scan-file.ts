import {isUtf8} from 'node:buffer'
import {hash} from 'node:crypto'
import {decodeDocument} from './decode/decode-document.ts'
import type {DecodeFinding} from './decode/decode-document.ts'
import {DOCUMENT_ID, isPublishedId, isRecord, walkDocument} from './document-walk.ts'
import type {FoundReference} from './document-walk.ts'
import {isBlank, readNdjsonLines} from './ndjson-lines.ts'
import type {NdjsonLine} from './ndjson-lines.ts'
import {articleSummary} from './article-line.ts'
import {secondHalfScanned, type LineToScan} from './scan-half.ts'
import {sourceProblems} from './problems.ts'
import {referencesOf} from './source-snapshot.ts'
import type {
  ArticleEntry,
  ArticleLine,
  ScanResult,
  SharedEntry,
  SharedLine,
  UnpublishedEntry,
} from './source-snapshot.ts'
import type {SourceProblem} from './types.ts'

export type ScannedDocument = Record<string, unknown> & {_id: string; _type: string}

export interface ScanOptions {
  label: string
  maxDepth: number
  maxLineBytes: number
  /** Article lines summarised by an earlier pass, by the sha256 of their bytes: taken as they are, not parsed. */
  known: ReadonlyMap<string, ArticleLine>
  /** Shared document lines summarised by an earlier pass, likewise: taken as they are, not parsed or decoded. */
  knownShared?: ReadonlyMap<string, SharedLine>
  /** Every id the pass that made `known` kept: see `ArticleLine.dangles`. */
  knownIds?: readonly string[]
  /** Receives every shared document parsed (people, citations, reviews, settings), so none is parsed twice. */
  documents: Map<string, ScannedDocument>
  /**
   * Threads the pass may use: with two or more, a file with no saved pass is read in two halves, the second by
   * another thread (`scan-half-thread.ts`) that summarises its article lines, which are most of the bytes and of
   * the parsing. @defaultValue 1
   */
  threads?: number
  /** The smallest file read in two halves. @defaultValue 16 MiB: below it the thread costs more than it saves */
  splitBytes?: number
}

/**
 * The local source's opening pass: one streaming read of the file that checks every line and keeps what the source
 * needs to answer queries later. Articles (most of the bytes) are kept as byte ranges plus what their line holds
 * (id, revision, slug, references); shared documents too, with their decode findings (and a review's article).
 * Lines an earlier pass summarised (same sha256) are taken from its summary: only new or changed lines are parsed,
 * walked and decoded. Drafts and release versions are set aside on the
 * line they are read: only their ids and slugs are kept, to explain an article that is not published.
 */
export async function scanFile(file: string, options: ScanOptions): Promise<ScanResult> {
  const {label, maxDepth, known, documents} = options
  const problems: SourceProblem[] = []
  const articles: ScanResult['articles'] = []
  const shared: SharedEntry[] = []
  const reviews = new Map<string, string[]>()
  const unpublished: UnpublishedEntry[] = []
  const firstLineOf = new Map<string, number>()
  const decodeFindings: DecodeFinding[] = []
  /** Whose references to check once every id is known: [id, line, references, or the article that has them]. */
  const referrers: Array<[string, number, FoundReference[] | ArticleEntry]> = []

  function acceptArticle(summary: ArticleLine, line: LineAt, lineHash: string): void {
    const {id} = summary
    if (!isPublishedId(id)) {
      unpublished.push({id, kind: id.startsWith('drafts.') ? 'draft' : 'version', slug: summary.slug, hash: lineHash})
      return
    }
    const entry = {...summary, offset: line.offset, length: line.length, line: line.number, hash: lineHash}
    if (claim(id, line.number, entry, summary)) articles.push(entry)
  }

  /** Takes the id for this line unless it is taken or the document is too deep, reporting what is wrong either way. */
  function claim(
    id: string,
    line: number,
    references: FoundReference[] | ArticleEntry,
    walk: {missingKeys?: string[] | undefined; tooDeep?: boolean | undefined},
  ): boolean {
    const firstLine = firstLineOf.get(id)
    if (firstLine !== undefined) {
      problems.push(sourceProblems.duplicateId(label, line, id, firstLine))
      return false
    }
    if (walk.tooDeep) {
      problems.push(sourceProblems.tooDeep(label, line, maxDepth, id))
      return false
    }
    firstLineOf.set(id, line)
    for (const path of walk.missingKeys ?? []) problems.push(sourceProblems.missingKey(label, line, id, path))
    referrers.push([id, line, references])
    return true
  }

  function parseLine(bytes: Buffer, number: number): Record<string, unknown> | undefined {
    // Decoding would turn each bad byte into U+FFFD without a word: a changed text, published as if it were right.
    if (!isUtf8(bytes)) {
      problems.push(sourceProblems.invalidUtf8(label, number))
      return undefined
    }
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

  /** A shared document kept by the pass (its id claimed), from its line or from an earlier summary of the same bytes. */
  function keepShared(summary: SharedLine, line: LineAt, lineHash: string): void {
    shared.push({...summary, offset: line.offset, length: line.length, line: line.number, hash: lineHash})
    if (summary.findings) decodeFindings.push(...summary.findings)
    const target = summary.target
    if (target !== undefined) {
      const list = reviews.get(target)
      if (list) list.push(summary.id)
      else reviews.set(target, [summary.id])
    }
  }

  const knownShared = options.knownShared ?? new Map<string, SharedLine>()
  const takeLine = async (line: LineToScan): Promise<void> => {
    if (line.tooLong) {
      problems.push(sourceProblems.lineTooLong(label, line.number, line.length, options.maxLineBytes))
      return
    }
    if (line.blank) return
    const lineHash = line.hash
    const summary = known.get(lineHash)
    if (summary) return acceptArticle(summary, line, lineHash)
    const sharedSummary = knownShared.get(lineHash)
    if (sharedSummary) {
      if (claim(sharedSummary.id, line.number, sharedSummary.references, sharedSummary))
        keepShared(sharedSummary, line, lineHash)
      return
    }
    // Summarised where it was read: only what depends on the lines before it is left (a duplicate id).
    if (line.article) {
      const {id} = line.article
      if (isPublishedId(id) && firstLineOf.has(id))
        problems.push(sourceProblems.duplicateId(label, line.number, id, firstLineOf.get(id) as number))
      else acceptArticle(line.article, line, lineHash)
      return
    }
    const document = parseLine(await line.bytes(), line.number)
    if (document === undefined) return
    const id = document._id
    if (typeof id !== 'string' || !DOCUMENT_ID.test(id)) {
      problems.push(sourceProblems.invalidId(label, line.number, id))
      return
    }
    if (!isPublishedId(id)) {
      if (document._type === 'article')
        acceptArticle(articleSummary(document as ScannedDocument, maxDepth), line, lineHash)
      return
    }
    if (typeof document._type !== 'string' || document._type === '') {
      problems.push(sourceProblems.missingType(label, line.number, id))
      return
    }
    if (firstLineOf.has(id)) {
      problems.push(sourceProblems.duplicateId(label, line.number, id, firstLineOf.get(id) as number))
      return
    }
    if (document._type === 'article')
      return acceptArticle(articleSummary(document as ScannedDocument, maxDepth), line, lineHash)
    const walk = walkDocument(document, maxDepth)
    if (!claim(id, line.number, walk.references, walk)) return
    documents.set(id, document as ScannedDocument)
    const {findings} = decodeDocument(document)
    const target = document._type === 'review' && isRecord(document.article) ? document.article._ref : undefined
    const parsed: SharedLine = {id, references: walk.references}
    if (walk.missingKeys.length > 0) parsed.missingKeys = walk.missingKeys
    if (typeof target === 'string') parsed.target = target
    if (findings.length > 0) parsed.findings = findings
    keepShared(parsed, line, lineHash)
  }
  for await (const line of scannedLines(file, options)) await takeLine(line)

  // An article line summarised by an earlier pass whose strong references all named documents of that pass: when
  // every one of those is still here, so is each it names, and its references need not even be parsed (10,000
  // lists at N = 10,000). A new line, one that dangled, or any line after a document went away, is checked.
  const keptAll = options.knownIds !== undefined && options.knownIds.every((id) => firstLineOf.has(id))
  for (const [id, line, referrer] of referrers) {
    const article = Array.isArray(referrer) ? null : referrer
    if (article !== null && keptAll && article.dangles !== true && typeof article.references === 'string') continue
    let dangles = false
    for (const reference of article === null ? (referrer as FoundReference[]) : referencesOf(article)) {
      if (reference.weak || firstLineOf.has(reference.ref)) continue
      dangles = true
      problems.push(sourceProblems.danglingReference(label, line, id, reference.path, reference.ref))
    }
    if (article !== null && dangles) article.dangles = true
    else if (article !== null) delete article.dangles
    // Kept as the text a saved pass holds (`referencesOf`): one string per article instead of a list of objects
    // whose paths are strings built by concatenation, which the whole export holds and every full collection marks.
    if (article !== null && typeof article.references !== 'string')
      article.references = JSON.stringify(article.references)
  }
  problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0))
  const decoded = decodeFindings.length > 0 ? {decodeFindings} : {}
  return {articles, shared, reviews: [...reviews], unpublished, problems, ...decoded}
}

/** Where a line is. */
type LineAt = Pick<NdjsonLine, 'number' | 'offset' | 'length'>

/** Below this a second thread costs more to start than it saves. */
const SPLIT_BYTES = 16 * 1024 * 1024

/**
 * The file's lines, read and hashed in this thread; with `threads` ≥ 2 and no saved pass to draw on (every line is
 * parsed), the second half's are read, hashed and, for articles, summarised by another thread meanwhile.
 */
async function* scannedLines(file: string, options: ScanOptions): AsyncGenerator<LineToScan> {
  const cold = options.known.size === 0 && (options.knownShared?.size ?? 0) === 0
  const second =
    (options.threads ?? 1) > 1 && cold
      ? await secondHalfScanned(file, options, options.splitBytes ?? SPLIT_BYTES)
      : null
  let last = 0
  try {
    const end = second ? {end: second.start} : {}
    for await (const line of readNdjsonLines(file, {maxLineBytes: options.maxLineBytes, ...end})) {
      last = line.number
      yield lineToScan(line)
    }
    if (second) yield* second.lines(last)
  } finally {
    await second?.stop()
  }
}

function lineToScan(line: NdjsonLine): LineToScan {
  const {bytes, number, offset, length} = line
  const blank = bytes !== null && isBlank(bytes)
  // One-shot hashing: no Hash object per line.
  const digest = bytes === null || blank ? '' : hash('sha256', bytes, 'hex')
  const read = (): Promise<Buffer> => Promise.resolve(bytes as Buffer)
  return {number, offset, length, tooLong: bytes === null, blank, hash: digest, bytes: read}
}
