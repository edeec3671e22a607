import {isUtf8} from 'node:buffer'
import {hash} from 'node:crypto'
import {decodeDocument} from './decode/decode-document.ts'
import type {DecodeFinding} from './decode/decode-document.ts'
import {DOCUMENT_ID, isPublishedId, isRecord, walkDocument} from './document-walk.ts'
import type {FoundReference} from './document-walk.ts'
import {readNdjsonLines} from './ndjson-lines.ts'
import type {NdjsonLine} from './ndjson-lines.ts'
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

  function acceptArticle(summary: ArticleLine, line: NdjsonLine, lineHash: string): void {
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
  function keepShared(summary: SharedLine, line: NdjsonLine, lineHash: string): void {
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
  for await (const line of readNdjsonLines(file, {maxLineBytes: options.maxLineBytes})) {
    if (line.bytes === null) {
      problems.push(sourceProblems.lineTooLong(label, line.number, line.length, options.maxLineBytes))
      continue
    }
    if (isBlank(line.bytes)) continue
    // One-shot hashing: no Hash object per line.
    const lineHash = hash('sha256', line.bytes, 'hex')
    const summary = known.get(lineHash)
    if (summary) {
      acceptArticle(summary, line, lineHash)
      continue
    }
    const sharedSummary = knownShared.get(lineHash)
    if (sharedSummary) {
      if (claim(sharedSummary.id, line.number, sharedSummary.references, sharedSummary))
        keepShared(sharedSummary, line, lineHash)
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
      if (document._type === 'article')
        acceptArticle({id, rev: revOf(document), slug: slugOf(document), references: []}, line, lineHash)
      continue
    }
    if (typeof document._type !== 'string' || document._type === '') {
      problems.push(sourceProblems.missingType(label, line.number, id))
      continue
    }
    if (firstLineOf.has(id)) {
      problems.push(sourceProblems.duplicateId(label, line.number, id, firstLineOf.get(id) as number))
      continue
    }
    const walk = walkDocument(document, maxDepth)
    if (document._type === 'article') {
      const article: ArticleLine = {id, rev: revOf(document), slug: slugOf(document), references: walk.references}
      if (walk.missingKeys.length > 0) article.missingKeys = walk.missingKeys
      if (walk.tooDeep) article.tooDeep = true
      acceptArticle(article, line, lineHash)
      continue
    }
    if (!claim(id, line.number, walk.references, walk)) continue
    documents.set(id, document as ScannedDocument)
    const {findings} = decodeDocument(document)
    const target = document._type === 'review' && isRecord(document.article) ? document.article._ref : undefined
    const parsed: SharedLine = {id, references: walk.references}
    if (walk.missingKeys.length > 0) parsed.missingKeys = walk.missingKeys
    if (typeof target === 'string') parsed.target = target
    if (findings.length > 0) parsed.findings = findings
    keepShared(parsed, line, lineHash)
  }

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

function isBlank(bytes: Uint8Array): boolean {
  // Space, tab, CR: a blank line between documents is harmless, as in `sanity dataset import`.
  return bytes.every((byte) => byte === 0x20 || byte === 0x09 || byte === 0x0d)
}

function revOf(document: Record<string, unknown>): string {
  return typeof document._rev === 'string' ? document._rev : ''
}

function slugOf(document: Record<string, unknown>): string | null {
  const slug = document.slug
  return isRecord(slug) && typeof slug.current === 'string' ? slug.current : null
}
