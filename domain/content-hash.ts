import {canonicalJson} from './canonical-json.ts'

/**
 * The reviewable-content hash: a fingerprint of exactly what a medical reviewer vouches for — title,
 * summary, body (its figures included), the lead image, the cited sources and the safety notice. Studio's sign-off action stores it on the review;
 * the pipeline compares it with the article as it stands to detect `edited-since-review`.
 *
 * It ignores what does not change meaning: `_key` values, `_rev`, key order, how text is split into spans,
 * topics and other metadata. Citation markers are hashed by their cited source's content (in order of first
 * appearance), not by document id, so re-keying or re-importing sources does not invalidate a review while
 * editing a source's title or DOI does.
 *
 * A figure is hashed by its image asset's id (which contains the file's sha1, so a different image is an edit) and
 * its words and rights: alt, decorative, caption, credit, licence, publisherOwned. Hotspot and crop only change the
 * framing, so moving them leaves a review standing. An article without a lead image hashes as it did before lead
 * images existed.
 *
 * Pure and browser-safe (Web Crypto): the Studio and the pipeline run this same module.
 */

export interface HashableArticle {
  title?: string | null
  summary?: string | null
  body?: readonly unknown[] | null
  safetyNotice?: string | null
  leadImage?: unknown
}

/** A citation document (or null when the reference dangles), looked up by its `_id`. */
export type CitationLookup = (id: string) => Record<string, unknown> | null | undefined

const SYSTEM_FIELDS = new Set([
  '_id',
  '_rev',
  '_type',
  '_createdAt',
  '_updatedAt',
  '_key',
  '_weak',
  '_strengthenOnPublish',
])

export function reviewableContent(article: HashableArticle, lookupCitation: CitationLookup): unknown {
  const citationOrder: string[] = []
  const numberOf = (id: string): number => {
    let index = citationOrder.indexOf(id)
    if (index === -1) index = citationOrder.push(id) - 1
    return index + 1
  }
  // A body that is not a list (a malformed document) hashes as empty rather than crashing the whole export.
  const body = (Array.isArray(article.body) ? article.body : []).map((block) => canonicalBlock(block, numberOf))
  return {
    title: normaliseText(article.title),
    summary: normaliseText(article.summary),
    safetyNotice: normaliseText(article.safetyNotice),
    body,
    citations: citationOrder.map((id) => withoutDerivedFields(stripSystemFields(lookupCitation(id) ?? null))),
    ...(isRecord(article.leadImage) ? {leadImage: canonicalFigure(article.leadImage)} : {}),
  }
}

export async function contentHash(article: HashableArticle, lookupCitation: CitationLookup): Promise<string> {
  const text = canonicalJson(reviewableContent(article, lookupCitation))
  // Under Node the hash is taken synchronously by node:crypto (Web Crypto's promise costs more than hashing a
  // body); `getBuiltinModule` is no import, so the browser bundle never sees it and uses Web Crypto. Both hash
  // the text's UTF-8 bytes, a lone surrogate as U+FFFD.
  const nodeCrypto = nodeCryptoModule()
  // `hash` (Node 21.7+) is the one-shot form: the same digest without a Hash object per call.
  if (nodeCrypto?.hash) return nodeCrypto.hash('sha256', text, 'hex')
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')
  const digest = await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(text))
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

const encoder = new TextEncoder()

interface NodeCrypto {
  hash?: (algorithm: string, data: string, encoding: 'hex') => string
  createHash: (algorithm: string) => {update: (data: string, encoding: 'utf8') => {digest: (encoding: 'hex') => string}}
}

let nodeCryptoValue: NodeCrypto | null | undefined

