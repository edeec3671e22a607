import {defineRule, type RuleIssue} from '../rule.ts'
import {excerpt, isCodeAt, pathAt, proseBlocks, type ProseValue} from './portable-text.ts'

/** The same word twice with only white space between ("the the"), compared without case. */
const DOUBLED = /(?<![\p{L}\p{N}'’-])(\p{L}+)(\s+)\1(?![\p{L}\p{N}'’-])/giu

/** Repetitions that are often correct English ("she had had enough", "that that is"). */
const GRAMMATICAL = new Set(['had', 'that'])

export const doubledWordRule = defineRule<ProseValue>({
  id: 'doubled-word',
  severity: 'warning',
  description: 'No word is accidentally written twice in a row (“the the”).',
  check(value) {
    const issues: RuleIssue[] = []
    for (const block of proseBlocks(value)) {
      for (const match of block.text.matchAll(DOUBLED)) {
        const word = match[1] ?? ''
        if (GRAMMATICAL.has(word.toLowerCase())) continue
        const second = match.index + word.length + (match[2]?.length ?? 0)
        if (isCodeAt(block, second)) continue
        issues.push({
          path: pathAt(block, second),
          message: `The word “${word}” is written twice in a row in “${excerpt(block.text, match.index, match.index + match[0].length)}”. Delete one of them.`,
        })
      }
    }
    return issues
  },
})
