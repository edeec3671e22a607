import {workerData} from 'piscina'
import {exportArticle, fromWire} from '../../pipeline/export/work.ts'
import type {RunContext} from '../../pipeline/export/options.ts'
import type {ArticleWork, WireJob} from '../../pipeline/export/plan.ts'
import {testStages} from './export-doubles.ts'

/** A worker module for the worker-pool tests: the per-article work with the test stand-ins. */
const stages = testStages()

export function exportArticleTask(wire: WireJob): Promise<ArticleWork> {
  const job = fromWire(wire)
  return exportArticle(job, workerData as RunContext, stages)
}
