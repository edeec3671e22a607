import {Piscina} from 'piscina'
import type {ArticleRunner} from './article-runner.ts'
import type {ArticleContext, ArticleJob, ArticleWork} from './export-article.ts'
import type {ExportFinding} from './types.ts'

/** The task name a worker module exports (named exports only: piscina calls `module[name]`). */
export const WORKER_TASK = 'exportArticleTask'

/**
 * Runs the per-article work in a pool of worker threads. Each worker receives the shared context once (as
 * `workerData`), builds its stage functions once (citation engines, processors), and is sent one article at a time;
 * it writes the files itself and returns only their hashes and the findings, so bundles never travel back.
 */
export interface WorkerRunnerOptions {
  workers: number
  context: ArticleContext
  workerModule: URL
  /**
   * Each worker's V8 old-generation limit: an article that would need more fails alone, as a finding, and the
   * worker is replaced, instead of the whole export running out of memory.
   */
  maxHeapMb?: number
}

export function workerRunner(options: WorkerRunnerOptions): ArticleRunner {
  const pool = new Piscina<ArticleJob, ArticleWork>({
    filename: options.workerModule.href,
    name: WORKER_TASK,
    minThreads: options.workers,
    maxThreads: options.workers,
    workerData: options.context,
    idleTimeout: 1000,
    ...(options.maxHeapMb === undefined ? {} : {resourceLimits: {maxOldGenerationSizeMb: options.maxHeapMb}}),
  })
  return {
    // Enough queued per worker that none waits for the main thread, few enough to keep memory flat.
    concurrency: options.workers * 4,
    threads: options.workers,
    // A worker that dies (out of memory, a crash in native code) fails only the article it was working on.
    run: (job) => pool.run(job).catch((error: unknown): ArticleWork => ({outcome: 'blocked', findings: [workerFailure(job, error)]})),
    close: () => pool.destroy(),
  }
}

/** The work's own exceptions come back as findings already; what is left is the worker itself failing. */
function workerFailure(job: ArticleJob, error: unknown): ExportFinding {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  const reason =
    code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? 'it needed more memory than a worker is given: the article is probably far larger than any real one; check its body in Studio'
      : `the worker stopped (${error instanceof Error ? error.message.slice(0, 200) : String(error)}); export again, and report it to the developers if it happens again`
  return {
    ruleId: 'export-article-failed',
    severity: 'error',
    documentId: job.article._id,
    path: [],
    message: `The pipeline could not render this article: ${reason}.`,
    source: 'vetted:export',
    slug: job.article.slug,
  }
}
