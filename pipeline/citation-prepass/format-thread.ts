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
const cpuMs = (): number => {
  const {user, system} = process.threadCpuUsage()
  return (user + system) / 1000
}
const startCpu = cpuMs()
let engineCpuMs = 0
const entries: CitationCacheEntry[] = []
const failed: string[] = []
try {
  // The first source alone, to tell the engine's build from the formatting (citation-js keeps the engine).
  for (const batch of [items.slice(0, 1), items.slice(1)]) {
    const formatted = formatWithCiteproc(
      batch.map(({csl}) => csl),
      style,
      locale,
    )
    formatted.forEach((entry, index) => entries.push(citationCacheEntry(batch[index]!.itemJson, style, locale, entry)))
    engineCpuMs ||= cpuMs() - startCpu
  }
} catch {
  entries.length = 0
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
const response: FormatResponse = {
  entries,
  failed: failed.length,
  ms: performance.now() - start,
  cpuMs: cpuMs() - startCpu,
  engineCpuMs,
}
parentPort?.postMessage(response)
