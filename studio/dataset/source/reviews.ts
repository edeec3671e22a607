import type {ReviewSpec} from './types.ts'

/**
 * The medical sign-offs. Dates are chosen so that, as of 2026-11-26 (12-month interval, 30-day window), each
 * article lands in the status `tests/dataset.test.ts` pins. Every note carries the INTERNAL-REVIEW-NOTE canary.
 */
export const reviews: ReviewSpec[] = [
  {
    // The page says "Last reviewed: Jul 11th 2023". The September 2023 edit left no earlier text to hash, so this
    // review covers the article as it stands: as of 2026-11-26 it is overdue, not edited since review.
    article: 'infant-mental-health',
    reviewer: 'morgan-blair',
    reviewedOn: '2023-07-11',
    outcome: 'approved',
    notes:
      'INTERNAL-REVIEW-NOTE: Checked the attachment and temperament sections against the cited sources. Consider a newer source for the temperament types at the next review.',
  },
]
