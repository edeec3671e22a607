import {useEffect, useMemo, useState} from 'react'
import {useDocumentStore} from 'sanity'
import type {HashableArticle} from '../../domain/content-hash.ts'
import type {ReviewState} from '../../domain/review-status.ts'
import type {ArticleReviewQueryResult} from '../../schemas/sanity.types.ts'
import {articleReview, citationLookup} from '../lib/article-review.ts'
import {STUDIO_API_VERSION} from '../lib/api.ts'
import {citedCitationIds} from '../lib/cited-citations.ts'
import {publishedId} from '../lib/ids.ts'
import {articleReviewListenQuery, articleReviewQuery} from '../lib/queries.ts'
import {localToday} from '../lib/today.ts'

/**
 * The live review state of an article as displayed. The sign-offs, cited sources and settings come from a
 * listening query (so a new sign-off updates the badge at once); the hash is recomputed locally on every edit.
 */
export function useArticleReview(article: (HashableArticle & {_id: string}) | null): ReviewState | null {
  const documentStore = useDocumentStore()
  const articleId = article ? publishedId(article._id) : null
  const citationKey = citedCitationIds(article?.body).join(',')
  const [data, setData] = useState<ArticleReviewQueryResult | null>(null)
  const [state, setState] = useState<ReviewState | null>(null)

  const params = useMemo(
    () => (articleId === null ? null : {articleId, citationIds: citationKey ? citationKey.split(',') : []}),
    [articleId, citationKey],
  )
  useEffect(() => {
    if (params === null) return undefined
    const subscription = documentStore
      .listenQuery({fetch: articleReviewQuery, listen: articleReviewListenQuery}, params, {
        apiVersion: STUDIO_API_VERSION,
        perspective: 'raw',
        throttleTime: 500,
        tag: 'vetted.review-badge',
      })
      .subscribe({next: (result: ArticleReviewQueryResult) => setData(result), error: () => setData(null)})
    return () => subscription.unsubscribe()
  }, [documentStore, params])

  useEffect(() => {
    if (!article || !data) return undefined
    let current = true
    const lookupCitation = citationLookup(data.citations)
    articleReview({article, lookupCitation, reviews: data.reviews, policy: data.policy, asOf: localToday()}).then(
      (review) => current && setState(review.state),
      () => current && setState(null),
    )
    return () => {
      current = false
    }
  }, [article, data])

  return article ? state : null
}
