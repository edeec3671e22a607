import {workerData} from 'piscina'
import {renderArticle} from '../render/index.ts'
import {validateArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache-stage.ts'
import {exportArticle} from './export-article.ts'
import type {ArticleContext, ArticleJob, ArticleWork} from './export-article.ts'

/**
 * Runs in each worker thread of `--workers N`: the context arrives once as workerData; modules (citation engines,
 * unified processors) are loaded once per worker and reused for every article it is sent.
 */
const context = workerData as ArticleContext

export function exportArticleTask(job: ArticleJob): Promise<ArticleWork> {
  return exportArticle(job, context, {validateArticle, renderArticle: (input) => renderArticle(input), citationCache: citationCacheStage})
}
