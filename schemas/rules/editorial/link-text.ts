import {defineRule, type RuleIssue} from '../rule.ts'
import {textBlocks} from './portable-text.ts'

/** Link texts that say nothing about where the link goes, compared after lowercasing and trimming punctuation. */
export const VAGUE_LINK_TEXTS = new Set([
  'click here',
  'click',
  'here',
  'this',
  'this link',
  'link',
  'read more',
  'more',
  'learn more',
  'find out more',
  'more info',
  'more information',
  'this page',
  'this article',
  'this website',
  'website',
  'go',
  'see here',
])

const BARE_URL = /^(?:https?:\/\/|www\.)\S+$/i

/**
 * Screen-reader users jump from link to link and hear each text on its own, and everyone scans links: "click
 * here" or a raw address tells neither where the link leads.
 */
export const linkTextRule = defineRule<readonly unknown[] | null | undefined>({
  id: 'link-text',
  severity: 'warning',
  description: 'Link text says where the link goes (not “click here”, “read more” or a bare web address).',
  check(body) {
    const issues: RuleIssue[] = []
    for (const block of textBlocks(body)) {
      const linkKeys = new Set(
        block.markDefs
          .filter((def) => def._type === 'link' && typeof def._key === 'string')
          .map((def) => def._key as string),
      )
      // A link is the run of consecutive children carrying the same link mark.
      let index = 0
      while (index < block.children.length) {
        const child = block.children[index]
        const key = child?.marks.find((mark) => linkKeys.has(mark))
        if (!child || !key) {
          index++
          continue
        }
        let end = index
        while (end + 1 < block.children.length && block.children[end + 1]?.marks.includes(key)) end++
        const text = block.text.slice(child.start, block.children[end]?.end ?? child.end).trim()
        const normalised = text.toLowerCase().replace(/^[\s"'“‘(]+|[\s"'”’).,:;!?…]+$/g, '')
        const path = block.segment === null ? [] : [block.segment, 'children', child.segment]
        if (VAGUE_LINK_TEXTS.has(normalised)) {
          issues.push({
            path,
            message: `The link text “${text}” does not say where the link goes. Use words that name the destination, such as “the CDC guide to infant development”.`,
          })
        } else if (BARE_URL.test(text)) {
          issues.push({
            path,
            message: `The link text is a bare web address (“${text}”), which screen readers spell out character by character. Use words that name the page instead.`,
          })
        }
        index = end + 1
      }
    }
    return issues
  },
})
