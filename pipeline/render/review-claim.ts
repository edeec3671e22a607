import {claimsReview, type ReviewState} from '../../domain/review-status.ts'
import {displayDate} from './formats/dates.ts'
import {peopleList} from './formats/people.ts'
import type {SourceReview} from './types.ts'

/** Where a review record came from; null when it does not say (an unsigned record). */
export type ReviewProvenance = 'studio' | 'imported' | null

/**
 * What every format says about the medical review, decided once from the review state. A claim ("Medically
 * reviewed by X on D", JSON-LD `reviewedBy`/`lastReviewed`) is stated only when an approved sign-off covers the text
 * as it stands (current, due-soon, overdue); otherwise the notice says what is true instead.
 */
export interface ReviewClaim {
  /** True when an approved sign-off covers this text: only then may a consumer say "Medically reviewed by". */
  current: boolean
  /** "Medically reviewed by Daniel Okafor, PharmD on July 11, 2023." when `current`, else null. */
  statement: string | null
  /** The notice every format shows (overdue, edited since review, changes requested, never reviewed), else null. */
  notice: string | null
  /** The date of the latest approved review, whether or not it covers this text. */
  lastApproved: string | null
  /** The date a reviewer asked for changes to this text after the latest approval, else null. */
  changesRequestedOn: string | null
  /** Provenance of the latest approved review: signed in Studio, an imported record, or null (unsigned). */
  provenance: ReviewProvenance
}

export function reviewClaim(
  review: ReviewState<SourceReview>,
  reviewers: Parameters<typeof peopleList>[0],
): ReviewClaim {
  const current = claimsReview(review.status) && reviewers.length > 0 && review.lastReviewed !== null
  const provenance = review.approvedReview?.provenance ?? null
  const lastApproved = review.lastReviewed
  return {
    current,
    statement: current ? `Medically reviewed by ${peopleList(reviewers)} on ${displayDate(lastApproved!)}.` : null,
    notice: reviewNotice(review),
    lastApproved,
    changesRequestedOn: review.changesRequestedOn,
    provenance,
  }
}

function reviewNotice(review: ReviewState<SourceReview>): string | null {
  const last = review.lastReviewed === null ? null : displayDate(review.lastReviewed)
  switch (review.status) {
    case 'current':
    case 'due-soon':
      return null
    case 'overdue':
      return (
        `This article’s medical review is overdue: it was last medically reviewed on ${last}, ` +
        `and the next review was due on ${displayDate(review.nextReviewDue!)}.`
      )
    case 'edited-since-review':
      return `Last medically reviewed on ${last}; this text has changed since and has not been medically reviewed.`
    case 'changes-requested':
      return (
        `A medical reviewer asked for changes on ${displayDate(review.changesRequestedOn ?? review.lastReviewed!)}; ` +
        'this text is not medically approved as it stands.'
      )
    case 'unreviewed':
      return 'This article has not yet been medically reviewed.'
  }
}
