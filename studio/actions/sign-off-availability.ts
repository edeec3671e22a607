import type {LinkedReviewers} from './use-linked-reviewer.ts'

export interface SignOffAvailabilityInput {
  hasDocument: boolean
  /** The signed-in Studio user, as `useCurrentUser()` reports them. */
  user: {id: string; name?: string; email?: string} | null
  reviewers: LinkedReviewers
  isValidating: boolean
  errorCount: number
}

/**
 * Why the sign-off cannot be used right now, in words for the editor, or null when it can. Only a signed-in user
 * linked to exactly one medical reviewer may sign off, and only as that reviewer: trust is never granted by a name
 * someone picks. A reviewer vouches for content that is fit to publish, so an article with validation errors
 * cannot be signed off yet.
 */
export function signOffUnavailableReason(input: SignOffAvailabilityInput): string | null {
  if (!input.hasDocument) return 'Write and save the article before signing it off.'
  const {reviewers, user} = input
  if (reviewers.status === 'signed-out' || !user) return 'Sign in to the Studio as a medical reviewer to sign off.'
  if (reviewers.status === 'loading') return 'Checking whether your account belongs to a medical reviewer…'
  if (reviewers.status === 'error') return `Could not look up your medical reviewer profile: ${reviewers.message}`
  if (reviewers.reviewers.length === 0) {
    const who = user.name || user.email || 'your account'
    return (
      `Only a medical reviewer can sign off. Your Studio account (${who}, user id ${user.id}) ` +
      'is not linked to a person with the “Medical reviewer” role: ' +
      'ask an editor to add the user id to that person’s “Studio accounts”.'
    )
  }
  if (reviewers.reviewers.length > 1) {
    const names = reviewers.reviewers.map((reviewer) => reviewer.name ?? reviewer._id).join(', ')
    return (
      `Your Studio account is linked to more than one medical reviewer (${names}): ` +
      'ask an editor to keep it on one person only.'
    )
  }
  if (input.errorCount > 0) {
    const errors = input.errorCount === 1 ? '1 validation error' : `${input.errorCount} validation errors`
    return `Fix the ${errors} in the article before signing it off.`
  }
  if (input.isValidating) return 'Checking the article for errors…'
  return null
}
