import {defineRule, type RuleIssue} from '../rule.ts'
import {excerpt, INLINE_OBJECT, isCodeAt, pathAt, proseBlocks, type ProseValue} from './portable-text.ts'

/**
 * A lowercase word of two or more letters, sentence punctuation, then a capitalised word: "them.Also". This
 * leaves alone abbreviations with one-letter parts ("e.g.", "i.e.", "U.S."), decimals ("2.5"), file and
 * domain names whose next part is lowercase ("Node.js", "nhs.uk"), and acronyms ("ADHD.The" is caught by
 * neither side being lowercase, a deliberate miss). Citation markers between the two ("health.[1]Also")
 * still count as a missing space.
 */
const MISSING_SPACE = new RegExp(`(\\p{Ll}{2,})([.!?])${INLINE_OBJECT}*(\\p{Lu}\\p{Ll})`, 'gu')

/** Every match of MISSING_SPACE contains this, and most prose (a space after each full stop) does not: tested first. */
const END_THEN_CAPITAL = new RegExp(`[.!?]${INLINE_OBJECT}*\\p{Lu}`, 'u')

/** Web and email addresses may legitimately contain "word.Word". */
const ADDRESS = /(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$|\S+@\S*$/i

/** Text extracted from PDFs and web pages loses the space where bold text or a link met the sentence. */
export const missingSpaceRule = defineRule<ProseValue>({
  id: 'missing-space',
  severity: 'warning',
  description: 'A space follows the full stop, question mark or exclamation mark that ends a sentence.',
  check(value) {
    const issues: RuleIssue[] = []
    for (const block of proseBlocks(value)) {
      if (!END_THEN_CAPITAL.test(block.text)) continue
      for (const match of block.text.matchAll(MISSING_SPACE)) {
        const at = match.index + (match[1]?.length ?? 0)
        const before = block.text.slice(0, at).split(/\s/).at(-1) ?? ''
        if (ADDRESS.test(before) || isCodeAt(block, at)) continue
        const next = block.text.slice(at).search(/[\s,;:]/)
        const quoted = excerpt(block.text, match.index, next === -1 ? block.text.length : at + next, 0)
        issues.push({
          path: pathAt(block, at),
          message: `A space is missing after “${match[2]}” in “${quoted}”. Add a space between the sentences.`,
        })
      }
    }
    return issues
  },
})
