import {renderMessage} from '../../messages.ts'
import {type InlineHandler, typeName} from '../state.ts'
import {span} from './span.ts'

/** An inline object the renderer does not know: reported, and its `text` (if any) kept as plain text. */
export const unknownInline: InlineHandler = (node, state, path) => {
  const name = typeName(node)
  renderMessage(
    state.file,
    `Unknown inline object \`${name}\` in the body: it is shown as plain text${typeof node.text === 'string' ? '' : ' (it has none, so nothing is shown)'}. Replace it with text or a citation marker, or ask a developer to support \`${name}\`.`,
    {ruleId: 'unknown-inline-type', path, actual: name, expected: ['span', 'citationMarker']},
  )
  return typeof node.text === 'string' ? span({_type: 'span', text: node.text}, state, path) : []
}
