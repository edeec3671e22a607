import type {PhrasingContent} from 'mdast'
import type {InlineHandler} from '../state.ts'

/** C0 controls other than tab and line breaks, and DEL: never meant as text, and HTML parsers rewrite some of them. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** A span's text; newlines inside it (any of \n, \r\n, \r) are hard breaks, as editors type them with Shift+Enter. */
export const span: InlineHandler = (node) => {
  const text = typeof node.text === 'string' ? node.text.replace(CONTROL, '') : ''
  const out: PhrasingContent[] = []
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (index > 0) out.push({type: 'break'})
    if (line !== '') out.push({type: 'text', value: line})
  })
  return out
}
