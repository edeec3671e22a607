import type {PhrasingContent} from 'mdast'
import {renderMessage} from '../../messages.ts'
import {type BlockHandler, typeName} from '../state.ts'
import {span} from './span.ts'

/** Fields whose string value is readable text in the custom block types editors commonly add (code, callouts). */
const TEXT_FIELDS = ['text', 'code']

/**
 * A block type the renderer does not know: reported with its key, and whatever text it holds (span children, or a
 * `text`/`code` field) kept as a paragraph so no words are silently lost. Media without text (images) render nothing.
 */
export const unknownBlock: BlockHandler = (node, state) => {
  const name = typeName(node)
  let children: PhrasingContent[] = []
  if (Array.isArray(node.children)) children = state.all(node)
  else {
    const field = TEXT_FIELDS.find((candidate) => typeof node[candidate] === 'string' && node[candidate] !== '')
    if (field) children = span({_type: 'span', text: (node[field] as string).replace(/\n+$/, '')}, state, state.path)
  }
  renderMessage(
    state.file,
    `Unknown block \`${name}\` in the body: ${children.length > 0 ? 'its text is shown as a plain paragraph' : 'it has no text, so nothing is shown'}. Replace it with supported content, or ask a developer to support \`${name}\`.`,
    {ruleId: 'unknown-block-type', path: state.path, actual: name, expected: ['block']},
  )
  return children.length > 0 ? {type: 'paragraph', children} : null
}
