import type {Definition, Parent} from 'mdast'
import type {Node} from 'unist'

/** How CommonMark matches link labels: case-insensitively, with runs of whitespace as one space. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
}

/** The link reference definitions of a whole file by normalised label; the first of a label wins, as in CommonMark. */
export function definitionsOf(tree: Parent): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  const walk = (node: Node) => {
    if (node.type === 'definition') {
      const definition = node as Definition
      const label = normaliseLabel(definition.identifier)
      if (!definitions.has(label)) definitions.set(label, definition)
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) walk(child)
  }
  walk(tree)
  return definitions
}
