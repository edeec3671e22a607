import type {BlockContent, PhrasingContent} from 'mdast'
import type {VFile} from 'vfile'
import type {PathSegment} from '../../../schemas/rules/rule.ts'

/** What every handler may read while one block is converted, and the way back into the traversal. */
export interface PortableTextState {
  file: VFile
  /** Path of the block being converted, e.g. `['body', {_key: 'b1'}]`. */
  path: PathSegment[]
  /** The block's annotations by `_key`. */
  markDefs: ReadonlyMap<string, PortableTextObject>
  /** Unknown marks already reported for this block, so a mark on many spans is reported once. */
  reportedMarks: Set<string>
  /** The handlers in use: the defaults with the caller's merged over them. */
  handlers: PortableTextHandlers
  /**
   * A block's children (spans and inline objects, through `handlers.inline`) as phrasing content, with their marks
   * nested (through `handlers.decorator` and `handlers.annotation`): what a handler of a block with text calls.
   */
  all(block: PortableTextObject): PhrasingContent[]
}

/** Converts one non-list block (by `_type`) to mdast block content; null drops it (e.g. an empty paragraph). */
export type BlockHandler = (block: PortableTextObject, state: PortableTextState) => BlockContent | null

/** Converts one child of a block (by `_type`) to phrasing content. */
export type InlineHandler = (
  child: PortableTextObject,
  state: PortableTextState,
  path: PathSegment[],
) => PhrasingContent[]

/**
 * Wraps already-converted phrasing content in a mark: a decorator (`strong`) gets `definition` null, an
 * annotation gets its mark definition (`{_type: 'link', href}`).
 */
export type MarkHandler = (
  children: PhrasingContent[],
  definition: PortableTextObject | null,
  state: PortableTextState,
) => PhrasingContent[]

/** One handler per Portable Text node type, and one for each kind of node no handler knows. */
export interface PortableTextHandlers {
  /** Block-level objects by `_type`; `block` is the text block (list items are grouped into lists before). */
  block: Record<string, BlockHandler>
  /** A block's children by `_type` (`span`, inline objects). */
  inline: Record<string, InlineHandler>
  /** Decorators by name (`strong`, `em`, `code`). */
  decorator: Record<string, MarkHandler>
  /** Annotations by their mark definition's `_type` (`link`). */
  annotation: Record<string, MarkHandler>
  /** A block-level object whose `_type` has no handler. */
  unknownBlock: BlockHandler
  /** A child of a block whose `_type` has no handler. */
  unknownInline: InlineHandler
}

/** Any Portable Text object: blocks, spans, inline objects, mark definitions. */
export interface PortableTextObject {
  _type?: unknown
  _key?: unknown
  [field: string]: unknown
}

export function isPortableTextObject(value: unknown): value is PortableTextObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function typeName(node: PortableTextObject): string {
  return typeof node._type === 'string' ? node._type : '(no _type)'
}
