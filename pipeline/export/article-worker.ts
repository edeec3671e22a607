import {workerData} from 'piscina'
import {readCitationCacheFile} from '../citation-cache/citation-cache-file.ts'
import {seedCitationCache, takeNewCitationEntries} from '../render/citations/reference-cache.ts'
import {renderArticle} from '../render/index.ts'
import {validateArticle} from '../validate/index.ts'
import {exportArticle} from './export-article.ts'
import type {ArticleContext, ArticleJob, ArticleWork} from './export-article.ts'

/**
 * Runs in each worker thread of the export: the context arrives once as workerData; modules (citation engines,
 * unified processors) are loaded once per worker and reused for every article it is sent. References formatted by
 * earlier runs are seeded from the export's cache file, so an article whose sources were seen before never loads
 * citation-js; what this worker formats anew goes back with each article, for the export to persist.
 */
const context = workerData as ArticleContext
if (context.citationCacheFile !== undefined) seedCitationCache(readCitationCacheFile(context.citationCacheFile))

export async function exportArticleTask(job: ArticleJob): Promise<ArticleWork> {
  const work = await exportArticle(job, context, {validateArticle, renderArticle: (input) => renderArticle(input)})
  const citations = takeNewCitationEntries()
  return citations.length > 0 ? {...work, citations} : work
}
