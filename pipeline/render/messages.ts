import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {PathSegment} from '../../schemas/rules/rule.ts'

/** Every render-time finding names where it comes from in these words. */
export const RENDER_SOURCE = 'vetted:render'

/** A vfile message that also carries the Sanity field path of the node it is about (`body[_key=="…"]…`). */
export interface RenderMessage extends VFileMessage {
  /** Sanity document path, e.g. `['body', {_key: 'b1'}, 'children', {_key: 's2'}]`. */
  path: PathSegment[]
}

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
 * index, for keyless blocks) in its path so a writer can find it in Studio.
 */
export function renderMessage(file: VFile, reason: string, options: RenderMessageOptions): RenderMessage {
  const message = file.message(reason, {ruleId: options.ruleId, source: RENDER_SOURCE}) as RenderMessage
  message.path = options.path
  if (options.actual !== undefined) message.actual = options.actual
  if (options.expected !== undefined) message.expected = options.expected
  return message
}

/** A path segment for an array item: its `_key` when it has one, else its index. */
export function itemSegment(item: unknown, index: number): PathSegment {
  if (typeof item === 'object' && item !== null && '_key' in item && typeof item._key === 'string' && item._key !== '') {
    return {_key: item._key}
  }
  return index
}

/** Human-readable form of a path, for message text: `body[_key=="b1"].children[2]`. */
export function formatPath(path: readonly PathSegment[]): string {
  return path
    .map((segment, index) =>
      typeof segment === 'number' ? `[${segment}]` : typeof segment === 'string' ? `${index === 0 ? '' : '.'}${segment}` : `[_key=="${segment._key}"]`,
    )
    .join('')
}
