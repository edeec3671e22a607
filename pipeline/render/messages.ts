import type {VFile} from 'vfile'
import type {DiagnosticMessage, PathSegment} from '../diagnostic.ts'

/** Every render-time finding names where it comes from in these words. */
export const RENDER_SOURCE = 'vetted:render'

export interface RenderMessageOptions {
  ruleId: string
  path: PathSegment[]
  /** What was found (e.g. the unknown type name). */
  actual?: string
  /** What the renderer knows instead. */
  expected?: string[]
}

/**
 * Reports a content problem without stopping the render: a warning on the file, with the block's `_key` (or
 * index, for keyless blocks) in its field path (`DiagnosticMessage.path`) so a writer can find it in Studio.
 */
export function renderMessage(file: VFile, reason: string, options: RenderMessageOptions): DiagnosticMessage {
  const message: DiagnosticMessage = file.message(reason, {ruleId: options.ruleId, source: RENDER_SOURCE})
  message.path = options.path
  if (options.actual !== undefined) message.actual = options.actual
  if (options.expected !== undefined) message.expected = options.expected
  return message
}

/** A path segment for an array item: its `_key` when it has one, else its index. */
export function itemSegment(item: unknown, index: number): PathSegment {
  if (
    typeof item === 'object' &&
    item !== null &&
    '_key' in item &&
    typeof item._key === 'string' &&
    item._key !== ''
  ) {
    return {_key: item._key}
  }
  return index
}
