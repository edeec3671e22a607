import {workerData} from 'piscina'
import {exportArticle} from '../../pipeline/export/work.ts'
import type {RunContext} from '../../pipeline/export/options.ts'
import type {ArticleJob, ArticleWork} from '../../pipeline/export/plan.ts'
import {testStages} from './export-doubles.ts'

/** A worker module for the worker-pool tests: the per-article work with the test stand-ins. */
const stages = testStages()

export function exportArticleTask(job: ArticleJob): Promise<ArticleWork> {
  return exportArticle(job, workerData as RunContext, stages)
}
