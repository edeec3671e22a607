import type {PhrasingContent} from 'mdast'
import type {InlineHandler} from './types.ts'

/** A span's text; newlines inside it are hard breaks, as editors type them with Shift+Enter. */
export const span: InlineHandler = (node) => {
  const text = typeof node.text === 'string' ? node.text : ''
  const out: PhrasingContent[] = []
  text.split('\n').forEach((line, index) => {
    if (index > 0) out.push({type: 'break'})
    if (line !== '') out.push({type: 'text', value: line})
  })
  return out
}
