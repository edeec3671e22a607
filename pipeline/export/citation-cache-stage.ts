import type {CitationCacheStage} from './types.ts'

/**
 * The export's side of the formatted-reference cache (the renderer's `reference-cache.ts`): each thread that renders
 * seeds its cache from the file once, and hands back with each article what it formatted anew. Both modules load
 * only when an article is rendered.
 */
export const citationCacheStage: CitationCacheStage = {
  async seed(file) {
    const [{readCitationCacheFile}, {seedCitationCache}] = await Promise.all([
      import('../citation-cache/citation-cache-file.ts'),
      import('../render/citations/reference-cache.ts'),
    ])
    seedCitationCache(readCitationCacheFile(file))
  },
  async add(entries) {
    ;(await import('../render/citations/reference-cache.ts')).seedCitationCache(entries)
  },
  async takeNew() {
    return (await import('../render/citations/reference-cache.ts')).takeNewCitationEntries()
  },
}
