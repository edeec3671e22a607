import {isRecord, itemSegment} from '../lookup.ts'
import {defineRule, type RuleIssue} from '../rule.ts'

const HEADING = /^h([1-6])$/

/**
 * Screen readers and the exported outline navigate by heading level, so levels never skip (a Heading 4
 * straight after a Heading 2), and the body starts at Heading 2 because the article title is the Heading 1.
 */
export const headingOrderRule = defineRule<readonly unknown[] | null | undefined>({
  id: 'heading-order',
  severity: 'error',
  description: 'The first heading is a Heading 2, and heading levels never skip one (Heading 2, then 3, then 4).',
  check(body) {
    if (!Array.isArray(body)) return []
    const issues: RuleIssue[] = []
    let previous = 1
    body.forEach((block, index) => {
      if (!isRecord(block) || block._type !== 'block' || typeof block.style !== 'string') return
      const match = HEADING.exec(block.style)
      if (!match) return
      const level = Number(match[1])
      const path = [itemSegment(block, index), 'style']
      if (level === 1) {
        issues.push({
          path,
          message:
            'The body cannot use Heading 1: the article title is the Heading 1. Change this heading to Heading 2.',
        })
      } else if (previous === 1 && level > 2) {
        issues.push({
          path,
          message: `The first heading of the body is a Heading ${level}; it must be a Heading 2. Change it to Heading 2.`,
        })
      } else if (level > previous + 1) {
        issues.push({
          path,
          message: `This Heading ${level} comes straight after a Heading ${previous}, skipping a level. Make it a Heading ${previous + 1}, or add a Heading ${previous + 1} above it.`,
        })
      }
      previous = level
    })
    return issues
  },
})
