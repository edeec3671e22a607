import {defineRule, type RuleIssue} from '../rule.ts'

/**
 * Where a review record comes from. `studio`: signed with the Sign off action, which records the signed-in user;
 * that user must be one the reviewer person is linked to (`sanityUserIds`), or anyone could sign in another's name.
 * `imported`: a migrated record of a past review, accepted as such. No provenance: an unsigned record (typed in,
 * or written before provenance was recorded), which nothing ties to its reviewer.
 */

export interface ReviewProvenanceValue {
  outcome?: string | null
  provenance?: string | null
  signerId?: string | null
  reviewer?: {_id: string; name?: string | null; sanityUserIds?: readonly string[] | null} | null
}

/** A Studio sign-off whose signer is not the reviewer's linked user is an error: the claim would name someone else. */
export const reviewSignerRule = defineRule<ReviewProvenanceValue>({
  id: 'review-signer',
  severity: 'error',
  description: 'A review signed in Studio was signed by a Sanity user linked to its reviewer.',
  check(review): RuleIssue[] {
    // Without a reviewer, reviewer-present speaks; there is no one to compare the signer with.
    if (review.provenance !== 'studio' || !review.reviewer) return []
    const who = review.reviewer?.name?.trim() || review.reviewer?._id || 'the reviewer'
    if (!review.signerId) {
      const message =
        `This review says it was signed in Studio but records no signer, so nothing shows that ${who} signed it. ` +
        `Ask ${who} to sign off again with “Sign off review”.`
      return [{path: ['signedBy', 'userId'], message}]
    }
    if (!(review.reviewer?.sanityUserIds ?? []).includes(review.signerId)) {
      const message =
        `This review was signed by the Sanity user ${review.signerId}, who is not linked to the reviewer ${who}. ` +
        `Only ${who} can sign off in their name: ask them to sign off, or link their user to their person document.`
      return [{path: ['signedBy', 'userId'], message}]
    }
    return []
  },
})

/** An approval with no provenance still counts (records from before provenance existed) but is reported. */
export const reviewUnsignedRule = defineRule<ReviewProvenanceValue>({
  id: 'review-unsigned',
  severity: 'warning',
  description: 'Every approved review says where it comes from: signed in Studio, or an imported record.',
  check(review): RuleIssue[] {
    if (review.outcome !== 'approved' || review.provenance === 'studio' || review.provenance === 'imported') return []
    const message =
      'Unsigned review record: this approval does not say whether it was signed in Studio or imported, so nothing ' +
      'ties it to its reviewer. Ask the reviewer to sign off again with “Sign off review”, or record it as ' +
      'imported if it was migrated.'
    return [{path: ['provenance'], message}]
  },
})
