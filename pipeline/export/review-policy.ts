import {isIsoDate} from '../../domain/dates.ts'
import {REVIEW_STATUSES, type ReviewStatus} from '../../domain/review-status.ts'
import {diagnostic, type Diagnostic} from '../diagnostic.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import type {ManifestArticle} from './release/manifest.ts'

/**
 * The publication policy: what the export does with an article, given its review status. It decides only whether
 * the rendered bundle goes out; what the bundle says is decided by the status alone (a review claim only when an
 * approval covers the text, a notice otherwise), so no policy can make an output claim more than is true.
 *
 * - `publish`, `publish-with-notice`: render and publish. Both publish the same bytes: a status that has a notice
 *   (overdue, edited since review, changes requested, never reviewed) always carries it; the two names say what
 *   a reader sees.
 * - `keep-last-reviewed`: do not publish this text; keep the live release's bundle of this article if its content
 *   hash is one an approval covers, else block.
 * - `block`: publish nothing for this article (no earlier bundle is kept either).
 *
 * Validation still runs its own severities (`--severity`, settings' reviewSeverity): an error blocks whatever the
 * policy says.
 */

export type PublicationAction = 'publish' | 'publish-with-notice' | 'keep-last-reviewed' | 'block'

export const PUBLICATION_ACTIONS: readonly PublicationAction[] = [
  'publish',
  'publish-with-notice',
  'keep-last-reviewed',
  'block',
]

export type PublicationPolicy = Record<ReviewStatus, PublicationAction>

export const DEFAULT_PUBLICATION_POLICY: Readonly<PublicationPolicy> = {
  current: 'publish',
  'due-soon': 'publish',
  overdue: 'publish-with-notice',
  'edited-since-review': 'publish-with-notice',
  'changes-requested': 'publish-with-notice',
  // Never reviewed is blocked by validation by default (review-unreviewed is an error); the policy does not repeat it.
  unreviewed: 'publish-with-notice',
}

/** The settings' field names for the statuses (Sanity field names cannot contain hyphens). */
const SETTINGS_FIELDS: Record<string, ReviewStatus> = {
  current: 'current',
  dueSoon: 'due-soon',
  overdue: 'overdue',
  editedSinceReview: 'edited-since-review',
  changesRequested: 'changes-requested',
  unreviewed: 'unreviewed',
}

/** The defaults, then the settings' `publicationPolicy`, then the run's `--policy` over both. */
export function publicationPolicy(
  settings: SourceSettings | null,
  overrides: Partial<PublicationPolicy> = {},
): PublicationPolicy {
  const policy: PublicationPolicy = {...DEFAULT_PUBLICATION_POLICY}
  const configured: Record<string, unknown> = settings?.publicationPolicy ?? {}
  for (const [field, status] of Object.entries(SETTINGS_FIELDS)) {
    const action = configured[field]
    if (isPublicationAction(action)) policy[status] = action
  }
  for (const status of REVIEW_STATUSES) {
    const action = overrides[status]
    if (action) policy[status] = action
  }
  return policy
}

export function isPublicationAction(value: unknown): value is PublicationAction {
  return (PUBLICATION_ACTIONS as readonly unknown[]).includes(value)
}

export type PublicationDecision =
  | {kind: 'publish'}
  /** Keep `previous`'s files; the finding says so. */
  | {kind: 'keep'; previous: ManifestArticle; contentHash: string; finding: Diagnostic}
  | {kind: 'block'; finding: Diagnostic}

/**
 * What the policy says for one article, given the live release's entry for it. A kept bundle must be one whose
 * content hash an approval (dated on or before `asOf`, not followed by a request for changes to that same text)
 * covers: it then says "Medically reviewed by" truthfully of its own text.
 */
export function decidePublication(input: {
  /** The article and its review state, as the plan prepared them. */
  prepared: {article: Pick<SourceArticle, '_id' | 'reviews'>; review: {status: ReviewStatus}}
  policy: PublicationPolicy
  previous: ManifestArticle | undefined
  asOf: string
}): PublicationDecision {
  const {prepared, policy, previous, asOf} = input
  const {article, review} = prepared
  const status = review.status
  const action = policy[status]
  if (action === 'publish' || action === 'publish-with-notice') return {kind: 'publish'}
  if (action === 'block') {
    return {
      kind: 'block',
      finding: policyFinding(
        article,
        'error',
        `The publication policy blocks articles whose review status is ${status}, so it is not published. ` +
          `Ask a medical reviewer to sign off the text, or change the policy (settings or --policy ${status}=…).`,
      ),
    }
  }
  const kept = previous === undefined ? null : bundleContentHash(previous)
  if (previous !== undefined && kept !== null && coveredContentHashes(article.reviews, asOf).has(kept)) {
    return {
      kind: 'keep',
      previous,
      contentHash: kept,
      finding: policyFinding(
        article,
        'warning',
        `The review status is ${status} and the publication policy keeps the last reviewed version: the bundle of ` +
          `revision ${keptRevisionOf(previous)}, whose text an approval covers, stays published. ` +
          'Ask a medical reviewer to sign off the text as it stands to publish it.',
      ),
    }
  }
  return {
    kind: 'block',
    finding: policyFinding(
      article,
      'error',
      `The review status is ${status} and the publication policy keeps the last reviewed version, but no earlier ` +
        'published version of this article is one an approval covers, so nothing is published. ' +
        'Ask a medical reviewer to sign off the text.',
    ),
  }
}

function keptRevisionOf(previous: ManifestArticle): string {
  return previous.status === 'kept' ? (previous.keptRevision ?? previous.revision) : previous.revision
}

/** The content hash of the text a manifest entry's files show: the entry's own, or for a kept entry the kept one's. */
export function bundleContentHash(entry: ManifestArticle): string | null {
  if (entry.status === 'exported') return entry.contentHash
  if (entry.status === 'kept') return entry.keptContentHash ?? null
  return null
}

/** Content hashes an approved review covers as of `asOf`, less those a later request for changes took back. */
export function coveredContentHashes(reviews: SourceArticle['reviews'], asOf: string): Set<string> {
  const dated = reviews.filter(
    (review) => isIsoDate(review.reviewedOn) && review.reviewedOn! <= asOf && review.contentHash,
  )
  const covered = new Set<string>()
  for (const review of dated) {
    if (review.outcome !== 'approved') continue
    const withdrawn = dated.some(
      (other) =>
        other.outcome === 'changesRequested' &&
        other.contentHash === review.contentHash &&
        other.reviewedOn! > review.reviewedOn!,
    )
    if (!withdrawn) covered.add(review.contentHash!)
  }
  return covered
}

function policyFinding(
  article: Pick<SourceArticle, '_id'>,
  severity: 'error' | 'warning',
  message: string,
): Diagnostic {
  const ruleId = severity === 'error' ? 'review-policy-blocked' : 'review-policy-kept'
  return diagnostic({ruleId, severity, place: {documentId: article._id, path: []}, message, source: 'vetted:export'})
}
