import {exportArticle} from './export-article.ts'
import type {ArticleContext, ArticleJob, ArticleStageFunctions, ArticleWork} from './export-article.ts'

/** Where the per-article work runs: in this thread, or in a pool of worker threads (`worker-runner.ts`). */
export interface ArticleRunner {
  /** How many articles may be in flight at once. */
  readonly concurrency: number
  /**
   * How many threads render, when more than one: each has its own citation cache, so the export passes what one
   * formats on to the others with the next jobs it hands out (a distinct source costs ~5 ms to format).
   */
  readonly threads?: number
  run: (job: ArticleJob) => Promise<ArticleWork>
  close: () => Promise<void>
}

export function inProcessRunner(context: ArticleContext, stages: ArticleStageFunctions): ArticleRunner {
  return {
    // A little look-ahead lets the source's I/O overlap the render's awaits without holding many bundles.
    concurrency: 2,
    run: (job) => exportArticle(job, context, stages),
    close: async () => {},
  }
}
