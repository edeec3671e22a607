import type {VFile} from 'vfile'
import type {PathSegment} from '../../../schemas/rules/rule.ts'

/** What every handler may read while one block is converted. */
export interface PortableTextState {
  file: VFile
  /** Path of the block being converted, e.g. `['body', {_key: 'b1'}]`. */
  path: PathSegment[]
  /** The block's annotations by `_key`. */
  markDefs: ReadonlyMap<string, PortableTextObject>
  /** Unknown marks already reported for this block, so a mark on many spans is reported once. */
  reportedMarks: Set<string>
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
