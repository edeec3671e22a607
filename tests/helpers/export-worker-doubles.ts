import {exportArticle, workerTask} from '../../pipeline/export/work.ts'
import {testStages} from './export-doubles.ts'

/** A worker module for the worker-pool tests: the per-article work with the test stand-ins. */
const stages = testStages()

export const exportArticleTask = workerTask((job, run) => exportArticle(job, run, stages))
