import corePackage from '@citation-js/core/package.json' with {type: 'json'}
import pluginCslPackage from '@citation-js/plugin-csl/package.json' with {type: 'json'}
import type {ElementContent} from 'hast'
import citeprocPackage from 'citeproc/package.json' with {type: 'json'}
import {canonicalJson} from '../../../domain/canonical-json.ts'
import type {CitationStyle} from '../types.ts'
import {RENDERER_VERSION} from '../version.ts'
import type {CslItem} from './csl-json.ts'
import {AMA_CSL} from './styles/ama.ts'
import {VANCOUVER_CSL} from './styles/vancouver.ts'

/**
 * One formatted reference-list entry. `children` is shared by every caller that asks for the same source and is
 * deeply frozen (writing to it throws): build new nodes around it, never change it.
 */
export interface FormattedReference {
  /** The entry as hast, without its number (the reference list numbers entries itself). */
  children: readonly ElementContent[]
  /** The same entry as plain text. */
  text: string
}

/**
 * A formatted entry as it can be stored between runs and passed between threads (plain JSON data).
 *
 * Contract, for whoever persists the cache (the export):
 * - `seedCitationCache(entries)` in each thread before rendering; entries whose `formatter` is not this process's
 *   `citationFormatter()` are skipped, so an upgrade of citeproc or citation-js, an edit of the AMA or Vancouver
 *   style or a new renderer version never serves a stale entry;
 * - `exportCitationCache()` after rendering: this process's entries (seeded and newly formatted), sorted, ready to
 *   merge (the same `style`, `locale` and `item` always give the same entry) and to write with
 *   `writeCitationCacheFile` (pipeline/export/citation-cache.ts, which also seeds and shares the cache);
 * - an entry is formatted as if it were the only one in its list, so it does not depend on the article citing it.
 */
export interface CitationCacheEntry {
  /** Who formatted it: the versions of citeproc, citation-js and the renderer, and hashes of the project's styles. */
  formatter: string
  style: CitationStyle
  /** The CSL locale, e.g. 'en-US'. */
  locale: string
  /** The CSL item as canonical JSON without its `id` (an unchanged source keeps its entry whatever its id). */
  item: string
  text: string
  children: ElementContent[]
}

interface Stored {
  entry: CitationCacheEntry
  /** Asked for or formatted in this process (a seeded entry is not, until a render needs it). */
  used: boolean
}

const stored = new Map<string, Stored>()
/** Entries formatted since `takeNewCitationEntries` was last called. */
let fresh: CitationCacheEntry[] = []

let formatter: string | undefined

/**
 * Everything besides style, locale and item that can change an entry's bytes. APA and Vancouver ship inside
 * @citation-js/plugin-csl, and so do the locales; the HTML-to-hast step is the renderer's (its version is bumped
 * whenever a rendered byte can change).
 */
export function citationFormatter(): string {
  formatter ??= [
    `citeproc ${citeprocPackage.version}`,
    `@citation-js/core ${corePackage.version}`,
    `@citation-js/plugin-csl ${pluginCslPackage.version}`,
    `ama ${textHash(AMA_CSL)}`,
    `vancouver ${textHash(VANCOUVER_CSL)}`,
    `renderer ${RENDERER_VERSION}`,
  ].join('; ')
  return formatter
}

/** The item's content as the cache keys it: canonical JSON with the id set aside. */
export function cacheItemJson(item: CslItem): string {
  const content: Partial<CslItem> = {...item}
  delete content.id
  return canonicalJson(content)
}

/** The cache's key for an entry: two entries with the same key always have the same content. */
export function cacheEntryKey(style: string, locale: string, itemJson: string): string {
  return `${style}\u0000${locale}\u0000${itemJson}`
}

/** The cached entry for this item, style and locale, if any (`itemJson` from `cacheItemJson`). */
export function cachedReference(
  itemJson: string,
  style: CitationStyle,
  locale: string,
): FormattedReference | undefined {
  const hit = stored.get(cacheEntryKey(style, locale, itemJson))
  if (!hit) return undefined
  hit.used = true
  return {children: hit.entry.children, text: hit.entry.text}
}

