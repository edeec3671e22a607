import type {MedicalReviewers} from './use-medical-reviewers.ts'

export interface SignOffAvailabilityInput {
  hasDocument: boolean
  reviewers: MedicalReviewers
  isValidating: boolean
  errorCount: number
}

/**
 * Why the sign-off cannot be used right now, in words for the editor, or null when it can. A reviewer vouches
 * for content that is fit to publish, so an article with validation errors cannot be signed off yet.
 */
export function signOffUnavailableReason(input: SignOffAvailabilityInput): string | null {
  if (!input.hasDocument) return 'Write and save the article before signing it off.'
  if (input.reviewers.status === 'loading') return 'Loading the medical reviewers…'
  if (input.reviewers.status === 'error') return `Could not load the medical reviewers: ${input.reviewers.message}`
  if (input.reviewers.reviewers.length === 0) {
    return 'No medical reviewers yet: add a person with the “Medical reviewer” role, then sign off.'
  }
  if (input.errorCount > 0) {
    const errors = input.errorCount === 1 ? '1 validation error' : `${input.errorCount} validation errors`
    return `Fix the ${errors} in the article before signing it off.`
  }
  if (input.isValidating) return 'Checking the article for errors…'
  return null
}
