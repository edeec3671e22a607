import {measureReadability, type Readability} from '../../../domain/readability.ts'
import {INLINE_OBJECT, textBlocks, type TextBlock} from './portable-text.ts'

/** A Portable Text body's prose as readability measures it, with where each block starts in `text`. */
export interface BodyProse {
  /** Each block's text, blocks separated by a blank line; inline objects (citation markers) read as a space. */
  text: string
  blocks: TextBlock[]
  /** Offset in `text` where `blocks[i]` starts. */
  starts: number[]
}

export interface BodyReadability {
  prose: BodyProse
  readability: Readability
}

/**
 * Blocks become paragraphs so that a heading or list item never runs into the next sentence; a citation marker is
 * not a word.
 */
export function bodyProse(body: unknown): BodyProse {
  const blocks = textBlocks(body)
  const starts: number[] = []
  let text = ''
  for (const block of blocks) {
    if (text !== '') text += '\n\n'
    starts.push(text.length)
    text += block.text.replaceAll(INLINE_OBJECT, ' ')
  }
  return {text, blocks, starts}
}

/**
 * The body's readability, shared by the reading-grade rule and the renderer's article.json: the export validates
 * and then renders each article, and splitting the prose into sentences and words is the dearest step of both, so
 * the last few measurements are remembered. They are keyed by the prose itself, not by the body array, so an
 * edited body is never answered from a stale measurement.
 */
export function bodyReadability(body: unknown): BodyReadability {
  const prose = bodyProse(body)
  let readability = recent.get(prose.text)
  if (readability === undefined) {
    readability = measureReadability(prose.text)
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value!)
    recent.set(prose.text, readability)
  }
  // A copy: the remembered measurement must not change when a caller edits what it was given.
  return {
    prose,
    readability: {...readability, hardestSentences: readability.hardestSentences.map((sentence) => ({...sentence}))},
  }
}

/** Validation and render of one article run back to back (per worker), so a handful is plenty. */
const RECENT_LIMIT = 4
const recent = new Map<string, Readability>()
