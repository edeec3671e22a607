import type {ReviewStatus} from '../../domain/review-status.ts'
import {mostUrgentFirst} from '../../domain/urgency.ts'
import type {ReviewQueueQueryResult} from '../../schemas/sanity.types.ts'
import {articleReview, citationLookup} from './article-review.ts'
import {isDraftId, publishedId} from './ids.ts'

export interface ReviewQueueEntry {
  /** Published id, also for a draft-only article (the id the editor opens and reviews reference). */
  id: string
  title: string | null
  status: ReviewStatus
  nextReviewDue: string | null
}

export interface ReviewQueue {
  id: string
  title: string
  status: ReviewStatus
}

/** The lists of the review queue, in the order an editor works through them. */
export const REVIEW_QUEUES: readonly ReviewQueue[] = [
  {id: 'overdue', title: 'Overdue', status: 'overdue'},
  {id: 'due-soon', title: 'Due soon', status: 'due-soon'},
  {id: 'edited-since-review', title: 'Edited since review', status: 'edited-since-review'},
  {id: 'changes-requested', title: 'Changes requested', status: 'changes-requested'},
  // `unreviewed` means "no approved review yet": new drafts, and articles whose only reviews asked for changes.
  {id: 'never-reviewed', title: 'Never reviewed', status: 'unreviewed'},
]

/**
 * The review status of every article as the editor sees it (its draft when there is one, so a draft-only
 * article appears too), each through `articleReview()`, the same hash and status function the pipeline uses.
 */
export async function reviewQueueEntries(data: ReviewQueueQueryResult, asOf: string): Promise<ReviewQueueEntry[]> {
  const displayed = new Map<string, ReviewQueueQueryResult['articles'][number]>()
  for (const article of data.articles) {
    const id = publishedId(article._id)
    if (isDraftId(article._id) || !displayed.has(id)) displayed.set(id, article)
  }
  const lookupCitation = citationLookup(data.citations)
  const reviewsByArticle = new Map<string | null, Array<ReviewQueueQueryResult['reviews'][number]>>()
  for (const review of data.reviews) {
    const reviews = reviewsByArticle.get(review.articleId)
    if (reviews) reviews.push(review)
    else reviewsByArticle.set(review.articleId, [review])
  }
  return Promise.all(
    [...displayed].map(async ([id, article]) => {
      const reviews = reviewsByArticle.get(id) ?? []
      const {state} = await articleReview({article, lookupCitation, reviews, policy: data.policy, asOf})
      return {id, title: article.title, status: state.status, nextReviewDue: state.nextReviewDue}
    }),
  )
}

/** The entries with one status, soonest (or longest overdue) next review first; undated ones by title. */
export function entriesInQueue(entries: readonly ReviewQueueEntry[], status: ReviewStatus): ReviewQueueEntry[] {
  return mostUrgentFirst(
    entries.filter((entry) => entry.status === status),
    (entry) => entry,
  )
}
