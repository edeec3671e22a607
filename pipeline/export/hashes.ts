import {createHash} from 'node:crypto'
import {canonicalJson} from '../../schemas/rules/canonical-json.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import type {ArticleReview, Format} from './types.ts'

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex')
}

/**
 * The resolved query result as the source gave it. Plain `JSON.stringify` is enough: a source that reorders keys
 * only costs a re-render, never a wrong reuse, and it is several times faster than canonical JSON on 10,000 articles.
 */
export function sourceHash(article: SourceArticle): string {
  return sha256(JSON.stringify(article))
}

export interface InputHashParts {
  sourceHash: string
  settings: SourceSettings | null
  review: ArticleReview
  asOf: string
  rendererVersion: string
  strict: boolean
  formats: readonly Format[]
  datasetLabel: string
  severity?: unknown
  policy?: unknown
}

/**
 * Everything an article's files and its validation depend on. Equal input hashes mean the previous release's files
 * (or its blocking findings) are still right, so the export reuses them without validating or rendering again.
 * `asOf` is included because the renderer receives it; the review state is included in the form the outputs show.
 */
export function inputHash(parts: InputHashParts): string {
  const review = {
    status: parts.review.status,
    lastReviewed: parts.review.lastReviewed,
    nextReviewDue: parts.review.nextReviewDue,
    approvedReview: parts.review.approvedReview?._id ?? null,
    edited: parts.review.edited,
    changesRequestedSince: parts.review.changesRequestedSince,
    changesRequestedOn: parts.review.changesRequestedOn,
  }
  return sha256(
    canonicalJson({
      source: parts.sourceHash,
      settings: parts.settings,
      review,
      asOf: parts.asOf,
      renderer: parts.rendererVersion,
      strict: parts.strict,
      formats: parts.formats,
      dataset: parts.datasetLabel,
      severity: parts.severity ?? null,
      policy: parts.policy ?? null,
    }),
  )
}
