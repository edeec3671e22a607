import {contentHash as reviewableContentHash} from '../../schemas/rules/content-hash.ts'
import {reviewState} from '../../schemas/rules/review-status.ts'
import type {SourceArticle} from '../source/types.ts'
import type {ArticleReview, RunContext, RunFingerprint} from './options.ts'
import {sha256} from './release/files.ts'
import type {ManifestArticle} from './release/manifest.ts'

/**
 * The cheap part done for every article read before anything is rendered: fingerprints and the review state; and
 * the read-ahead that keeps the source busy meanwhile.
 */

export interface PreparedArticle {
  article: SourceArticle
  sourceHash: string
  contentHash: string
  review: ArticleReview
  inputHash: string
}

/**
 * The reviewable-content hash is taken from the previous manifest when the resolved article is byte-for-byte the
 * same. The source hash is plain `JSON.stringify`: a source that reorders keys only costs a re-render, never a wrong
 * reuse, and it is several times faster than canonical JSON on 10,000 articles.
 */
export async function prepareArticle(
  article: SourceArticle,
  run: RunContext,
  fingerprint: RunFingerprint,
  previous: ManifestArticle | undefined,
): Promise<PreparedArticle> {
  const source = sha256(JSON.stringify(article))
  const content =
    previous && previous.sourceHash === source
      ? previous.contentHash
      : await reviewableContentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: content, reviews: article.reviews, policy: run.settings, asOf: run.asOf})
  return {article, sourceHash: source, contentHash: content, review, inputHash: fingerprint.inputHash(source, review)}
}

/**
 * Loads items a few ahead of the one being used, and yields them in order: a Content Lake source answers one
 * article per round trip, so waiting for each in turn would make latency, not work, the export's pace.
 */
export async function* prefetch<T, R>(items: readonly T[], ahead: number, load: (item: T) => Promise<R>): AsyncGenerator<[T, R]> {
  const pending: Array<Promise<R>> = []
  let next = 0
  const fill = (): void => {
    while (next < items.length && pending.length < ahead) {
      const promise = load(items[next++] as T)
      // Handled here so a failure ahead of its turn is not "unhandled"; it is rethrown when its turn comes.
      promise.catch(() => {})
      pending.push(promise)
    }
  }
  for (let index = 0; index < items.length; index++) {
    fill()
    const value = await (pending.shift() as Promise<R>)
    yield [items[index] as T, value]
  }
}
