import type {ElementContent} from 'hast'
import type {Node, Root as MdastRoot} from 'mdast'
import type {State} from 'mdast-util-to-hast'
import {figureElement} from './formats/figure-html.ts'
import type {CitationMarker} from './mdast-citation.ts'
import {citingPlaceId, referenceId} from './mdast-citation.ts'
import type {FigureNode} from './mdast-figure.ts'

/**
 * A numbered marker → `<sup class="citation"><a href="#ref-2" id="cite-2-1">[2]</a></sup>`.
 * Adjacent markers stay separate links (`[2][9]`), not a range (`[2,9]`/`[2–4]`): each source keeps its own
 * target and its own back-link place, and the text reads the same in HTML, plain text and Markdown.
 */
export function citationMarkerToHast(_state: State, node: CitationMarker): ElementContent | undefined {
  if (node.number === undefined || node.occurrence === undefined) return undefined
  return {
    type: 'element',
    tagName: 'sup',
    properties: {className: ['citation']},
    children: [
      {
        type: 'element',
        tagName: 'a',
        properties: {href: `#${referenceId(node.number)}`, id: citingPlaceId(node.number, node.occurrence)},
        children: [{type: 'text', value: `[${node.number}]`}],
      },
    ],
  }
}

/** A resolved figure → `<figure><img …><figcaption>…</figcaption></figure>` (see `figureElement`). */
export function figureToHast(_state: State, node: FigureNode): ElementContent | undefined {
  return node.model ? figureElement(node.model) : undefined
}

/**
 * The body's blocks behind one node without children: mdast-util-to-hast starts by walking the whole tree for link
 * and footnote definitions (which Portable Text never yields: its links are inline marks) with unist-util-visit,
 * which names a new function per node (`Object.defineProperty`, for debuggers) — 3% of an export's CPU for a walk
 * that finds nothing. Behind this node the walk sees two nodes; the blocks are then converted as the root's own
 * children are (`deferredBodyToHast`: the root handler's `state.all`), so the HTML is the same.
 */
export interface DeferredBody extends Node {
  type: 'deferredBody'
  /** The real root, for `state.all`. */
  root: MdastRoot
}

declare module 'mdast' {
  interface RootContentMap {
    deferredBody: DeferredBody
  }
}

/** The tree to give remark-rehype: a root holding `root`'s blocks behind one node (`root` itself is not changed). */
export function withDeferredBody(root: MdastRoot): MdastRoot {
  return {...root, children: [{type: 'deferredBody', root}]}
}

export function deferredBodyToHast(state: State, node: DeferredBody): ElementContent[] {
  return state.all(node.root)
}
