import type {Unsafe} from 'mdast-util-to-markdown'

interface PatternIndex {
  /** For each ASCII code, the bit of that character in a mask of the characters present, or 0. */
  bits: Int32Array
  /** The patterns that apply, by the mask of the characters present (few distinct sets occur in prose). */
  byMask: Map<number, PresentPatterns>
}

/** The patterns whose character a text holds, and one expression that matches wherever any of them does. */
export interface PresentPatterns {
  patterns: Unsafe[]
  /** The expressions of the patterns in scope (`anyPattern`), by construct stack. */
  any?: Map<string, RegExp | null>
}

/**
 * mdast-util-to-markdown builds a new list of patterns for every document it writes, of the same pattern objects:
 * the index is found by list first, then by the patterns it holds, so each article reuses what the ones before it
 * compiled (rebuilding it per article cost more than the escaping it saves).
 */
const indexes = new WeakMap<readonly Unsafe[], PatternIndex>()
const indexesByPatterns = new Map<string, PatternIndex>()
const patternIds = new WeakMap<Unsafe, number>()
let nextPatternId = 0

function indexFor(all: readonly Unsafe[]): PatternIndex {
  let index = indexes.get(all)
  if (index === undefined) {
    const key = all
      .map((pattern) => {
        let id = patternIds.get(pattern)
        if (id === undefined) patternIds.set(pattern, (id = nextPatternId++))
        return id
      })
      .join(',')
    index = indexesByPatterns.get(key)
    if (index === undefined) {
      index = indexPatterns(all)
      indexesByPatterns.set(key, index)
    }
    indexes.set(all, index)
  }
  return index
}

/**
 * The patterns of `all` whose character occurs in `value`, in their order, and maybe some whose character does not
 * (those cannot match: the output is the same). One pass over the text building an integer of the characters
 * present, and the filtered list remembered per integer: filtering ~85 patterns for every text node cost as much as
 * the escaping it saved, and a list or key of the characters present was a quarter of article.md's cost.
 */
export function patternsPresentIn(all: readonly Unsafe[], value: string): PresentPatterns {
  const index = indexFor(all)
  const {bits} = index
  let mask = 0
  for (let offset = 0; offset < value.length; offset++) {
    const code = value.charCodeAt(offset)
    if (code < 128) mask |= bits[code]!
  }
  let patterns = index.byMask.get(mask)
  if (patterns === undefined) {
    const bit = (character: string): number =>
      character.length === 1 && character.charCodeAt(0) < 128 ? bits[character.charCodeAt(0)]! : 0
    // A character without a bit (the library's empty one, any outside ASCII) is taken as present.
    patterns = {
      patterns: all.filter((pattern) => {
        const own = bit(pattern.character)
        return own === 0 || (mask & own) !== 0
      }),
    }
    index.byMask.set(mask, patterns)
  }
  return patterns
}

/**
 * One expression that finds, from `lastIndex`, the first place where any of `present`'s patterns in scope where the
 * text is written (`stack`) would escape a character: each pattern as mdast-util-to-markdown compiles it, its
 * `before` (and `atBreak`) as a lookbehind and its `after` as a lookahead, so a match is the character alone. It
 * finds every place the pattern's own expression finds (and the ones an earlier match of it would have hidden), so
 * where it finds none in the text, escaping leaves the text as it is. Null where no one expression can stand for
 * them: a pattern tied to the neighbouring node (mdast-util-to-markdown then matches a slice of the text, where `^`
 * and `$` move) or one compiled with the `u` flag. A pattern wrongly kept here only costs the full escaping; none
 * in scope may be left out.
 */
export function anyPattern(
  present: PresentPatterns,
  stack: readonly string[],
  key: string = stackKey(stack),
): RegExp | null {
  present.any ??= new Map()
  let any = present.any.get(key)
  if (any === undefined) {
    const patterns = present.patterns.filter((pattern) => inScope(stack, pattern))
    any = patterns.some((pattern) => pattern.beforeNode || pattern.afterNode || pattern.unicode)
      ? null
      : // No pattern: an expression that never matches.
        new RegExp(patterns.map(characterOnly).join('|') || '[^\\s\\S]', 'g')
    present.any.set(key, any)
  }
  return any
}

/** What `anyPattern` files its expressions under: a caller with a fixed stack passes it, made once. */
export function stackKey(stack: readonly string[]): string {
  return stack.join('\u0000')
}

/** `compilePattern`'s expression with the character alone matched. */
function characterOnly(pattern: Unsafe): string {
  const before = `${pattern.atBreak ? '[\\r\\n][\\t ]*' : ''}${pattern.before ? `(?:${pattern.before})` : ''}`
  const character = `${/[$()*+.?[\\\]^{|}]/.test(pattern.character) ? '\\' : ''}${pattern.character}`
  return `(?:${before ? `(?<=${before})` : ''}${character}${pattern.after ? `(?=${pattern.after})` : ''})`
}

/** mdast-util-to-markdown's rule (`patternInScope`, not exported): in one of `inConstruct`, in none of `notInConstruct`. */
function inScope(stack: readonly string[], pattern: Unsafe): boolean {
  const within = (list: Unsafe['inConstruct']): boolean | null => {
    const constructs = typeof list === 'string' ? [list] : (list ?? [])
    return constructs.length === 0 ? null : constructs.some((construct) => stack.includes(construct))
  }
  return (within(pattern.inConstruct) ?? true) && !(within(pattern.notInConstruct) ?? false)
}

/**
 * A bit for each ASCII pattern character, but one for all control characters other than tab and line endings, and
 * the last bit for every character beyond the 32nd: characters sharing a bit only keep patterns whose character may
 * be absent, which cannot match, so the output is the same.
 */
function indexPatterns(all: readonly Unsafe[]): PatternIndex {
  const bits = new Int32Array(128)
  let next = 0
  let control = 0
  const nextBit = (): number => 1 << Math.min(next++, 31)
  for (const {character} of all) {
    const code = character.length === 1 ? character.charCodeAt(0) : 128
    if (code >= 128 || bits[code] !== 0) continue
    bits[code] = code < 32 && code !== 9 && code !== 10 && code !== 13 ? (control ||= nextBit()) : nextBit()
  }
  return {bits, byMask: new Map()}
}
