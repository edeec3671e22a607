import {type CitationLookup, contentHash, type HashableArticle} from '../../domain/content-hash.ts'
import {reviewState, type ReviewPolicy, type ReviewRecord, type ReviewState} from '../../domain/review-status.ts'

export interface ArticleReviewInput<R extends ReviewRecord> {
  /** The article as displayed: its draft when there is one, else the published document. */
  article: HashableArticle
  /** Finds a source by id, as `articleReviewQuery`/`reviewQueueQuery` project it (the pipeline's projection). */
  lookupCitation: CitationLookup
  reviews: readonly R[]
  policy: ReviewPolicy | null
  asOf: string
}

export interface ArticleReview<R extends ReviewRecord> {
  contentHash: string
  state: ReviewState<R>
}

/**
 * The review status of one article, computed exactly as the pipeline does: `contentHash()` over the article
 * and its cited sources, then the one `reviewState()` function. Studio code never decides a status itself.
 */
export async function articleReview<R extends ReviewRecord>(input: ArticleReviewInput<R>): Promise<ArticleReview<R>> {
  const hash = await contentHash(input.article, input.lookupCitation)
  return {
    contentHash: hash,
    state: reviewState({contentHash: hash, reviews: input.reviews, policy: input.policy, asOf: input.asOf}),
  }
}

/** A lookup over fetched sources, by `_id`. */
export function citationLookup(citations: ReadonlyArray<{_id: string} & Record<string, unknown>>): CitationLookup {
  const byId = new Map(citations.map((citation) => [citation._id, citation]))
  return (id) => byId.get(id)
}
