import type {CitationStyle} from '../types.ts'
import {formatWithCiteproc} from './citeproc-formatter.ts'
import type {CslItem} from './csl-json.ts'
import {cachedReference, cacheItemJson, storeReference, type FormattedReference} from './reference-cache.ts'

export type {FormattedReference} from './reference-cache.ts'

/**
 * One entry, synchronously, for callers that already load citation-js (the Markdown import compares readings
 * with their formatted text). It shares the cache with `formatReferences` (./format-reference-list.ts), which is
 * what the renderer uses: importing this module loads citation-js, importing that one does not.
 */
export function formatReference(item: CslItem, style: CitationStyle, locale: string): FormattedReference {
  const itemJson = cacheItemJson(item)
  const cached = cachedReference(itemJson, style, locale)
  if (cached) return cached
  const [formatted] = formatWithCiteproc([item], style, locale)
  return storeReference(itemJson, style, locale, formatted!)
}
