import type {ElementContent} from 'hast'
import type {Node, Root as MdastRoot, RootContent} from 'mdast'
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
 * A top-level body block behind a node without children: mdast-util-to-hast starts by walking the whole tree for
 * link and footnote definitions (which Portable Text never yields: its links are inline marks) with
 * unist-util-visit, which names a new function per node (`Object.defineProperty`, for debuggers) — 3% of an
 * export's CPU for a walk that finds nothing. Behind these, the walk sees the root and its blocks only; each block is
 * then converted as the root's own child would be (`deferredBlockToHast`), so the HTML is the same.
 */
export interface DeferredBlock extends Node {
  type: 'deferredBlock'
  block: RootContent
  /** The block's real parent, for handlers that look at it. */
  root: MdastRoot
}

declare module 'mdast' {
  interface RootContentMap {
    deferredBlock: DeferredBlock
  }
}

/** The tree to give remark-rehype: `root` with each block deferred (`root` itself is not changed). */
export function withDeferredBlocks(root: MdastRoot): MdastRoot {
  return {...root, children: root.children.map((block) => ({type: 'deferredBlock', block, root}))}
}

export function deferredBlockToHast(state: State, node: DeferredBlock): ElementContent | ElementContent[] | undefined {
  return state.one(node.block, node.root)
}
