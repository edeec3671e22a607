import type {CitationStyle} from '../types.ts'
import type * as CiteprocFormatter from './citeproc-formatter.ts'
import type {CslItem} from './csl-json.ts'
import {cachedReference, cacheItemJson, storeReference, type FormattedReference} from './reference-cache.ts'

let formatter: Promise<typeof CiteprocFormatter> | undefined

/**
 * An article's reference entries, in the order of `items`. Entries already in the cache (formatted earlier in
 * this process, or seeded from an earlier run with `seedCitationCache`) are answered without loading
 * citation-js; the others are formatted together on the first miss, each as if alone, and kept. A source cited
 * twice is formatted once.
 */
export async function formatReferences(
  items: readonly CslItem[],
  style: CitationStyle,
  locale: string,
): Promise<FormattedReference[]> {
  const itemJsons = items.map(cacheItemJson)
  const results = itemJsons.map((itemJson) => cachedReference(itemJson, style, locale))
  const missing = new Map<string, CslItem>()
  results.forEach((result, index) => {
    if (!result && !missing.has(itemJsons[index]!)) missing.set(itemJsons[index]!, items[index]!)
  })
  if (missing.size === 0) return results as FormattedReference[]

  formatter ??= import('./citeproc-formatter.ts')
  const {formatWithCiteproc} = await formatter
  const formatted = formatWithCiteproc([...missing.values()], style, locale)
  const fresh = new Map(
    [...missing.keys()].map((itemJson, index) => [
      itemJson,
      storeReference(itemJson, style, locale, formatted[index]!),
    ]),
  )
  return results.map((result, index) => result ?? fresh.get(itemJsons[index]!)!)
}
