import type {Root} from 'mdast'
import {SKIP, visit} from 'unist-util-visit'
import type {VFile} from 'vfile'
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
    visit(tree, 'citationMarker', (node, index, parent) => {
      if (node.citationId === null || !options.available.has(node.citationId)) {
        renderMessage(
          file,
          node.citationId === null
            ? 'A citation marker does not say which source it cites, so it is left out. Choose its source or remove the marker.'
            : `A citation marker cites \`${node.citationId}\`, which is not a published citation, so it is left out. Publish that citation or choose another source.`,
          {ruleId: 'citation-missing', path: node.path, actual: node.citationId ?? undefined},
        )
        if (parent && index !== undefined) {
          parent.children.splice(index, 1)
          return [SKIP, index]
        }
        return undefined
      }
      let entry = byId.get(node.citationId)
      if (!entry) {
        entry = {number: byId.size + 1, id: node.citationId, places: 0}
        byId.set(node.citationId, entry)
      }
      entry.places += 1
      node.number = entry.number
      node.occurrence = entry.places
      return undefined
    })
    file.data.citations = [...byId.values()]
  }
}
