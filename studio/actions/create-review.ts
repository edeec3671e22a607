import type {SanityClient} from 'sanity'
import type {HashableArticle} from '../../domain/content-hash.ts'
import type {ArticleReference, PersonReference, Review} from '../../schemas/sanity.types.ts'
import {fetchContentHash} from '../lib/fetch-content-hash.ts'
import {publishedId} from '../lib/ids.ts'

export type ReviewOutcome = NonNullable<Review['outcome']>

export interface SignOff {
  reviewerId: string
  /** `YYYY-MM-DD` */
  reviewedOn: string
  outcome: ReviewOutcome
  /** Internal; never exported. Empty means none. */
  notes: string
}

export type NewReview = Omit<Review, '_id' | '_createdAt' | '_updatedAt' | '_rev' | 'article' | 'reviewer'> & {
  article: ArticleReference
  reviewer: PersonReference
  contentHash: string
}

/**
 * Creates the sign-off as a published `review` document (a record of what happened, not something to edit
 * and publish later; the pipeline reads published reviews only). The hash covers the article as the
 * reviewer saw it: the draft when there is one.
 *
 * A never-published article is referenced weakly: a strong reference to a document that does not exist yet
 * would be rejected, and the review must still count once the article is published under the same id.
 */
export async function createReview(
  client: SanityClient,
  article: HashableArticle & {_id: string},
  isPublished: boolean,
  signOff: SignOff,
): Promise<NewReview> {
  const notes = signOff.notes.trim()
  const review: NewReview = {
    _type: 'review',
    article: {_type: 'reference', _ref: publishedId(article._id), ...(isPublished ? {} : {_weak: true})},
    reviewer: {_type: 'reference', _ref: signOff.reviewerId},
    reviewedOn: signOff.reviewedOn,
    outcome: signOff.outcome,
    contentHash: await fetchContentHash(client, article),
    ...(notes ? {notes} : {}),
  }
  await client.create(review)
  return review
}
