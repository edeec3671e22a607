import type {PhrasingContent} from 'mdast'
import type {MarkHandler} from '../state.ts'

/** Inline code holds text only: marks inside it are flattened, hard breaks become spaces, markers keep `[n]` later. */
export const code: MarkHandler = (children) => {
  const inner: PhrasingContent[] = []
  let value = ''
  const flush = () => {
    if (value !== '') inner.push({type: 'inlineCode', value})
    value = ''
  }
  const walk = (nodes: PhrasingContent[]) => {
    for (const node of nodes) {
      if (node.type === 'text') value += node.value
      else if (node.type === 'break') value += ' '
      else if (node.type === 'citationMarker') {
        flush()
        inner.push(node)
      } else if ('children' in node) walk(node.children)
      else if ('value' in node) value += node.value
    }
  }
  walk(children)
  flush()
  return inner
}
