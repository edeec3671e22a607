import type {BlockContent, Heading} from 'mdast'
import {renderMessage} from '../../messages.ts'
import type {BlockHandler} from '../state.ts'

const HEADING_DEPTHS: Record<string, Heading['depth']> = {h2: 2, h3: 3, h4: 4, h5: 5, h6: 6}
const KNOWN_STYLES = ['normal', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']

/** A text block by style. Empty blocks (stray Enter presses) are dropped; they carry no words. */
export const block: BlockHandler = (node, state) => {
  const children = state.all(node)
  if (children.length === 0) return null
  const style = typeof node.style === 'string' ? node.style : 'normal'
  const depth = HEADING_DEPTHS[style]
  if (depth) return {type: 'heading', depth, children}
  if (style === 'blockquote') return {type: 'blockquote', children: [{type: 'paragraph', children}]}
  if (style === 'h1') {
    renderMessage(
      state.file,
      'A body block uses Heading 1, but the article title is the page’s only h1; it is shown as Heading 2. Change it to Heading 2.',
      {
        ruleId: 'body-heading-1',
        path: state.path,
        actual: style,
        expected: KNOWN_STYLES,
      },
    )
    return {type: 'heading', depth: 2, children}
  }
  if (style !== 'normal') {
    renderMessage(
      state.file,
      `Unknown block style \`${style}\`: the block is shown as a normal paragraph. Choose Normal, a heading or Quote.`,
      {
        ruleId: 'unknown-block-style',
        path: state.path,
        actual: style,
        expected: KNOWN_STYLES,
      },
    )
  }
  const paragraph: BlockContent = {type: 'paragraph', children}
  return paragraph
}
