import type {Parent, Root} from 'mdast'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import type {CitationMarker} from './mdast-citation.ts'
import {renderMessage} from './messages.ts'

export interface NumberedCitation {
  /** 1-based, in order of first appearance. */
  number: number
  /** The `citation` document id. */
  id: string
  /** How many places in the body cite it (≥ 1). */
  places: number
}

declare module 'vfile' {
  interface DataMap {
    /** Set by `remarkNumberCitations`: the cited sources in reference-list order. */
    citations: NumberedCitation[]
  }
}

export interface RemarkNumberCitationsOptions {
  /** Ids of the citation documents the article can cite; a marker citing anything else is reported and dropped. */
  available: ReadonlySet<string>
}

/**
 * Numbers citation markers by first appearance across the article: a source cited again keeps its number, and each
 * of its citing places gets an occurrence count so the reference list can link back to every one. A marker without a
 * source, or whose source is missing or unpublished, is reported and removed: a number pointing nowhere would mislead.
 */
export function remarkNumberCitations(options: RemarkNumberCitationsOptions) {
  return (tree: Root, file: VFile) => {
    const byId = new Map<string, NumberedCitation>()
    // A plain walk in document order (unist-util-visit names a function per node, which costs more than the work).
    const walk = (parent: Parent): void => {
      const children = parent.children as Node[]
      let index = 0
      while (index < children.length) {
        const node = children[index]!
        if (node.type === 'citationMarker') {
          const marker = node as CitationMarker
          if (marker.citationId === null || !options.available.has(marker.citationId)) {
            renderMessage(
              file,
              marker.citationId === null
                ? 'A citation marker does not say which source it cites, so it is left out. Choose its source or remove the marker.'
                : `A citation marker cites \`${marker.citationId}\`, which is not a published citation, so it is left out. Publish that citation or choose another source.`,
              {ruleId: 'citation-missing', path: marker.path, actual: marker.citationId ?? undefined},
            )
            children.splice(index, 1)
            continue
          }
          let entry = byId.get(marker.citationId)
          if (!entry) {
            entry = {number: byId.size + 1, id: marker.citationId, places: 0}
            byId.set(marker.citationId, entry)
          }
          entry.places += 1
          marker.number = entry.number
          marker.occurrence = entry.places
        } else if ('children' in node && Array.isArray(node.children)) {
          walk(node as Parent)
        }
        index++
      }
    }
    walk(tree)
    file.data.citations = [...byId.values()]
  }
}
