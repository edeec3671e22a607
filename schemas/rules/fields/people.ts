import {defineLookupRule, type LinkedDocument, itemSegment, referenceId} from '../lookup.ts'
import type {RuleIssue} from '../rule.ts'

function nameOf(person: LinkedDocument): string {
  return person.name?.trim() || person._id
}

/** Bylines credit writers; a reviewer-only person listed as author would misstate who wrote the text. */
export const authorRoleRule = defineLookupRule<readonly unknown[] | null | undefined>({
  id: 'author-role',
  severity: 'error',
  description: 'Every author is a person with the Writer role.',
  referencedIds: (authors) => (Array.isArray(authors) ? authors.map(referenceId).filter((id) => id !== undefined) : []),
  check(authors, lookup) {
    if (!Array.isArray(authors)) return []
    return authors.flatMap((author, index): RuleIssue[] => {
      const id = referenceId(author)
      if (!id) return []
      const path = [itemSegment(author, index)]
      const person = lookup.getDocument(id)
      if (!person || person._type !== 'person') {
        return [
          {
            path,
            message: `This author (${id}) does not exist or is not published. Publish the person, or choose another author.`,
          },
        ]
      }
      if (person.roles?.includes('writer')) return []
      return [
        {
          path,
          message: `${nameOf(person)} does not have the Writer role. Add Writer to their roles on their person page, or remove them from the authors.`,
        },
      ]
    })
  },
})

/** The sign-off is only worth something if a credentialled medical reviewer gave it. */
export const reviewerQualifiedRule = defineLookupRule<unknown>({
  id: 'reviewer-qualified',
  severity: 'error',
  description: 'The reviewer of a review has the Medical reviewer role and credentials.',
  referencedIds: (reviewer) => {
    const id = referenceId(reviewer)
    return id ? [id] : []
  },
  check(reviewer, lookup) {
    const id = referenceId(reviewer)
    if (!id) return []
    const person = lookup.getDocument(id)
    if (!person || person._type !== 'person') {
      return [
        {
          message: `The reviewer (${id}) does not exist or is not published. Publish the person, or choose another reviewer.`,
        },
      ]
    }
    const issues: RuleIssue[] = []
    if (!person.roles?.includes('medicalReviewer')) {
      issues.push({
        message: `${nameOf(person)} does not have the Medical reviewer role. Choose a medical reviewer, or add the role on their person page if they are one.`,
      })
    }
    if (!person.credentials?.trim()) {
      issues.push({
        message: `${nameOf(person)} has no credentials on their person page. Add them (such as MD or MA, LPCC) before they sign off reviews.`,
      })
    }
    return issues
  },
})