function nodeCryptoModule(): NodeCrypto | null {
  if (nodeCryptoValue === undefined) {
    const process = (globalThis as {process?: {getBuiltinModule?: (id: string) => unknown}}).process
    nodeCryptoValue = (process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null
  }
  return nodeCryptoValue
}

function normaliseText(value: string | null | undefined): string | null {
  return typeof value === 'string' ? value.normalize('NFC') : null
}

/**
 * The export file's form of an image reference (`_sanityAsset: 'image@file://./images/<sha1>-<w>x<h>.<ext>'`, what
 * `sanity dataset export` writes) as the asset id the Content Lake gives it on import (`image-<sha1>-<w>x<h>-<ext>`),
 * so a figure hashes the same in the embedded dataset, in the Studio and in the Content Lake.
 */
export function assetIdOfExportUrl(url: string): string | null {
  const match = /^image@file:\/\/\.\/images\/([0-9a-f]{40})-(\d+x\d+)\.([a-z0-9]+)$/.exec(url)
  return match ? `image-${match[1]}-${match[2]}-${match[3]}` : null
}

function figureAssetId(figure: Record<string, unknown>): string | null {
  const ref = isRecord(figure.asset) ? figure.asset._ref : undefined
  if (typeof ref === 'string') return ref
  return typeof figure._sanityAsset === 'string' ? assetIdOfExportUrl(figure._sanityAsset) : null
}

function canonicalFigure(figure: Record<string, unknown>): unknown {
  const textOf = (value: unknown) => (typeof value === 'string' ? value.normalize('NFC') : null)
  return {
    type: 'figure',
    asset: figureAssetId(figure),
    alt: textOf(figure.alt),
    // An unticked box and a box never touched say the same.
    decorative: figure.decorative === true,
    caption: textOf(figure.caption),
    credit: textOf(figure.credit),
    licence: textOf(figure.licence),
    publisherOwned: figure.publisherOwned === true,
  }
}

function canonicalBlock(block: unknown, numberOf: (id: string) => number): unknown {
  if (isRecord(block) && block._type === 'figure') return canonicalFigure(block)
  if (!isRecord(block) || block._type !== 'block') return stripSystemFields(block)
  const markDefs = new Map<string, unknown>()
  for (const def of Array.isArray(block.markDefs) ? block.markDefs : []) {
    if (isRecord(def) && typeof def._key === 'string') markDefs.set(def._key, stripSystemFields(def))
  }
  const children: Array<Record<string, unknown>> = []
  for (const child of Array.isArray(block.children) ? block.children : []) {
    if (!isRecord(child)) continue
    if (child._type === 'span') {
      const marks = (Array.isArray(child.marks) ? child.marks : [])
        .map((mark) => (typeof mark === 'string' && markDefs.has(mark) ? markDefs.get(mark) : mark))
        .map((mark) => canonicalJson(mark))
        .sort()
      const text = typeof child.text === 'string' ? child.text.normalize('NFC') : ''
      const previous = children.at(-1)
      // Adjacent spans with the same marks are one run of text however the editor split them.
      if (previous && previous.type === 'span' && sameMarks(previous.marks as string[], marks)) {
        previous.text = `${String(previous.text)}${text}`
      } else if (text !== '') {
        // Keys in canonical order, so canonicalJson need not sort them.
        children.push({marks, text, type: 'span'})
      }
      continue
    }
    if (child._type === 'citationMarker') {
      const ref = isRecord(child.citation) ? child.citation._ref : undefined
      children.push({citation: typeof ref === 'string' ? numberOf(ref) : null, type: 'citationMarker'})
      continue
    }
    children.push(stripSystemFields(child) as Record<string, unknown>)
  }
  return {
    children,
    level: block.listItem ? (block.level ?? 1) : null,
    listItem: block.listItem ?? null,
    style: block.style ?? 'normal',
    type: 'block',
  }
}

/** Equal lists of serialised marks (what comparing their canonical JSON said, without serialising them again). */
function sameMarks(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((mark, index) => mark === b[index])
}

function stripSystemFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripSystemFields)
  if (!isRecord(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (!SYSTEM_FIELDS.has(key) || (key === '_type' && !('_id' in value))) out[key] = stripSystemFields(item)
  }
  return out
}

/**
 * A journal's NLM abbreviation says nothing the journal's title does not: filling it in (or projecting it, as
 * `null`, where a query did not before) leaves a review's hash as it was.
 */
function withoutDerivedFields(citation: unknown): unknown {
  if (!isRecord(citation) || !('containerTitleShort' in citation)) return citation
  const {containerTitleShort: _derived, ...rest} = citation
  return rest
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
