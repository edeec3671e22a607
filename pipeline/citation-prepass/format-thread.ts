import {parentPort, workerData} from 'node:worker_threads'
import {formatWithCiteproc} from '../render/citations/citeproc-formatter.ts'
import {citationCacheEntry, type CitationCacheEntry} from '../render/citations/reference-cache.ts'
import type {FormatMessage, FormatRequest} from './format-cited-sources.ts'

/**
 * The short-lived thread of the citation pre-pass: the only place an export loads citation-js and builds a citeproc
 * engine. It formats the sources it is sent, posts the cache entries back and ends; its heap (the engine, ~90 MB
 * for APA) goes with it.
 */
const {items, style, locale} = workerData as FormatRequest
/** Entries posted per message: small enough that the thread holds little, large enough that messages are few. */
const BATCH = 200

const start = performance.now()
const cpuMs = (): number => {
  const {user, system} = process.threadCpuUsage()
  return (user + system) / 1000
}
const startCpu = cpuMs()
let engineCpuMs = 0
let failed = 0
const post = (message: FormatMessage): void => parentPort?.postMessage(message)
// The first source alone, to tell the engine's build from the formatting (citation-js keeps the engine); then
// batches, each posted once formatted.
for (let from = 0; from < items.length; from = from === 0 ? 1 : from + BATCH) {
  const batch = items.slice(from, from === 0 ? 1 : from + BATCH)
  const entries: CitationCacheEntry[] = []
  try {
    const formatted = formatWithCiteproc(
      batch.map(({csl}) => csl),
      style,
      locale,
    )
    formatted.forEach((entry, index) => entries.push(citationCacheEntry(batch[index]!.itemJson, style, locale, entry)))
  } catch {
    entries.length = 0
    // One source citeproc cannot format must not cost the others: format its batch one by one (the engine is
    // kept), and leave the failing ones to the article that cites them, which is blocked with the error as before.
    for (const {csl, itemJson} of batch) {
      try {
        const [entry] = formatWithCiteproc([csl], style, locale)
        entries.push(citationCacheEntry(itemJson, style, locale, entry!))
      } catch {
        failed++
      }
    }
  }
  engineCpuMs ||= cpuMs() - startCpu
  post({entries})
}
post({done: {failed, ms: performance.now() - start, cpuMs: cpuMs() - startCpu, engineCpuMs}})
