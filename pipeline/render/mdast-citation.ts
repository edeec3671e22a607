import type {Data, Node} from 'mdast'
import type {PathSegment} from '../../schemas/rules/rule.ts'

/**
 * An inline citation marker in mdast. Portable Text → mdast creates it with the cited document's id;
 * `remarkNumberCitations` gives it its number and which citing place of that source it is.
 */
export interface CitationMarker extends Node {
  type: 'citationMarker'
  /** The cited `citation` document, or null when the marker has no reference. */
  citationId: string | null
  /** Where the marker sits in the article (`['body', {_key}, 'children', {_key}]`). */
  path: PathSegment[]
  /** 1-based, by first appearance across the article. */
  number?: number
  /** 1-based count of this source's citing places up to this one. */
  occurrence?: number
  data?: Data
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citationMarker: CitationMarker
  }
  interface RootContentMap {
    citationMarker: CitationMarker
  }
}

/** Anchor ids shared by the marker links and the reference list's back-links. */
export function referenceId(number: number): string {
  return `ref-${number}`
}

export function citingPlaceId(number: number, occurrence: number): string {
  return `cite-${number}-${occurrence}`
}
