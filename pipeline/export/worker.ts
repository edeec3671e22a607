import {rmSync} from 'node:fs'
import {renderArticle} from '../render/index.ts'
import {placedArticleReader} from '../source/local-source.ts'
import type {ArticlePlace, SourceArticle} from '../source/types.ts'
import {checkArticle} from '../validate/index.ts'
import {citationCacheStage} from './citation-cache.ts'
import {runFingerprint, type RunFingerprint} from './options.ts'
import {
  exportArticle,
  oneAtATime,
  readAndWork,
  receivedSetup,
  workerTask,
  type PoolTask,
  type ReadTask,
  type ReadWork,
} from './work.ts'
import {fileSystemCode} from './release/safety.ts'

/**
 * The entry of each worker thread of `--workers N` (`poolRunner`): modules (citation engines, unified processors)
 * are loaded once per worker as it starts, maybe before the run's source is open, and reused for every article it is
 * sent; the run context arrives with the first task (`receivedSetup`).
 */
const stages = {
  validateArticle: checkArticle,
  renderArticle: renderArticle,
  citationCache: citationCacheStage,
}
// One article at a time, whether it was sent or is read here.
const serial = oneAtATime()

export const exportArticleTask = workerTask((job, run) => exportArticle(job, run, stages), serial)

let reading: {read: (place: ArticlePlace) => Promise<SourceArticle | null>; fingerprint: RunFingerprint} | null = null

/**
 * `READ_TASK`: articles this worker reads, prepares and works on itself (`readAndWork`), one after the other, answered
 * together. One that fails is left to the export thread (`here`); a filesystem error (a full disk) fails them all.
 */
export const readArticleTask = serial(async ({setup, task: tasks}: PoolTask<ReadTask[]>): Promise<ReadWork[]> => {
  const {run, reader} = receivedSetup(setup)
  if (reader === undefined) throw new Error('This worker was given no reader: it is sent articles (exportArticleTask).')
  reading ??= {read: placedArticleReader(reader), fingerprint: runFingerprint(run)}
  const answers: ReadWork[] = []
  for (const task of tasks) {
    try {
      answers.push(await readAndWork(task, run, stages, reading.read, reading.fingerprint))
    } catch (error) {
      if (fileSystemCode(error) !== null) throw error
      // What was written of it goes: the export thread writes every file afresh where the plan puts them.
      rmSync(task.dir, {recursive: true, force: true})
      answers.push({kind: 'here'})
    }
  }
  return answers
})
