import {REVIEW_STATUSES} from '../../schemas/rules/review-status.ts'
import type {ReviewStatus} from '../../schemas/rules/review-status.ts'
import type {ArticleStatus, ExportFinding, FileRecord, Format, Manifest, ManifestArticle} from './types.ts'

export const ARTICLE_STATUSES: readonly ArticleStatus[] = ['exported', 'kept', 'blocked']

export interface ManifestHeader {
  generator: Manifest['generator']
  dataset: string
  asOf: string
  strict: boolean
  formats: readonly Format[]
}

/**
 * `byReviewStatus` counts the articles the release carries (exported or kept); a blocked article is counted in
 * `byStatus.blocked` only, so no count of `current` ever includes an article that is not published.
 */
export function countArticles(articles: readonly ManifestArticle[]): Manifest['counts'] {
  const byStatus = Object.fromEntries(ARTICLE_STATUSES.map((status) => [status, 0])) as Record<ArticleStatus, number>
  const byReviewStatus = Object.fromEntries(REVIEW_STATUSES.map((status) => [status, 0])) as Record<ReviewStatus, number>
  for (const article of articles) {
    byStatus[article.status]++
    if (article.status !== 'blocked') byReviewStatus[article.reviewStatus]++
  }
  return {articles: articles.length, byStatus, byReviewStatus}
}

/** Articles sorted by slug (then id: blocked articles may share or lack one), with a fixed key order throughout. */
export function buildManifest(header: ManifestHeader, articles: readonly ManifestArticle[], files: Record<string, FileRecord>): Manifest {
  const sorted = [...articles].sort((a, b) => compare(a.slug ?? '', b.slug ?? '') || compare(a.id, b.id))
  return {
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

export function serialiseManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`
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
    status: entry.status,
    inputHash: entry.inputHash,
    sourceHash: entry.sourceHash,
    files: sortedRecord(entry.files),
  }
  if (entry.keptRevision !== undefined) out.keptRevision = entry.keptRevision
  if (entry.keptContentHash !== undefined) out.keptContentHash = entry.keptContentHash
  if (entry.findings && entry.findings.length > 0) out.findings = entry.findings.map(manifestFinding)
  return out
}

/** A finding with a fixed key order and nothing but what consumers need. */
function manifestFinding(finding: ExportFinding): ExportFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    documentId: finding.documentId,
    path: finding.path,
    message: finding.message,
    source: finding.source ?? 'vetted',
  }
}

function sortedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key] as T]))
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
