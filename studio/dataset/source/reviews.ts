import {type2DiabetesPreventionAsReviewed} from './articles/type-2-diabetes-prevention.ts'
import type {ReviewSpec} from './types.ts'

/**
 * The medical sign-offs. Dates are chosen so that, as of 2026-11-26 (12-month interval, 30-day window), each
 * article lands in the status `tests/dataset.test.ts` pins. Every note carries the INTERNAL-REVIEW-NOTE canary.
 *
 * Provenance: the reference article's 2023 review happened before this Studio existed, so it is a migrated record
 * (`imported`); the others were signed in Studio by the reviewer's linked user (`studio`, signer recorded).
 */
export const reviews: ReviewSpec[] = [
  {
    // The page says "Last reviewed: Jul 11th 2023". The September 2023 edit left no earlier text to hash, so this
    // review covers the article as it stands: as of 2026-11-26 it is overdue, not edited since review.
    article: 'infant-mental-health',
    reviewer: 'morgan-blair',
    reviewedOn: '2023-07-11',
    outcome: 'approved',
    provenance: 'imported',
    notes:
      'INTERNAL-REVIEW-NOTE: Checked the attachment and temperament sections against the cited sources. Consider a newer source for the temperament types at the next review.',
  },
  {
    // Current: next review due 2027-06-10.
    article: 'hand-washing',
    reviewer: 'daniel-okafor',
    reviewedOn: '2026-06-10',
    outcome: 'approved',
    provenance: 'studio',
    notes:
      'INTERNAL-REVIEW-NOTE: Sanitizer guidance matches the CDC page as of May 2026. Recheck the CDC link next year; it moved in 2024.',
  },
  {
    // Due soon: next review due 2026-12-15, 19 days after 2026-11-26.
    article: 'high-blood-pressure',
    reviewer: 'daniel-okafor',
    reviewedOn: '2025-12-15',
    outcome: 'approved',
    provenance: 'studio',
    notes:
      'INTERNAL-REVIEW-NOTE: Categories follow the US guideline; the text says other countries use 140/90. Fine for a general audience.',
  },
  {
    // Overdue: next review was due 2026-08-20.
    article: 'physical-activity-adults',
    reviewer: 'priya-raman',
    reviewedOn: '2025-08-20',
    outcome: 'approved',
    provenance: 'studio',
    notes: 'INTERNAL-REVIEW-NOTE: Targets match WHO 2020. Balance advice for over-65s added at my request.',
  },
  {
    article: 'type-2-diabetes-prevention',
    reviewer: 'priya-raman',
    reviewedOn: '2025-03-05',
    outcome: 'approved',
    provenance: 'studio',
    notes: 'INTERNAL-REVIEW-NOTE: First review before publication. Trial figures checked against the NEJM abstract.',
    reviewedVersion: type2DiabetesPreventionAsReviewed,
  },
  {
    // Edited since review: this approval (due 2027-03-02) covers the text before the 2026-09-14 edit.
    article: 'type-2-diabetes-prevention',
    reviewer: 'priya-raman',
    reviewedOn: '2026-03-02',
    outcome: 'approved',
    provenance: 'studio',
    notes: 'INTERNAL-REVIEW-NOTE: Annual review, no changes needed.',
    reviewedVersion: type2DiabetesPreventionAsReviewed,
  },
  {
    // Current: next review due 2027-02-10.
    article: 'taking-medicines-safely',
    reviewer: 'daniel-okafor',
    reviewedOn: '2026-02-10',
    outcome: 'approved',
    provenance: 'studio',
    notes: 'INTERNAL-REVIEW-NOTE: Abbreviations and Poison Control number checked.',
  },
  {
    // A later review asked for changes to the text as it stands: the 2026-02-10 approval no longer covers it, so the
    // status is changes-requested (no "Medically reviewed by" claim; a notice says a reviewer asked for changes).
    article: 'taking-medicines-safely',
    reviewer: 'priya-raman',
    reviewedOn: '2026-10-05',
    outcome: 'changesRequested',
    provenance: 'studio',
    notes:
      'INTERNAL-REVIEW-NOTE: Say that label abbreviations differ between countries, and give a poisons number for readers outside the United States.',
  },
  {
    // Current: next review due 2027-09-01. Priya Raman reviews; she did not write this article.
    article: 'sleep-adults',
    reviewer: 'priya-raman',
    reviewedOn: '2026-09-01',
    outcome: 'approved',
    provenance: 'studio',
    notes: 'INTERNAL-REVIEW-NOTE: Duration and health associations match the AASM/SRS consensus statement.',
  },
]
