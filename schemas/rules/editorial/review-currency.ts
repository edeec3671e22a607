import type {ReviewState, ReviewStatus} from '../../../domain/review-status.ts'
import {defineRule, type RuleDefinition, type Severity} from '../rule.ts'

/**
 * Review currency: one rule per review status, so a publishing job can key on `review-overdue`. The status
 * comes from the one `reviewState` function; these rules only word it and pick a severity.
 *
 * An article can be both overdue and edited since review (status precedence shows `edited-since-review`); both
 * rules speak then, because each asks for something different: a new review, and one that covers the edits.
 */

export type ReviewSeverity = Partial<Record<ReviewStatus, Severity | 'off'>>

/** Never reviewed blocks publishing; a lapsed or outdated sign-off is reported; due soon is a reminder. */
export const DEFAULT_REVIEW_SEVERITY: Readonly<Record<ReviewStatus, Severity | 'off'>> = {
  unreviewed: 'error',
  overdue: 'warning',
  'edited-since-review': 'warning',
  'changes-requested': 'warning',
  'due-soon': 'info',
  current: 'off',
}

export interface ReviewCurrencyContext {
  asOf: string
  /** Per-status severity; missing statuses keep the default. */
  severity?: ReviewSeverity
}

type StatusRule = RuleDefinition<ReviewState, ReviewCurrencyContext>

function statusRule(
  status: ReviewStatus,
  description: string,
  word: (state: ReviewState, asOf: string) => string | null,
): StatusRule {
  const fallback = DEFAULT_REVIEW_SEVERITY[status]
  return defineRule<ReviewState, ReviewCurrencyContext>({
    id: `review-${status}`,
    severity: fallback === 'off' ? 'info' : fallback,
    description,
    check(state, context) {
      const severity = severityFor(status, context.severity)
      if (severity === 'off') return []
      const message = word(state, context.asOf)
      return message === null ? [] : [{message, severity}]
    },
  })
}

export function severityFor(status: ReviewStatus, overrides: ReviewSeverity | undefined): Severity | 'off' {
  return overrides?.[status] ?? DEFAULT_REVIEW_SEVERITY[status]
}

export const reviewUnreviewedRule = statusRule('unreviewed', 'The article has an approved medical review.', (state) => {
  if (state.status !== 'unreviewed') return null
  return state.changesRequestedSince
    ? 'A medical reviewer requested changes and no review has approved the article since. Make the changes and ask for a new sign-off.'
    : 'No medical reviewer has approved this article. Ask a medical reviewer to review it and use “Sign off review”.'
})

export const reviewOverdueRule = statusRule(
  'overdue',
  'The last approved review is within the review interval.',
  (state, asOf) => {
    if (state.approvedReview === null || state.nextReviewDue === null || (state.daysUntilDue ?? 0) >= 0) return null
    const days = -(state.daysUntilDue ?? 0)
    return `The medical review is overdue: last reviewed ${state.lastReviewed}, due again on ${state.nextReviewDue} (${days} days before ${asOf}). Ask a medical reviewer to review the article again.`
  },
)

export const reviewEditedRule = statusRule(
  'edited-since-review',
  'The content is what the reviewer approved (title, summary, body, sources, safety notice).',
  (state) => {
    if (!state.edited || state.approvedReview === null) return null
    return `The title, summary, body, sources or safety notice changed after the review of ${state.lastReviewed}, so the sign-off does not cover the text as it stands. Ask a medical reviewer to review the changes.`
  },
)

export const reviewDueSoonRule = statusRule(
  'due-soon',
  'The next review is not due within the due-soon window.',
  (state) => {
    if (state.status !== 'due-soon') return null
    return `The next medical review is due on ${state.nextReviewDue} (in ${state.daysUntilDue} days). Schedule it with a medical reviewer.`
  },
)

/** A newer "changes requested" of this text than the approval: the reviewer no longer stands by it. */
export const reviewChangesRequestedRule = statusRule(
  'changes-requested',
  'No medical reviewer has requested changes to the text since the last approval.',
  (state) => {
    if (state.status !== 'changes-requested') return null
    const on = state.changesRequestedOn ?? 'an undated review'
    return (
      `A medical reviewer requested changes on ${on} after the approval of ${state.lastReviewed}, so no sign-off ` +
      'covers the text as it stands. Make the changes and ask for a new sign-off.'
    )
  },
)

export const reviewCurrencyRules: readonly StatusRule[] = [
  reviewUnreviewedRule,
  reviewOverdueRule,
  reviewEditedRule,
  reviewDueSoonRule,
  reviewChangesRequestedRule,
]
