import {workerData} from 'piscina'
import {renderArticle} from '../render/index.ts'
import {placedArticleReader} from '../source/local-source.ts'
import type {ArticlePlace, SourceArticle} from '../source/types.ts'
import {checkArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache.ts'
import {runFingerprint} from './options.ts'
import {exportArticle, oneAtATime, readAndWork, workerTask, type ReadTask, type WorkerData} from './work.ts'

/**
 * The entry of each worker thread of `--workers N` (`poolRunner`): the run context arrives once as workerData;
 * modules (citation engines, unified processors) are loaded once per worker and reused for every article it is sent.
 */
const {reader, ...run} = workerData as WorkerData
const stages = {
  validateArticle: checkArticle,
  renderArticle: renderArticle,
  citationCache: citationCacheStage,
}
// One article at a time, whether it was sent or is read here.
const serial = oneAtATime()

export const exportArticleTask = workerTask((job) => exportArticle(job, run, stages), serial)

const fingerprint = runFingerprint(run)
let read: ((place: ArticlePlace) => Promise<SourceArticle | null>) | null = null

/** `READ_TASK`: an article this worker reads, prepares and works on itself (`readAndWork`). */
export const readArticleTask = serial((task: ReadTask) => {
  if (reader === undefined) throw new Error('This worker was given no reader: it is sent articles (exportArticleTask).')
  read ??= placedArticleReader(reader)
  return readAndWork(task, run, stages, read, fingerprint)
})
