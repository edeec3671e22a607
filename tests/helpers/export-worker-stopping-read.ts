import type {PoolTask, ReadTask} from '../../pipeline/export/work.ts'
import {exportArticleTask, readArticleTask as readArticles} from '../../pipeline/export/worker.ts'

/**
 * The shipped worker module, except that a worker sent the article whose id ends in `a000003` to read stops at once,
 * as one that runs out of memory or crashes would, taking the other articles it was sent with it.
 */
export {exportArticleTask}

export const readArticleTask = (posted: PoolTask<ReadTask[]>): ReturnType<typeof readArticles> => {
  if (posted.task.some((task) => task.place.id.endsWith('a000003'))) process.exit(1)
  return readArticles(posted)
}
