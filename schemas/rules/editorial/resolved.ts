import type {ArticleQueryResult} from '../../sanity.types.ts'

/**
 * An article with its references resolved, as the pipeline's `articleQuery` returns it. Document-level
 * editorial rules need the authors, reviews and citations themselves, which Studio fields do not have.
 */
export type ResolvedArticle = NonNullable<ArticleQueryResult>
export type ResolvedPerson = NonNullable<ResolvedArticle['authors']>[number]
export type ResolvedCitation = ResolvedArticle['citations'][number]
export type ResolvedReview = ResolvedArticle['reviews'][number]
