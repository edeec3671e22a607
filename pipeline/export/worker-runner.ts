import {Piscina} from 'piscina'
import type {ArticleRunner} from './article-runner.ts'
import type {ArticleContext, ArticleJob, ArticleWork} from './export-article.ts'

/** The task name a worker module exports (named exports only: piscina calls `module[name]`). */
export const WORKER_TASK = 'exportArticleTask'

/**
 * Runs the per-article work in a pool of worker threads. Each worker receives the shared context once (as
 * `workerData`), builds its stage functions once (citation engines, processors), and is sent one article at a time;
 * it writes the files itself and returns only their hashes and the findings, so bundles never travel back.
 */
export function workerRunner(options: {workers: number; context: ArticleContext; workerModule: URL}): ArticleRunner {
  const pool = new Piscina<ArticleJob, ArticleWork>({
    filename: options.workerModule.href,
    name: WORKER_TASK,
    minThreads: options.workers,
    maxThreads: options.workers,
    workerData: options.context,
    idleTimeout: 1000,
  })
  return {
    // Enough queued per worker that none waits for the main thread, few enough to keep memory flat.
    concurrency: options.workers * 4,
    run: (job) => pool.run(job),
    close: () => pool.destroy(),
  }
}
