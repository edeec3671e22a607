import type {DocumentBadgeComponent} from 'sanity'
import {reviewBadge} from './review-status-label.ts'
import {useArticleReview} from './use-article-review.ts'

/** The article's review status and next review date, from the same `reviewState()` the pipeline uses. */
export const ReviewStatusBadge: DocumentBadgeComponent = ({draft, published}) => {
  const state = useArticleReview(draft ?? published)
  return state ? reviewBadge(state) : null
}

ReviewStatusBadge.displayName = 'ReviewStatusBadge'