/** Keeps a newly formatted entry (its nodes are frozen here: the caller hands them over). */
export function storeReference(
  itemJson: string,
  style: CitationStyle,
  locale: string,
  formatted: {children: ElementContent[]; text: string},
): FormattedReference {
  const entry = citationCacheEntry(itemJson, style, locale, formatted)
  deepFreeze(entry.children)
  stored.set(cacheEntryKey(style, locale, itemJson), {entry, used: true})
  fresh.push(entry)
  return {children: entry.children, text: entry.text}
}

/** A formatted entry as the cache stores it, whichever thread formatted it (plain data, not frozen). */
export function citationCacheEntry(
  itemJson: string,
  style: CitationStyle,
  locale: string,
  formatted: {children: ElementContent[]; text: string},
): CitationCacheEntry {
  return {
    formatter: citationFormatter(),
    style,
    locale,
    item: itemJson,
    text: formatted.text,
    children: formatted.children,
  }
}

/**
 * Adds entries formatted by an earlier run or another thread. Entries from another formatter, or not shaped like
 * an entry, are skipped; an entry already present is kept. The entries' nodes are frozen in place (they become
 * the cache's). Returns how many entries were added.
 */
export function seedCitationCache(entries: Iterable<unknown>): number {
  const current = citationFormatter()
  let added = 0
  for (const entry of entries) {
    if (!isCitationCacheEntry(entry) || entry.formatter !== current) continue
    const key = cacheEntryKey(entry.style, entry.locale, entry.item)
    if (stored.has(key)) continue
    deepFreeze(entry.children)
    stored.set(key, {entry, used: false})
    added++
  }
  return added
}

export interface ExportCitationCacheOptions {
  /** Only the entries a render asked for or that were formatted here (not seeded ones left unused). @defaultValue false */
  usedOnly?: boolean
}

/** This process's entries, sorted by style, locale and item so that equal caches serialise to equal bytes. */
export function exportCitationCache(options: ExportCitationCacheOptions = {}): CitationCacheEntry[] {
  const keys = [...stored.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const out: CitationCacheEntry[] = []
  for (const key of keys) {
    const {entry, used} = stored.get(key)!
    if (used || !options.usedOnly) out.push(entry)
  }
  return out
}

/**
 * The entries formatted in this thread since the last call: what a worker hands back with each article so the
 * export can persist them, without sorting the whole cache per article as `exportCitationCache` would.
 */
export function takeNewCitationEntries(): CitationCacheEntry[] {
  const taken = fresh
  fresh = []
  return taken
}

/** Forgets every entry (tests, and a long-lived process that changes dataset). */
export function clearCitationCache(): void {
  stored.clear()
  fresh = []
}

const STYLES = new Set<unknown>(['apa', 'vancouver', 'ama'] satisfies CitationStyle[])

/** A shape check deep enough that a hand-edited or damaged entry cannot reach the HTML writer as non-hast. */
export function isCitationCacheEntry(value: unknown): value is CitationCacheEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.formatter === 'string' &&
    STYLES.has(entry.style) &&
    typeof entry.locale === 'string' &&
    typeof entry.item === 'string' &&
    typeof entry.text === 'string' &&
    Array.isArray(entry.children) &&
    entry.children.every(isElementContent)
  )
}

function isElementContent(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const node = value as Record<string, unknown>
  if (node.type === 'text' || node.type === 'comment') return typeof node.value === 'string'
  if (node.type !== 'element') return false
  return (
    typeof node.tagName === 'string' &&
    typeof node.properties === 'object' &&
    node.properties !== null &&
    Array.isArray(node.children) &&
    node.children.every(isElementContent)
  )
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** Two FNV-1a-style 32-bit hashes over UTF-16 code units (64 bits): enough to notice an edited style. */
function textHash(text: string): string {
  let a = 0x811c9dc5
  let b = 0x050c5d1f
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    a = Math.imul(a ^ code, 0x01000193)
    b = Math.imul(b ^ code, 0x5bd1e995)
  }
  return `${(a >>> 0).toString(16).padStart(8, '0')}${(b >>> 0).toString(16).padStart(8, '0')}`
}
