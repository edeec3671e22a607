import {defineRule, type RuleIssue} from '../rule.ts'
import {textBlocks} from './portable-text.ts'

/**
 * Empty blocks are left behind by pressing Enter twice or deleting a heading's text. An empty heading breaks
 * the outline and screen-reader navigation (an error); an empty paragraph or list item only shows as a gap
 * or a stray bullet (a warning).
 */
export const emptyBlockRule = defineRule<readonly unknown[] | null | undefined>({
  id: 'empty-block',
  severity: 'warning',
  description: 'Headings, paragraphs and list items have text.',
  check(body) {
    const issues: RuleIssue[] = []
    for (const block of textBlocks(body)) {
      // A citation marker (U+FFFC in the text) counts as content: it is no white space, so `trim` keeps it.
      if (block.text.trim() !== '') continue
      const path = block.segment === null ? [] : [block.segment]
      if (/^h[1-6]$/.test(block.style)) {
        issues.push({
          path,
          severity: 'error',
          message: 'This heading is empty. Type the heading text, or delete the empty heading.',
        })
      } else if (block.listItem) {
        issues.push({
          path,
          message: 'This list item is empty and shows as a lone bullet or number. Delete it or add its text.',
        })
      } else {
        issues.push({
          path,
          message: 'This paragraph is empty. Delete it: spacing between paragraphs is added automatically.',
        })
      }
    }
    return issues
  },
})
