import {workerData} from 'piscina'
import {renderArticle} from '../render/index.ts'
import {validateArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache.ts'
import type {RunContext} from './options.ts'
import type {ArticleJob, ArticleWork} from './plan.ts'
import {exportArticle} from './work.ts'

/**
 * The entry of each worker thread of `--workers N` (`poolRunner`): the run context arrives once as workerData;
 * modules (citation engines, unified processors) are loaded once per worker and reused for every article it is sent.
 */
const run = workerData as RunContext

export function exportArticleTask(job: ArticleJob): Promise<ArticleWork> {
  return exportArticle(job, run, {
    validateArticle,
    renderArticle: (input) => renderArticle(input),
    citationCache: citationCacheStage,
  })
}
