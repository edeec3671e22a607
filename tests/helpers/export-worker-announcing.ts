import {appendFileSync} from 'node:fs'
import {exportArticle, workerTask} from '../../pipeline/export/work.ts'
import {testStages} from './export-doubles.ts'

/**
 * A worker module that says when it has loaded: a line in the file VETTED_TEST_WORKER_LOG names (the environment is
 * the test's, copied when the thread started). The work is the test stand-ins'.
 */
const log = process.env.VETTED_TEST_WORKER_LOG
if (log) appendFileSync(log, `${process.pid} loaded\n`)
const stages = testStages()

export const exportArticleTask = workerTask((job, run) => exportArticle(job, run, stages))
