import type {Element, Root} from 'hast'

/**
 * Calls `each` for every element of `tree` in document order, as `visit(tree, 'element', each)` does. unist-util-visit
 * gives every node it passes a freshly named function (for debugging), which made the renderer's few walks over the
 * body about a tenth of its CPU; this plain walk is what they need.
 */
export function eachElement(tree: Root | Element, each: (node: Element) => void): void {
  for (const child of tree.children) {
    if (child.type !== 'element') continue
    each(child)
    eachElement(child, each)
  }
}
