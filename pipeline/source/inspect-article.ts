import {contentHash} from '../../domain/content-hash.ts'
import {reviewState} from '../../domain/review-status.ts'
import type {ReviewState} from '../../domain/review-status.ts'
import {isRecord} from './document-walk.ts'
import type {SignerHistory} from './lake-source.ts'
import {canLookUp, publishedIdOf} from './lookup.ts'
import type {UnpublishedArticle} from './lookup.ts'
import type {SignerCheck} from './signer-history.ts'
import type {ContentSource, SourceArticle, SourceProblem, SourceSettings} from './types.ts'

/** What the pipeline sees for one article, and every reason found at the source for it not to be exported. */
export interface ArticleInspection {
  query: string
  source: string
  asOf: string
  /** The article as articleQuery returns it, or null when no published article matched. */
  article: SourceArticle | null
  contentHash: string | null
  review: ReviewState<SourceArticle['reviews'][number]> | null
  /** Drafts and release versions with the same id or slug: they are never exported. */
  unpublished: UnpublishedArticle[]
  /** Problems the source reported on this article's documents. */
  problems: SourceProblem[]
  /** Why it will not be exported, in a writer's words; empty when nothing at the source stops it. */
  notExported: string[]
  /** Worth knowing, but not a reason on its own. */
  notes: string[]
  /** Studio signers checked against the Content Lake history, when the source can and may read it. */
  signers?: SignerCheck[]
}

/**
 * Finds the article by slug or id — drafts included, to explain them — and gathers what `vetted inspect` shows.
 * Editorial checks (required fields, readability, review policy) are validation's: run `vetted validate` for them.
 */
