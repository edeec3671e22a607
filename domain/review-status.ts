import {addMonths, daysBetween, isIsoDate} from './dates.ts'

/**
 * The one review-status function: the Studio badge, the review queue, validation and every exported format
 * call it, so a status never means two things.
 */

export type ReviewStatus =
  'unreviewed' | 'current' | 'due-soon' | 'overdue' | 'edited-since-review' | 'changes-requested'

export const REVIEW_STATUSES: readonly ReviewStatus[] = [
  'unreviewed',
  'current',
  'due-soon',
  'overdue',
  'edited-since-review',
  'changes-requested',
]

/**
 * The statuses whose approved sign-off covers the text as it stands: only these may state "Medically reviewed by"
 * (JSON-LD `reviewedBy`/`lastReviewed`). Overdue still does, with its true date and a notice that it has lapsed.
 */
export const CLAIMING_STATUSES: readonly ReviewStatus[] = ['current', 'due-soon', 'overdue']

export function claimsReview(status: ReviewStatus): boolean {
  return CLAIMING_STATUSES.includes(status)
}

export interface ReviewRecord {
  _id: string
  reviewedOn?: string | null
  outcome?: string | null
  contentHash?: string | null
}

export interface ReviewPolicy {
  /** @defaultValue 12 */
  reviewIntervalMonths?: number | null
  /** @defaultValue 30 */
  dueSoonDays?: number | null
}

export interface ReviewState<R extends ReviewRecord = ReviewRecord> {
  status: ReviewStatus
  /** Date of the latest approved review on or before the as-of date. */
  lastReviewed: string | null
  /** lastReviewed + the review interval. */
  nextReviewDue: string | null
  /** Days from the as-of date to nextReviewDue (negative when overdue). */
  daysUntilDue: number | null
  /** The latest approved review, whose reviewer vouches for the article. */
  approvedReview: R | null
  /** The content hash that review recorded. */
  reviewedContentHash: string | null
  /** True when the article's content hash differs from the approved review's. */
  edited: boolean
  /** True when a "changes requested" review is newer than the latest approval. */
  changesRequestedSince: boolean
  /** Date of the newest "changes requested" review of the text as it stands that is newer than the latest approval. */
  changesRequestedOn: string | null
}

export const DEFAULT_REVIEW_INTERVAL_MONTHS = 12
export const DEFAULT_DUE_SOON_DAYS = 30

/**
 * Reviews dated after `asOf` are ignored: as of that date they had not happened, which keeps `--as-of`
 * exports reproducible. Precedence when several apply, most serious first, so that a status which states a review
 * claim (current, due-soon, overdue) always means an approval covers the text:
 * changes-requested (a reviewer asked for changes to this very text after the latest approval), then
 * edited-since-review (the sign-off does not cover the text), then overdue (the sign-off has lapsed), then due-soon.
 * A changes request of an earlier text (its hash differs from the text as it stands) no longer speaks for this text;
 * a request without a hash is taken to be about the text as it stands.
 */
export function reviewState<R extends ReviewRecord>(input: {
  contentHash: string
  reviews: readonly R[] | null | undefined
  policy?: ReviewPolicy | null
  asOf: string
}): ReviewState<R> {
  // A malformed settings value (not a whole number) falls back to the default instead of an invalid date.
  const interval = wholeNumber(input.policy?.reviewIntervalMonths) ?? DEFAULT_REVIEW_INTERVAL_MONTHS
  const dueSoonDays = wholeNumber(input.policy?.dueSoonDays) ?? DEFAULT_DUE_SOON_DAYS
  const dated = (input.reviews ?? [])
    .filter(
      (review): review is R & {reviewedOn: string} => isIsoDate(review.reviewedOn) && review.reviewedOn <= input.asOf,
    )
    .sort((a, b) => (a.reviewedOn === b.reviewedOn ? (a._id < b._id ? 1 : -1) : a.reviewedOn < b.reviewedOn ? 1 : -1))
  const approved = dated.find((review) => review.outcome === 'approved') ?? null
  if (!approved) {
    return {
      status: 'unreviewed',
      lastReviewed: null,
      nextReviewDue: null,
      daysUntilDue: null,
      approvedReview: null,
      reviewedContentHash: null,
      edited: false,
      changesRequestedSince: dated.some((review) => review.outcome === 'changesRequested'),
      changesRequestedOn: null,
    }
  }
  const lastReviewed = approved.reviewedOn
  const nextReviewDue = addMonths(lastReviewed, interval)
  const daysUntilDue = daysBetween(input.asOf, nextReviewDue)
  const reviewedContentHash = approved.contentHash ?? null
  const edited = reviewedContentHash !== input.contentHash
  // `dated` is newest first, so anything before the approval in it is newer than the approval.
  const newer = dated.slice(0, dated.indexOf(approved)).filter((review) => review.outcome === 'changesRequested')
  const changesRequestedSince = newer.length > 0
  const request = newer.find((review) => !review.contentHash || review.contentHash === input.contentHash)
  const changesRequestedOn = request?.reviewedOn ?? null
  const status: ReviewStatus = request
    ? 'changes-requested'
    : edited
      ? 'edited-since-review'
      : daysUntilDue < 0
        ? 'overdue'
        : daysUntilDue <= dueSoonDays
          ? 'due-soon'
          : 'current'
  return {
    status,
    lastReviewed,
    nextReviewDue,
    daysUntilDue,
    approvedReview: approved,
    reviewedContentHash,
    edited,
    changesRequestedSince,
    changesRequestedOn,
  }
}

function wholeNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null
}
