import type {SanityClient} from 'sanity'
import type {HashableArticle} from '../../domain/content-hash.ts'
import type {ArticleReference, PersonReference, Review} from '../../schemas/sanity.types.ts'
import {fetchContentHash} from '../lib/fetch-content-hash.ts'
import {publishedId} from '../lib/ids.ts'

export type ReviewOutcome = NonNullable<Review['outcome']>

/** What the reviewer enters in the sign-off dialog. */
export interface SignOff {
  /** `YYYY-MM-DD` */
  reviewedOn: string
  outcome: ReviewOutcome
  /** Internal; never exported. Empty means none. */
  notes: string
}

/** The signed-in Studio user, as Sanity reports them, recorded on the review. */
export interface Signer {
  userId: string
  name: string
  email: string
}

export interface CreateReviewInput {
  article: HashableArticle & {_id: string}
  isPublished: boolean
  /** The person linked to the signer's user id: the reviewer is never chosen by hand. */
  reviewerId: string
  signer: Signer
  signOff: SignOff
}

type SystemFields = '_id' | '_createdAt' | '_updatedAt' | '_rev'

export type NewReview = Omit<Review, SystemFields | 'article' | 'reviewer' | 'signedBy'> & {
  article: ArticleReference
  reviewer: PersonReference
  contentHash: string
  provenance: 'studio'
  signedBy: Signer
}

/**
 * Creates the sign-off as a published `review` document (a record of what happened, not something to edit
 * and publish later; the pipeline reads published reviews only), with its provenance: signed in Studio, by the
 * recorded user. The hash covers the article as the reviewer saw it: the draft when there is one.
 *
 * A never-published article is referenced weakly: a strong reference to a document that does not exist yet
 * would be rejected, and the review must still count once the article is published under the same id.
 */
export async function createReview(client: SanityClient, input: CreateReviewInput): Promise<NewReview> {
  const {article, isPublished, reviewerId, signer, signOff} = input
  const notes = signOff.notes.trim()
  const review: NewReview = {
    _type: 'review',
    article: {_type: 'reference', _ref: publishedId(article._id), ...(isPublished ? {} : {_weak: true})},
    reviewer: {_type: 'reference', _ref: reviewerId},
    reviewedOn: signOff.reviewedOn,
    outcome: signOff.outcome,
    contentHash: await fetchContentHash(client, article),
    provenance: 'studio',
    signedBy: {userId: signer.userId, name: signer.name, email: signer.email},
    ...(notes ? {notes} : {}),
  }
  await client.create(review)
  return review
}