export async function inspectArticle(
  source: ContentSource,
  slugOrId: string,
  asOf: string,
): Promise<ArticleInspection> {
  const result: ArticleInspection = {
    query: slugOrId,
    source: source.label,
    asOf,
    article: null,
    contentHash: null,
    review: null,
    unpublished: [],
    problems: [],
    notExported: [],
    notes: [],
  }
  // Asked about `drafts.x`: look up x, so the published article (if any) is shown beside its draft.
  const {published, unpublished} = await findArticle(source, publishedIdOf(slugOrId))
  result.unpublished = unpublished
  const match = published[0]
  if (published.length > 1) {
    result.notes.push(
      `${published.length} published articles match \`${slugOrId}\` (${published.map((entry) => entry._id).join(', ')}); showing ${match?._id}. Slugs must be unique: only one can be exported under it.`,
    )
  }
  if (!match) {
    result.problems = source
      .problems()
      .filter(
        (problem) => problem.documentId !== undefined && publishedIdOf(problem.documentId) === publishedIdOf(slugOrId),
      )
    if (unpublished.length > 0) {
      for (const entry of unpublished) {
        result.notExported.push(
          entry.kind === 'draft'
            ? `It exists only as a draft (\`${entry._id}\`): publish it in the Studio.`
            : `It exists only inside a release (\`${entry._id}\`): it is exported once the release is published.`,
        )
      }
    } else {
      const loadHint = result.problems.length > 0 ? ', and the problems listed for it' : ''
      result.notExported.push(
        `No article has the slug or id \`${slugOrId}\` in ${source.label}: check the spelling${loadHint}.`,
      )
    }
    noteOtherProblems(source, result)
    return result
  }

  const article = await source.getArticle(match._id)
  if (!article) {
    result.notExported.push(`\`${match._id}\` is listed but its article could not be read as published content.`)
    return result
  }
  const settings: SourceSettings | null = await source.getSettings()
  result.article = article
  result.contentHash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  result.review = reviewState({contentHash: result.contentHash, reviews: article.reviews, policy: settings, asOf})
  const signed = article.reviews.filter((review) => review.provenance === 'studio' && review.signerId)
  if (signed.length > 0) {
    const history = 'verifySigners' in source ? (source as ContentSource & SignerHistory) : null
    const checks = signed.map((review) => ({reviewId: review._id, signerId: review.signerId!}))
    const verification = history ? await history.verifySigners(checks) : null
    if (verification === null) {
      result.notes.push(
        'Studio signers cannot be verified against the document history: a local dataset has none (they are checked ' +
          'against the reviewers’ linked Sanity user ids only).',
      )
    } else if (!verification.available) {
      result.notes.push(`Studio signers cannot be verified against the Content Lake history: ${verification.reason}.`)
    } else {
      result.signers = verification.checks
      for (const check of verification.checks) {
        const signer = checks.find((entry) => entry.reviewId === check.reviewId)!.signerId
        if (check.outcome === 'mismatch') {
          result.notes.push(
            `${check.reviewId} records the signer ${signer}, but the Content Lake history shows it written by ` +
              `${check.authors.join(', ')}: the sign-off is not the reviewer's. Ask the reviewer to sign off again.`,
          )
        } else if (check.outcome === 'no-history') {
          result.notes.push(
            `${check.reviewId}: the Content Lake history has no transaction for it, so its signer cannot be verified.`,
          )
        }
      }
    }
  }
  const ids = new Set([article._id, ...article.reviews.map((review) => review._id)])
  result.problems = source
    .problems()
    .filter((problem) => problem.documentId !== undefined && ids.has(problem.documentId))

  // Values the source refused (in the article or a document it uses): each blocks it until corrected.
  for (const finding of article.decodeFindings ?? []) result.notExported.push(finding.message)
  if (!article.slug)
    result.notExported.push('It has no slug: give it one in the Studio (the slug is its address in the export).')
  if (!article.title) result.notExported.push('It has no title.')
  if (!article.body || article.body.length === 0) result.notExported.push('Its body is empty.')
  const missing = citedIds(article).filter((id) => !article.citations.some((citation) => citation._id === id))
  if (missing.length > 0) {
    result.notExported.push(
      `Its body cites ${missing.map((id) => `\`${id}\``).join(', ')}, not found among published citations: publish them or remove the markers.`,
    )
  }
  if (article.authors?.some((author) => author === null))
    result.notExported.push('An author reference points to a missing person.')
  for (const entry of unpublished) {
    if (publishedIdOf(entry._id) === article._id) {
      result.notes.push(
        entry.kind === 'draft'
          ? `A draft (\`${entry._id}\`) has unpublished changes: the export uses the published version until it is published.`
          : `Release version \`${entry._id}\` is not exported until its release is published.`,
      )
    }
  }
  noteOtherProblems(source, result)
  if (settings === null)
    result.notes.push(
      'The dataset has no settings document: defaults apply (12-month review interval, 30 days due soon).',
    )
  return result
}

function noteOtherProblems(source: ContentSource, result: ArticleInspection): void {
  const others = source.problems().length - result.problems.length
  if (others > 0)
    result.notes.push(
      `${source.label} has ${others} other problem${others === 1 ? '' : 's'} (not about this article); \`npx vetted validate\` lists them all.`,
    )
}

async function findArticle(source: ContentSource, slugOrId: string) {
  if (canLookUp(source)) return source.lookupArticle(slugOrId)
  // A source without lookup: read every article. Slow, but only inspect takes this path.
  const published: Array<{_id: string; slug: string | null}> = []
  for await (const {_id} of source.listArticles()) {
    const article = _id === slugOrId ? null : await source.getArticle(_id)
    if (_id === slugOrId || article?.slug === slugOrId) published.push({_id, slug: article?.slug ?? null})
  }
  return {published, unpublished: []}
}

/** Citation ids in the order the body's markers cite them, each once. */
export function citedIds(article: SourceArticle): string[] {
  const ids: string[] = []
  for (const block of article.body ?? []) {
    const children = isRecord(block) && block._type === 'block' && Array.isArray(block.children) ? block.children : []
    for (const child of children) {
      const citation =
        isRecord(child) && child._type === 'citationMarker' && isRecord(child.citation)
          ? child.citation._ref
          : undefined
      if (typeof citation === 'string' && !ids.includes(citation)) ids.push(citation)
    }
  }
  return ids
}
