import type {ReviewStatus} from './review-status.ts'

/**
 * Each review status's place, most urgent first: a reviewer's request for changes, a lapsed sign-off, then one that
 * no longer covers the text, then none at all. A record, so that a new status cannot be added without a place here.
 */
const URGENCY_RANK: Record<ReviewStatus, number> = {
  'changes-requested': 0,
  overdue: 1,
  'edited-since-review': 2,
  unreviewed: 3,
  'due-soon': 4,
  current: 5,
}

/** The review statuses, most urgent first. */
export const REVIEW_URGENCY: readonly ReviewStatus[] = (Object.keys(URGENCY_RANK) as ReviewStatus[]).sort(
  (a, b) => URGENCY_RANK[a] - URGENCY_RANK[b],
)

/** What the order reads of an article. */
export interface UrgencyFields {
  id: string
  title: string | null
  status: ReviewStatus
  nextReviewDue: string | null
}

/**
 * Most urgent first: by status (`REVIEW_URGENCY`), then the soonest (or longest overdue) next review, undated ones
 * last, then by title (a missing title as an empty one) and id. Everything compares by code point, so the order is
 * the same on every machine and in every browser.
 */
export function mostUrgentFirst<T>(items: readonly T[], fields: (item: T) => UrgencyFields): T[] {
  return items
    .map((item) => ({item, key: fields(item)}))
    .sort((a, b) => compareUrgency(a.key, b.key))
    .map(({item}) => item)
}

function compareUrgency(a: UrgencyFields, b: UrgencyFields): number {
  return (
    URGENCY_RANK[a.status] - URGENCY_RANK[b.status] ||
    compareNullable(a.nextReviewDue, b.nextReviewDue) ||
    byCodePoint(a.title ?? '', b.title ?? '') ||
    byCodePoint(a.id, b.id)
  )
}

/** Missing values sort last. */
function compareNullable(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return byCodePoint(a, b)
}

/** ISO dates, titles and ids compare by code point; a locale collation may ignore the hyphens in dates. */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
