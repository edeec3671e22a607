import {workerData} from 'piscina'
import {renderArticle} from '../render/index.ts'
import {checkArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache.ts'
import type {RunContext} from './options.ts'
import {exportArticle, workerTask} from './work.ts'

/**
 * The entry of each worker thread of `--workers N` (`poolRunner`): the run context arrives once as workerData;
 * modules (citation engines, unified processors) are loaded once per worker and reused for every article it is sent.
 */
const run = workerData as RunContext

export const exportArticleTask = workerTask((job) =>
  exportArticle(job, run, {
    validateArticle: checkArticle,
    renderArticle: (input) => renderArticle(input),
    citationCache: citationCacheStage,
  }),
)
