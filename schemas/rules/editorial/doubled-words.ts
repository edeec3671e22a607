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
      if (!mayHoldDoubledWord(block.text)) continue
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

const OTHER = 0
const LETTER = 1
const SPACE = 2
/** A UTF-16 surrogate: the expression reads code points, this scan code units, so it gives up on them. */
const SURROGATE = 3

/** Not classified yet. */
const UNKNOWN = 255

/**
 * `\p{L}` and `\s` (with the `u` flag) per UTF-16 code unit, each decided by the expressions once and remembered in a
 * table (64 KB) read by index, the cheapest lookup per character.
 */
const KINDS = new Uint8Array(0x10000).fill(UNKNOWN)

function kindOf(code: number): number {
  const kind = KINDS[code]!
  return kind === UNKNOWN ? classify(code) : kind
}

function classify(code: number): number {
  const char = String.fromCharCode(code)
  const kind =
    code >= 0xd800 && code <= 0xdfff ? SURROGATE : /\p{L}/u.test(char) ? LETTER : /\s/u.test(char) ? SPACE : OTHER
  KINDS[code] = kind
  return kind
}

/**
 * False only when DOUBLED cannot match `text`, found in one walk over its characters; the expression (a look-behind
 * and a case-insensitive back-reference tried at every letter) was most of the rule's cost, and prose almost never
 * doubles a word. Every match is two whole runs of letters with only white space between them (white space must
 * follow the first word, no letter may follow the second) of the same length and equal ignoring case. So a pair of
 * such runs where any letter is beyond ASCII, or the text holds a surrogate, counts as a possible match, and the
 * expression decides.
 */
export function mayHoldDoubledWord(text: string): boolean {
  let previousStart = -1
  let previousLength = 0
  let spaces = 0
  let onlySpaces = false
  let index = 0
  const length = text.length
  while (index < length) {
    const kind = kindOf(text.charCodeAt(index))
    if (kind === SURROGATE) return true
    if (kind !== LETTER) {
      if (kind === SPACE) spaces++
      else onlySpaces = false
      index++
      continue
    }
    const start = index
    let next = index + 1
    for (; next < length; next++) {
      const following = kindOf(text.charCodeAt(next))
      if (following === SURROGATE) return true
      if (following !== LETTER) break
    }
    const wordLength = next - start
    if (
      onlySpaces &&
      spaces > 0 &&
      wordLength === previousLength &&
      sameLetters(text, previousStart, start, wordLength)
    )
      return true
    previousStart = start
    previousLength = wordLength
    spaces = 0
    onlySpaces = true
    index = next
  }
  return false
}

/** Equal ignoring ASCII case; a pair with a letter beyond ASCII may be equal under Unicode case folding. */
function sameLetters(text: string, first: number, second: number, length: number): boolean {
  for (let offset = 0; offset < length; offset++) {
    const a = text.charCodeAt(first + offset)
    const b = text.charCodeAt(second + offset)
    if (a === b) continue
    if (a >= 128 || b >= 128) return true
    // Both are ASCII letters here: they differ at most in the case bit.
    if ((a | 0x20) !== (b | 0x20)) return false
  }
  return true
}
