import type {ReviewState} from '../../domain/review-status.ts'

export interface ReviewBadge {
  label: string
  title: string
  color: 'primary' | 'success' | 'warning' | 'danger'
}

/** How a review state reads on the article's badge: the status and the next review date, in plain words. */
export function reviewBadge(state: ReviewState): ReviewBadge {
  const last = state.lastReviewed ? ` Last approved review: ${state.lastReviewed}.` : ''
  switch (state.status) {
    case 'overdue':
      return {
        label: `Review overdue since ${state.nextReviewDue}`,
        title: `The medical review lapsed on ${state.nextReviewDue}.${last} Ask a medical reviewer to review and sign off again.`,
        color: 'danger',
      }
    case 'edited-since-review':
      return {
        label: `Edited since review · next review ${state.nextReviewDue}`,
        title: `The title, summary, body, citations or safety notice changed after the last approved review.${last} Ask a medical reviewer to sign off the new text.`,
        color: 'warning',
      }
    case 'changes-requested':
      return {
        label: `Changes requested ${state.changesRequestedOn ?? ''}`.trimEnd(),
        title:
          `A medical reviewer asked for changes after the last approval.${last} ` +
          'The approval no longer covers this text: make the changes and ask for a new sign-off.',
        color: 'danger',
      }
    case 'due-soon':
      return {
        label: `Review due ${state.nextReviewDue}`,
        title: `The next medical review is due on ${state.nextReviewDue} (in ${state.daysUntilDue} days).${last}`,
        color: 'warning',
      }
    case 'current':
      return {
        label: `Reviewed · next review ${state.nextReviewDue}`,
        title: `The medical review is current.${last} Next review due ${state.nextReviewDue}.`,
        color: 'success',
      }
    case 'unreviewed':
      return state.changesRequestedSince
        ? {
            label: 'Not approved · changes requested',
            title: 'A medical reviewer asked for changes and has not approved the article yet.',
            color: 'danger',
          }
        : {
            label: 'Never reviewed',
            title:
              'No medical reviewer has approved this article yet. Use “Sign off review” once it has been reviewed.',
            color: 'primary',
          }
  }
}
