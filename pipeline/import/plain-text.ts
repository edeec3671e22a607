import type {Nodes} from 'mdast'

/** The text of an mdast node as a reader sees it: images by their description, breaks as line breaks. */
export function plainText(node: Nodes): string {
  if (node.type === 'break') return '\n'
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('value' in node && typeof node.value === 'string')
    return node.type === 'html' || node.type === 'yaml' ? '' : node.value
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('')
  return ''
}
