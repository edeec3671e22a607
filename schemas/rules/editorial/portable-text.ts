import type {PathSegment} from '../rule.ts'

/**
 * The text of Portable Text blocks as a reader sees it, with a way back from a character offset to the span
 * it came from, so that language rules can look across span boundaries ("disorder" in bold + "is") and still
 * point at the span to fix.
 */

/** Stands in for an inline object (a citation marker): it separates words but is not a space. */
export const INLINE_OBJECT = '\uFFFC'

export interface TextBlock {
  /** Path of the block inside the array (`{_key}` or index); null for a plain-text field. */
  segment: PathSegment | null
  style: string
  listItem: string | null
  text: string
  /** Where each child's text starts and ends in `text`. */
  children: Array<{segment: PathSegment; start: number; end: number; marks: readonly string[]; type: string}>
  markDefs: ReadonlyArray<Record<string, unknown>>
}

/**
 * Blocks already extracted in the current `withSharedTextBlocks` scope, by the array they came from. Five language
 * rules and the readability measure each walk the body; inside a scope they share one extraction.
 */
let shared: WeakMap<readonly unknown[], TextBlock[]> | null = null

/**
 * Runs `fn` with `textBlocks` remembering what it extracts, then forgets it. Only for a synchronous run that edits
 * no Portable Text (all the rules of one article): outside a scope an edited array is always read afresh. Callers
 * must treat the blocks as read-only.
 */
export function withSharedTextBlocks<T>(fn: () => T): T {
  const outer = shared
  shared ??= new WeakMap()
  try {
    return fn()
  } finally {
    shared = outer
  }
}

export function textBlocks(value: unknown): TextBlock[] {
  if (!Array.isArray(value)) return []
  let blocks = shared?.get(value)
  if (blocks === undefined) {
    blocks = extractTextBlocks(value)
    shared?.set(value, blocks)
  }
  return blocks
}

function extractTextBlocks(value: readonly unknown[]): TextBlock[] {
  const blocks: TextBlock[] = []
  value.forEach((block, index) => {
    if (!isRecord(block) || block._type !== 'block') return
    const children: TextBlock['children'] = []
    // Joined, not grown by `+=`: a flat string, which the rules read character by character and match against.
    const pieces: string[] = []
    let length = 0
    ;(Array.isArray(block.children) ? block.children : []).forEach((child, childIndex) => {
      if (!isRecord(child)) return
      const piece = child._type === 'span' ? (typeof child.text === 'string' ? child.text : '') : INLINE_OBJECT
      const marks = Array.isArray(child.marks)
        ? child.marks.filter((mark): mark is string => typeof mark === 'string')
        : []
      children.push({
        segment: itemSegment(child, childIndex),
        start: length,
        end: length + piece.length,
        marks,
        type: String(child._type),
      })
      pieces.push(piece)
      length += piece.length
    })
    blocks.push({
      segment: itemSegment(block, index),
      style: typeof block.style === 'string' ? block.style : 'normal',
      listItem: typeof block.listItem === 'string' ? block.listItem : null,
      text: pieces.join(''),
      children,
      markDefs: Array.isArray(block.markDefs) ? block.markDefs.filter(isRecord) : [],
    })
  })
  return blocks
}

/** Path (below the array) of the child holding character `offset` of the block's text. */
export function pathAt(block: TextBlock, offset: number): PathSegment[] {
  if (block.segment === null) return []
  const child =
    block.children.find((candidate) => offset >= candidate.start && offset < candidate.end) ?? block.children.at(-1)
  return child ? [block.segment, 'children', child.segment] : [block.segment]
}

/** True when the child at `offset` is code, where prose rules do not apply. */
export function isCodeAt(block: TextBlock, offset: number): boolean {
  const child = block.children.find((candidate) => offset >= candidate.start && offset < candidate.end)
  return child?.marks.includes('code') ?? false
}

/** A field that is either plain text (summary, safety notice) or Portable Text (body). */
export type ProseValue = string | readonly unknown[] | null | undefined

/** Plain text gets one pseudo-block with an empty path, so the same rule serves both kinds of field. */
export function proseBlocks(value: ProseValue): TextBlock[] {
  if (typeof value === 'string') {
    return [{segment: null, style: 'normal', listItem: null, text: value, children: [], markDefs: []}]
  }
  return textBlocks(value)
}

/** A short quotation of `text` around [start, end) for messages. */
export function excerpt(text: string, start: number, end: number, context = 20): string {
  const from = Math.max(0, start - context)
  const to = Math.min(text.length, end + context)
  const body = text.slice(from, to).replaceAll(INLINE_OBJECT, '[n]').replace(/\s+/g, ' ')
  return `${from > 0 ? '…' : ''}${body}${to < text.length ? '…' : ''}`
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{_key}` when the array item has one (how Studio addresses it), else its index. */
export function itemSegment(item: unknown, index: number): PathSegment {
  return isRecord(item) && typeof item._key === 'string' ? {_key: item._key} : index
}
