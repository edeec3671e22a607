import {contentHash} from '../../domain/content-hash.ts'
import {reviewState, type ReviewStatus} from '../../domain/review-status.ts'
import type {ContentSource, SourceArticle, SourceProblem} from '../source/types.ts'
import type {ArticleValidation, ReviewSeverity} from './types.ts'
import {validateArticle} from './validate-article.ts'

export interface ValidatedArticle {
  documentId: string
  slug: string | null
  status: ReviewStatus
  validation: ArticleValidation
}

export interface SourceValidation {
  label: string
  asOf: string
  articles: ValidatedArticle[]
  problems: SourceProblem[]
}

export interface ValidateSourceOptions {
  asOf: string
  strict?: boolean
  severity?: ReviewSeverity
}

/**
 * Validates every published article of a source, in `_id` order. Articles are read first and validated after,
 * because slug uniqueness needs every article's slug.
 */
export async function validateSource(source: ContentSource, options: ValidateSourceOptions): Promise<SourceValidation> {
  const settings = await source.getSettings()
  const articles: SourceArticle[] = []
  for await (const {_id} of source.listArticles()) {
    const article = await source.getArticle(_id)
    if (article) articles.push(article)
  }
  const slugOwners = new Map<string, string[]>()
  for (const article of articles) {
    if (article.slug) slugOwners.set(article.slug, [...(slugOwners.get(article.slug) ?? []), article._id])
  }
  const results: ValidatedArticle[] = []
  for (const article of articles) {
    const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
    const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf: options.asOf})
    const validation = validateArticle({
      article,
      settings,
      review,
      contentHash: hash,
      asOf: options.asOf,
      strict: options.strict,
      severity: options.severity,
      slugOwners,
    })
    results.push({documentId: article._id, slug: article.slug, status: review.status, validation})
  }
  return {label: source.label, asOf: options.asOf, articles: results, problems: source.problems()}
}
