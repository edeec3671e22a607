import {contentHash as reviewableContentHash} from '../../schemas/rules/content-hash.ts'
import {reviewState} from '../../schemas/rules/review-status.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import {inputHash, sourceHash} from './hashes.ts'
import type {PublicationPolicy} from './review-policy.ts'
import type {ArticleReview, Format, ManifestArticle} from './types.ts'

export interface PreparedArticle {
  article: SourceArticle
  sourceHash: string
  contentHash: string
  review: ArticleReview
  inputHash: string
}

export interface PrepareContext {
  settings: SourceSettings | null
  asOf: string
  rendererVersion: string
  strict: boolean
  formats: readonly Format[]
  datasetLabel: string
  /** The run's review severities and publication policy: they decide what is published, so reuse keys on them. */
  severity?: ReviewSeverity
  policy?: PublicationPolicy
}

/**
 * The cheap part done for every article before anything is rendered: fingerprints and the review state. The
 * reviewable-content hash is taken from the previous manifest when the resolved article is byte-for-byte the same.
 */
export async function prepareArticle(article: SourceArticle, context: PrepareContext, previous: ManifestArticle | undefined): Promise<PreparedArticle> {
  const source = sourceHash(article)
  const content =
    previous && previous.sourceHash === source
      ? previous.contentHash
      : await reviewableContentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: content, reviews: article.reviews, policy: context.settings, asOf: context.asOf})
  const input = inputHash({
    sourceHash: source,
    settings: context.settings,
    review,
    asOf: context.asOf,
    rendererVersion: context.rendererVersion,
    strict: context.strict,
    formats: context.formats,
    datasetLabel: context.datasetLabel,
    severity: context.severity ?? null,
    policy: context.policy ?? null,
  })
  return {article, sourceHash: source, contentHash: content, review, inputHash: input}
}
