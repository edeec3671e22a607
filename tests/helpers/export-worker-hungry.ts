import {exportArticle, workerTask} from '../../pipeline/export/work.ts'
import {testStages} from './export-doubles.ts'

/** A worker module whose work on one article (the first by id) keeps allocating until the worker's heap limit ends it. */
const stages = testStages()

export const exportArticleTask = workerTask((job, run) => {
  if (job.article._id.endsWith('a000001')) {
    const hoard: string[][] = []
    for (;;) hoard.push(Array.from({length: 100_000}, (_, index) => `${index}`.repeat(8)))
  }
  return exportArticle(job, run, stages)
})
