import type {ElementContent} from 'hast'
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
