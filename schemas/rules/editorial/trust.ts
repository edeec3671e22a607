import {daysBetween, isIsoDate} from '../../../domain/dates.ts'
import {defineRule, type RuleIssue} from '../rule.ts'
import type {ResolvedPerson, ResolvedReview} from './resolved.ts'

/**
 * Trust metadata a reader relies on: who wrote it, when it was published and edited, and a review that
 * could have seen the content. Field-level checks (date format, date order, roles) are the schema's rules;
 * these need the resolved article and the as-of date.
 */

/** A byline is the first thing a reader checks; a dangling author would print an empty name. */
export const authorRequiredRule = defineRule<ReadonlyArray<ResolvedPerson | null> | null | undefined>({
  id: 'author-required',
  severity: 'error',
  description: 'The article has at least one published author, and every author reference resolves.',
  check(authors) {
    const list = authors ?? []
    const issues: RuleIssue[] = []
    list.forEach((author, index) => {
      if (author === null) {
        issues.push({
          path: [index],
          message:
            'This author points to a person that does not exist or is not published. Publish the person, or choose the author again.',
        })
      }
    })
    if (!list.some((author) => author !== null)) {
      issues.push({
        message:
          'The article has no author. Add the writer under “Authors and dates”; readers and search engines look for a named author.',
      })
    }
    return issues
  },
})

export interface ArticleDates {
  publishedAt: string | null | undefined
  lastEditedAt: string | null | undefined
}

/** Dates after the as-of date are either typing mistakes or an article that is not published yet. */
export const publicationDatesRule = defineRule<ArticleDates, {asOf: string}>({
  id: 'publication-dates',
  severity: 'error',
  description: 'The article has a published date, and neither it nor the last-edited date is after the as-of date.',
  check({publishedAt, lastEditedAt}, {asOf}) {
    const issues: RuleIssue[] = []
    if (publishedAt === null || publishedAt === undefined || publishedAt === '') {
      issues.push({
        path: ['publishedAt'],
        message: 'The article has no published date. Set the date it was first published under “Authors and dates”.',
      })
    } else if (isIsoDate(publishedAt) && publishedAt > asOf) {
      issues.push({
        path: ['publishedAt'],
        message: `The published date ${publishedAt} is after ${asOf}, the date this check runs for. Correct the date, or wait until the article is published.`,
      })
    }
    if (isIsoDate(lastEditedAt) && lastEditedAt > asOf) {
      issues.push({
        path: ['lastEditedAt'],
        message: `The last-edited date ${lastEditedAt} is after ${asOf}, the date this check runs for. Set the date of the last substantive edit.`,
      })
    }
    return issues
  },
})

/**
 * How long before publication a sign-off is still plausible. Reviews normally happen shortly before an
 * article goes live (the reference article was reviewed and published the same day); content reviewed a
 * year before it existed publicly is almost always a mistyped year or a review filed against the wrong
 * article. The Content Lake's `_createdAt` would be a sharper bound, but imports and migrations reset it.
 */
export const PRE_PUBLICATION_REVIEW_DAYS = 180

export const reviewTimingRule = defineRule<ResolvedReview, {publishedAt: string | null | undefined; asOf: string}>({
  id: 'review-timing',
  severity: 'error',
  description: `A review is dated on or before the as-of date, and at most ${PRE_PUBLICATION_REVIEW_DAYS} days before the article was published.`,
  check(review, {publishedAt, asOf}) {
    const reviewedOn = review.reviewedOn
    if (!isIsoDate(reviewedOn)) return []
    // A changes-requested review vouches for nothing, so a wrong date there misleads nobody: a warning.
    const severity = review.outcome === 'approved' ? 'error' : 'warning'
    if (reviewedOn > asOf) {
      return [
        {
          path: ['reviewedOn'],
          severity: 'warning',
          message: `This review is dated ${reviewedOn}, after ${asOf}, so it does not count yet. If the date is a typing mistake, correct it.`,
        },
      ]
    }
    if (isIsoDate(publishedAt) && daysBetween(reviewedOn, publishedAt) > PRE_PUBLICATION_REVIEW_DAYS) {
      return [
        {
          path: ['reviewedOn'],
          severity,
          message: `This review is dated ${reviewedOn}, more than ${PRE_PUBLICATION_REVIEW_DAYS} days before the article was published (${publishedAt}). Check the review date, and that the review belongs to this article.`,
        },
      ]
    }
    return []
  },
})

/** A sign-off whose reviewer cannot be found vouches for nothing: the byline would name no one. */
export const reviewerPresentRule = defineRule<ResolvedReview>({
  id: 'reviewer-present',
  severity: 'error',
  description: 'Every review names a published reviewer.',
  check(review) {
    if (review.reviewer !== null) return []
    return [
      {
        path: ['reviewer'],
        message:
          'This review has no reviewer, or its reviewer is not published. Choose the medical reviewer who signed off, and publish their person page.',
      },
    ]
  },
})
