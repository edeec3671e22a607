import {renderArticle, type RenderInput} from '../pipeline/render/index.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {contentHash} from '../domain/content-hash.ts'
import {reviewState} from '../domain/review-status.ts'

/** Bundled for the browser by render-browser.test.ts: the same steps as renderForTest, with nothing from Node. */
async function renderInBrowser(
  article: SourceArticle,
  settings: SourceSettings | null,
  asOf: string,
  datasetLabel: string,
  images?: RenderInput['images'],
) {
  const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf})
  const input = {article, settings, review, contentHash: hash, asOf, datasetLabel, ...(images ? {images} : {})}
  const {files, messages} = await renderArticle(input)
  return {files, messages: messages.map((message) => message.ruleId)}
}

;(globalThis as unknown as {renderInBrowser: typeof renderInBrowser}).renderInBrowser = renderInBrowser
