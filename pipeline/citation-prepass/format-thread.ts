import {parentPort, workerData} from 'node:worker_threads'
import {formatWithCiteproc} from '../render/citations/citeproc-formatter.ts'
import {citationCacheEntry, type CitationCacheEntry} from '../render/citations/reference-cache.ts'
import type {FormatRequest, FormatResponse} from './format-cited-sources.ts'

/**
 * The short-lived thread of the citation pre-pass: the only place an export loads citation-js and builds a citeproc
 * engine. It formats the sources it is sent, posts the cache entries back and ends; its heap (the engine, ~90 MB
 * for APA) goes with it.
 */
const {items, style, locale} = workerData as FormatRequest

const start = performance.now()
const entries: CitationCacheEntry[] = []
const failed: string[] = []
try {
  const formatted = formatWithCiteproc(
    items.map(({csl}) => csl),
    style,
    locale,
  )
  formatted.forEach((entry, index) => entries.push(citationCacheEntry(items[index]!.itemJson, style, locale, entry)))
} catch {
  // One source citeproc cannot format must not cost the others: format them one by one (the engine is kept), and
  // leave the failing ones to the article that cites them, which is blocked with the error as before.
  for (const {csl, itemJson} of items) {
    try {
      const [entry] = formatWithCiteproc([csl], style, locale)
      entries.push(citationCacheEntry(itemJson, style, locale, entry!))
    } catch {
      failed.push(itemJson)
    }
  }
}
const response: FormatResponse = {entries, failed: failed.length, ms: performance.now() - start}
parentPort?.postMessage(response)
