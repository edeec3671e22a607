import {REVIEW_STATUSES} from '../../../domain/review-status.ts'
import type {ReviewStatus} from '../../../domain/review-status.ts'
import {writePrettyJson, type Write} from '../../stream-file.ts'
import {diagnosticText, type Diagnostic, type PathSegment, type Severity} from '../../diagnostic.ts'

/** `manifest.json`: what publishing jobs pull from (its JSON Schema is `manifest.schema.json`). */

export type ArticleStatus = 'exported' | 'kept' | 'blocked'

export type Format = 'html' | 'json' | 'txt' | 'md'
export const FORMATS: readonly Format[] = ['html', 'json', 'txt', 'md']

export const BUNDLE_FILES = ['index.html', 'fragment.html', 'article.json', 'article.txt', 'article.md'] as const
export type BundleFileName = (typeof BUNDLE_FILES)[number]

export const FORMAT_FILES: Record<Format, readonly BundleFileName[]> = {
  html: ['index.html', 'fragment.html'],
  json: ['article.json'],
  txt: ['article.txt'],
  md: ['article.md'],
}

export function selectedFiles(formats: readonly Format[]): BundleFileName[] {
  return formats.flatMap((format) => FORMAT_FILES[format])
}

/** A file as the manifest records it. */
export interface FileRecord {
  sha256: string
  bytes: number
}

/** One article's entry in `manifest.json`. */
export interface ManifestArticle {
  id: string
  /** The address of the files; for a blocked article, the slug it asked for (which may be unusable), or null. */
  slug: string | null
  title: string | null
  revision: string
  contentHash: string
  reviewStatus: ReviewStatus
  lastReviewed: string | null
  nextReviewDue: string | null
  /** The last substantive edit (`lastEditedAt`, else `publishedAt`) as a date: the sitemap's `lastmod`. */
  lastEdited?: string
  /** The page's public address (`siteUrl` + `/articles/<slug>/`) when `siteUrl` is set and the article is published. */
  url?: string
  status: ArticleStatus
  /** Fingerprint of everything the files depend on: decides re-render or reuse on the next export. */
  inputHash: string
  /** Fingerprint of the resolved query result alone, to reuse `contentHash` without recomputing it. */
  sourceHash: string
  /** For a kept article: the revision whose files are carried over. */
  keptRevision?: string
  /** For a kept article: the content hash of the text its kept files show. */
  keptContentHash?: string
  files: Record<string, FileRecord>
  /** The image files its pages show (`images/…`, listed in the manifest's `files`); absent when none. */
  images?: string[]
  /** Why the article is blocked or kept. */
  findings?: ManifestFinding[]
}

/** A diagnostic as the manifest writes it: flat, the reason and the advice in one `message`. */
export interface ManifestFinding {
  ruleId: string
  severity: Severity
  documentId: string | null
  path: PathSegment[]
  message: string
  source: string
}

export interface Manifest {
  /** The manifest's JSON Schema, relative to the manifest: `./schema/manifest.schema.json`. */
  $schema: string
  schemaVersion: 1
  generator: {name: string; version: string; rendererVersion: string}
  dataset: string
  asOf: string
  options: {strict: boolean; formats: Format[]}
  counts: {articles: number; byStatus: Record<ArticleStatus, number>; byReviewStatus: Record<ReviewStatus, number>}
  /**
   * The release's own files besides the articles' (catalogue, sitemap, schemas, the `images/` articles share), so
   * `verify` can check them too.
   */
  files: Record<string, FileRecord>
  articles: ManifestArticle[]
}

export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['exported', 'kept', 'blocked']

export interface ManifestHeader {
  generator: Manifest['generator']
  dataset: string
  asOf: string
  strict: boolean
  formats: readonly Format[]
}

export function countArticles(articles: readonly ManifestArticle[]): Manifest['counts'] {
  const byStatus = Object.fromEntries(ARTICLE_STATUSES.map((status) => [status, 0])) as Record<ArticleStatus, number>
  const byReviewStatus = Object.fromEntries(REVIEW_STATUSES.map((status) => [status, 0])) as Record<
    ReviewStatus,
    number
  >
  for (const article of articles) {
    byStatus[article.status]++
    if (article.status !== 'blocked') byReviewStatus[article.reviewStatus]++
  }
  return {articles: articles.length, byStatus, byReviewStatus}
}

/** Articles sorted by slug (then id: blocked articles may share or lack one), with a fixed key order throughout. */
export function buildManifest(
  header: ManifestHeader,
  articles: readonly ManifestArticle[],
  files: Record<string, FileRecord>,
): Manifest {
  const sorted = [...articles].sort((a, b) => compare(a.slug ?? '', b.slug ?? '') || compare(a.id, b.id))
  return {
    $schema: './schema/manifest.schema.json',
    schemaVersion: 1,
    generator: header.generator,
    dataset: header.dataset,
    asOf: header.asOf,
    options: {strict: header.strict, formats: [...header.formats]},
    counts: countArticles(sorted),
    files: sortedRecord(files),
    articles: sorted.map(normaliseEntry),
  }
}

/** The same manifest listing `files` as the release's own (the key order kept: `files` stays before `articles`). */
export function withFiles(manifest: Manifest, files: Record<string, FileRecord>): Manifest {
  return {...manifest, files: sortedRecord(files)}
}

export function serialiseManifest(manifest: Manifest): string {
  const pieces: string[] = []
  writeManifest(manifest, (piece) => pieces.push(piece))
  return pieces.join('')
}

/** manifest.json piece by piece, an article entry at a time: the same bytes as `JSON.stringify(manifest, null, 2)`. */
export function writeManifest(manifest: Manifest, write: Write): void {
  writePrettyJson(manifest as unknown as Record<string, unknown>, 'articles', write)
  write('\n')
}

function normaliseEntry(entry: ManifestArticle): ManifestArticle {
  const out: ManifestArticle = {
    id: entry.id,
    slug: entry.slug,
    title: entry.title,
    revision: entry.revision,
    contentHash: entry.contentHash,
    reviewStatus: entry.reviewStatus,
    lastReviewed: entry.lastReviewed,
    nextReviewDue: entry.nextReviewDue,
    ...(entry.lastEdited !== undefined ? {lastEdited: entry.lastEdited} : {}),
    ...(entry.url !== undefined ? {url: entry.url} : {}),
    status: entry.status,
    inputHash: entry.inputHash,
    sourceHash: entry.sourceHash,
    files: sortedRecord(entry.files),
  }
  if (entry.images && entry.images.length > 0) out.images = [...entry.images].sort()
  if (entry.keptRevision !== undefined) out.keptRevision = entry.keptRevision
  if (entry.keptContentHash !== undefined) out.keptContentHash = entry.keptContentHash
  if (entry.findings && entry.findings.length > 0) {
    out.findings = entry.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      documentId: finding.documentId,
      path: finding.path,
      message: finding.message,
      source: finding.source,
    }))
  }
  return out
}

/** A diagnostic with a fixed key order and nothing but what consumers need. */
export function manifestFinding(diagnostic: Diagnostic): ManifestFinding {
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    documentId: diagnostic.place.documentId,
    path: diagnostic.place.path,
    message: diagnosticText(diagnostic),
    source: diagnostic.source,
  }
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key] as T]),
  )
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
