import type {Element, ElementContent, Root} from 'hast'
import {citingPlaceId, referenceId} from './mdast-citation.ts'

export interface ReferenceListEntry {
  number: number
  /** Citing places of this source in the body (each gets a back-link). */
  places: number
  /** The formatted entry (from citation-js). */
  children: ElementContent[]
}

export interface RehypeReferenceListOptions {
  entries: readonly ReferenceListEntry[]
  /** @defaultValue 'References' */
  heading?: string
}

/** The id of the reference list's heading. */
export const REFERENCES_HEADING_ID = 'references'

/**
 * Appends the numbered reference list: `<li id="ref-n">` per source, in citation order, each followed by one
 * back-link per citing place (`↩︎`, named "Back to citation n, place k" for screen readers). Nothing is added
 * when the article cites nothing.
 */
export function rehypeReferenceList(options: RehypeReferenceListOptions) {
  return (tree: Root) => {
    if (options.entries.length === 0) return
    const items = options.entries.map((entry): Element => {
      const backLinks: ElementContent[] = []
      for (let place = 1; place <= entry.places; place++) {
        backLinks.push(
          {type: 'text', value: ' '},
          {
            type: 'element',
            tagName: 'a',
            properties: {
              href: `#${citingPlaceId(entry.number, place)}`,
              className: ['citation-backlink'],
              ariaLabel:
                entry.places === 1
                  ? `Back to citation ${entry.number} in the text`
                  : `Back to citation ${entry.number}, place ${place} of ${entry.places}`,
            },
            // U+FE0E asks for the text form of the arrow, not an emoji.
            children: [{type: 'text', value: '\u21A9\uFE0E'}],
          },
        )
      }
      return {
        type: 'element',
        tagName: 'li',
        properties: {id: referenceId(entry.number)},
        children: [...entry.children, ...backLinks],
      }
    })
    tree.children.push(
      {type: 'text', value: '\n'},
      {
        type: 'element',
        tagName: 'section',
        properties: {className: ['references'], ariaLabelledBy: [REFERENCES_HEADING_ID]},
        children: [
          {
            type: 'element',
            tagName: 'h2',
            properties: {id: REFERENCES_HEADING_ID},
            children: [{type: 'text', value: options.heading ?? 'References'}],
          },
          {type: 'element', tagName: 'ol', properties: {}, children: items},
        ],
      },
    )
  }
}
