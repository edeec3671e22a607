import {defineRule, type PathSegment, type RuleIssue} from '../rule.ts'
import {isRecord, itemSegment} from '../lookup.ts'

/**
 * `[1]`, `[2, 3]`, `[4–6]`, `[2][9]` typed as text: they look like citation markers to a reader, but point to no
 * reference (real markers are `citationMarker` objects, numbered by the renderer). Imports of Markdown whose reference
 * list lacks an entry leave exactly these behind. Reference numbers start at 1, so `[0]` (an index in code) is not one.
 */
const ORPHAN = /\[\s*[1-9]\d{0,2}(?:\s*[,;–—-]\s*[1-9]\d{0,2})*\s*\]/g

/** The bracketed numbers in a text that look like citation markers. */
export function orphanMarkersIn(text: string): string[] {
  return [...text.matchAll(ORPHAN)].map((match) => match[0])
}

export const orphanMarkerRule = defineRule<readonly unknown[] | null | undefined>({
  id: 'citation-marker-orphan',
  severity: 'error',
  description: 'No bracketed number in the body text looks like a citation marker without being one.',
  check(body): RuleIssue[] {
    if (!Array.isArray(body)) return []
    const issues: RuleIssue[] = []
    body.forEach((block, blockIndex) => {
      if (!isRecord(block) || block._type !== 'block' || !Array.isArray(block.children)) return
      block.children.forEach((child, childIndex) => {
        // Most spans hold no bracket: they are passed without running the expression or building a path.
        if (!isRecord(child) || child._type !== 'span' || typeof child.text !== 'string' || !child.text.includes('['))
          return
        const path: PathSegment[] = [itemSegment(block, blockIndex), 'children', itemSegment(child, childIndex)]
        for (const marker of orphanMarkersIn(child.text)) {
          issues.push({
            path,
            message:
              `“${marker}” looks like a citation marker but is plain text, so it points to no reference. Insert a ` +
              'citation marker for the source (or several), or reword the text without the bracketed number.',
          })
        }
      })
    })
    return issues
  },
})
