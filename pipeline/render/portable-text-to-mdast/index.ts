import type {BlockContent, List, ListItem, Root} from 'mdast'
import type {VFile} from 'vfile'
import type {PathSegment} from '../../../schemas/rules/rule.ts'
import {itemSegment, renderMessage} from '../messages.ts'
import {mergeHandlers} from './handlers/index.ts'
import {blockPhrasing} from './phrasing.ts'
import {
  isPortableTextObject,
  type PortableTextHandlers,
  type PortableTextObject,
  type PortableTextState,
} from './state.ts'

export {defaultHandlers} from './handlers/index.ts'
export type {
  BlockHandler,
  InlineHandler,
  MarkHandler,
  PortableTextHandlers,
  PortableTextObject,
  PortableTextState,
} from './state.ts'

export interface PortableTextToMdastOptions {
  /** Field path of the Portable Text array in its document, for messages. @defaultValue ['body'] */
  path?: PathSegment[]
  /**
   * Handlers merged over `defaultHandlers`, as `@portabletext/to-html` merges `components`: each map's keys add to
   * or replace the default map's (`{block: {callout}}` keeps `block`), and `unknownBlock` / `unknownInline`
   * replace the handlers that report unknown types and keep their text. @defaultValue {}
   */
  handlers?: Partial<PortableTextHandlers>
}

interface OpenList {
  level: number
  node: List
}

/**
 * Portable Text → mdast. Blocks go to their handler by `_type`; consecutive list-item blocks become nested mdast
 * lists by `level` (missing level = 1), a change of list type at the same level starts a new list, and a level
 * deeper than the previous item's nests under that item however many levels it skips.
 * Unknown types are reported on `file` and their text kept; nothing here throws on content.
 */
export function portableTextToMdast(value: unknown, file: VFile, options: PortableTextToMdastOptions = {}): Root {
  const basePath = options.path ?? ['body']
  const handlers = mergeHandlers(options.handlers)
  const root: Root = {type: 'root', children: []}
  let lists: OpenList[] = []
  const blocks = Array.isArray(value) ? value : isPortableTextObject(value) ? [value] : []
  blocks.forEach((candidate: unknown, index) => {
    const path = [...basePath, itemSegment(candidate, index)]
    if (!isPortableTextObject(candidate)) {
      renderMessage(file, 'The body holds something that is not a block; it is skipped. Remove it in Studio.', {
        ruleId: 'malformed-block',
        path,
      })
      return
    }
    const state = stateFor(candidate, file, path, handlers)
    if (candidate._type === 'block' && typeof candidate.listItem === 'string' && candidate.listItem !== '') {
      lists = appendListItem(root, lists, candidate, state)
      return
    }
    lists = []
    const {block, unknownBlock} = handlers
    const known = typeof candidate._type === 'string' && Object.hasOwn(block, candidate._type)
    const handler = known ? block[candidate._type as string]! : unknownBlock
    const node = handler(candidate, state)
    if (node) root.children.push(node)
  })
  return root
}

function stateFor(
  block: PortableTextObject,
  file: VFile,
  path: PathSegment[],
  handlers: PortableTextHandlers,
): PortableTextState {
  const markDefs = new Map<string, PortableTextObject>()
  for (const definition of Array.isArray(block.markDefs) ? block.markDefs : []) {
    if (isPortableTextObject(definition) && typeof definition._key === 'string')
      markDefs.set(definition._key, definition)
  }
  const state: PortableTextState = {
    file,
    path,
    markDefs,
    reportedMarks: new Set(),
    handlers,
    all: (node) => blockPhrasing(node, state),
  }
  return state
}

function appendListItem(root: Root, open: OpenList[], block: PortableTextObject, state: PortableTextState): OpenList[] {
  const lists = [...open]
  const level = typeof block.level === 'number' && Number.isInteger(block.level) && block.level > 0 ? block.level : 1
  const ordered = block.listItem === 'number'
  if (block.listItem !== 'bullet' && block.listItem !== 'number') {
    renderMessage(
      state.file,
      `Unknown list type \`${String(block.listItem)}\`: the item is shown in a bulleted list. Choose Bullet or Numbered.`,
      {
        ruleId: 'unknown-list-type',
        path: state.path,
        actual: String(block.listItem),
        expected: ['bullet', 'number'],
      },
    )
  }
  if (typeof block.style === 'string' && block.style !== 'normal') {
    renderMessage(
      state.file,
      `A list item has the style \`${block.style}\`, which list items cannot show; it is shown as a normal item. Set its style to Normal.`,
      {
        ruleId: 'list-item-style',
        path: state.path,
        actual: block.style,
        expected: ['normal'],
      },
    )
  }
  const children = state.all(block)
  while (lists.length > 0 && lists.at(-1)!.level > level) lists.pop()
  const top = lists.at(-1)
  if (top && top.level === level && top.node.ordered !== ordered) lists.pop()
  let current = lists.at(-1)
  if (!current || current.level < level) {
    const list: List = {type: 'list', ordered, spread: false, children: []}
    const parentItem = current?.node.children.at(-1)
    if (parentItem) parentItem.children.push(list)
    else root.children.push(list)
    current = {level, node: list}
    lists.push(current)
  }
  const content: BlockContent[] = children.length > 0 ? [{type: 'paragraph', children}] : []
  const item: ListItem = {type: 'listItem', spread: false, children: content}
  current.node.children.push(item)
  return lists
}
