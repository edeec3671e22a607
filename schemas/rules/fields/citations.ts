import {defineLookupRule, isRecord, itemSegment, referenceId} from '../lookup.ts'
import type {PathSegment, RuleIssue} from '../rule.ts'

interface MarkerPlace {
  id: string
  path: PathSegment[]
}

/** Every citation marker in a Portable Text body, with the path of its reference. */
function citationMarkers(body: unknown): MarkerPlace[] {
  if (!Array.isArray(body)) return []
  const places: MarkerPlace[] = []
  body.forEach((block, blockIndex) => {
    if (!isRecord(block) || !Array.isArray(block.children)) return
    block.children.forEach((child, childIndex) => {
      if (!isRecord(child) || child._type !== 'citationMarker') return
      const id = referenceId(child.citation)
      if (id)
        places.push({
          id,
          path: [itemSegment(block, blockIndex), 'children', itemSegment(child, childIndex), 'citation'],
        })
    })
  })
  return places
}

/** A marker that cites nothing would print a number with no reference behind it. */
export const citationExistsRule = defineLookupRule<readonly unknown[] | null | undefined>({
  id: 'citation-exists',
  severity: 'error',
  description: 'Every citation marker points to an existing, published citation.',
  referencedIds: (body) => [...new Set(citationMarkers(body).map((place) => place.id))],
  check(body, lookup) {
    return citationMarkers(body).flatMap(({id, path}): RuleIssue[] => {
      const document = lookup.getDocument(id)
      if (document?._type === 'citation') return []
      const message = document
        ? `This citation marker points to a ${document._type}, not a citation. Choose the source again, or remove the marker.`
        : `This citation marker points to a source that does not exist or is not published (${id}). Publish the source, choose it again, or remove the marker.`
      return [{path, message}]
    })
  },
})
