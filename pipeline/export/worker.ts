import {workerData} from 'piscina'
import {renderArticle} from '../render/index.ts'
import {checkArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache.ts'
import type {RunContext} from './options.ts'
import type {ArticleWork, WireJob} from './plan.ts'
import {exportArticle, fromWire} from './work.ts'

/**
 * The entry of each worker thread of `--workers N` (`poolRunner`): the run context arrives once as workerData;
 * modules (citation engines, unified processors) are loaded once per worker and reused for every article it is sent.
 */
const run = workerData as RunContext

export function exportArticleTask(job: WireJob): Promise<ArticleWork> {
  return exportArticle(fromWire(job), run, {
    validateArticle: checkArticle,
    renderArticle: (input) => renderArticle(input),
    citationCache: citationCacheStage,
  })
}
