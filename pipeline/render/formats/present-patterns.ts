import type {Unsafe} from 'mdast-util-to-markdown'

interface PatternIndex {
  /**
   * For each ASCII code, the bit of that character in a mask of the characters present, or 0; null where the
   * characters do not fit in 32 bits (then `slots` and `seen` are used).
   */
  bits: Int32Array | null
  /** The patterns that apply, by the mask of the characters present. */
  byMask: Map<number, PresentPatterns>
  /** For each ASCII code, the index of that character in `characters`, or -1. */
  slots: Int16Array
  characters: string[]
  /** Pattern characters outside ASCII (none in mdast-util-to-markdown 2), looked for one by one. */
  others: string[]
  /** Scratch: which of `characters` the current text holds. */
  seen: Uint8Array
  /** The patterns that apply, by the characters present (few distinct sets occur in prose). */
  byPresent: Map<string, PresentPatterns>
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
 * The patterns of `all` whose character occurs in `value`, in their order. One pass over the text with a lookup
 * table, and the filtered list remembered per set of characters present: filtering ~85 patterns with `includes`
 * for every text node cost as much as the escaping it saved.
 */
export function patternsPresentIn(all: readonly Unsafe[], value: string): PresentPatterns {
  const index = indexFor(all)
  const {bits, slots, characters, others, seen} = index
  if (bits !== null) {
    // One integer for the characters present: no scratch to clear, no list, no key to build (this function was a
    // quarter of article.md's cost with them).
    let mask = 0
    for (let offset = 0; offset < value.length; offset++) {
      const code = value.charCodeAt(offset)
      if (code < 128) mask |= bits[code]!
    }
    let patterns = index.byMask.get(mask)
    if (patterns === undefined) {
      const bit = (character: string): number =>
        character.length === 1 && character.charCodeAt(0) < 128 ? bits[character.charCodeAt(0)]! : -1
      // Characters outside the mask (the library's empty one, any outside ASCII) are taken as present.
      patterns = {
        patterns: all.filter((pattern) => bit(pattern.character) === -1 || (mask & bit(pattern.character)) !== 0),
      }
      index.byMask.set(mask, patterns)
    }
    return patterns
  }
  seen.fill(0)
  for (let offset = 0; offset < value.length; offset++) {
    const code = value.charCodeAt(offset)
    if (code < 128) {
      const slot = slots[code]!
      if (slot >= 0) seen[slot] = 1
    }
  }
  const present: string[] = []
  for (let slot = 0; slot < seen.length; slot++) if (seen[slot] === 1) present.push(characters[slot]!)
  for (const character of others) if (value.includes(character)) present.push(character)
  const key = present.join('\u0000')
  let patterns = index.byPresent.get(key)
  if (patterns === undefined) {
    const set = new Set(present)
    patterns = {patterns: all.filter((pattern) => set.has(pattern.character))}
    index.byPresent.set(key, patterns)
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

function indexPatterns(all: readonly Unsafe[]): PatternIndex {
  const slots = new Int16Array(128).fill(-1)
  const characters: string[] = []
  const others: string[] = []
  for (const {character} of all) {
    if (character.length === 1 && character.charCodeAt(0) < 128) {
      const code = character.charCodeAt(0)
      if (slots[code] === -1) {
        slots[code] = characters.length
        characters.push(character)
      }
    } else if (!others.includes(character)) {
      others.push(character)
    }
  }
  // A bit for each character, but one for all control characters other than tab and line endings (patterns for
  // them are only kept together): the patterns a mask keeps may then include some whose character is absent, which
  // cannot match, so the output is the same.
  let bits: Int32Array | null = new Int32Array(128)
  let next = 0
  let control = 0
  for (const character of characters) {
    const code = character.charCodeAt(0)
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) bits[code] = control ||= 1 << next++
    else bits[code] = 1 << next++
  }
  if (next > 32) bits = null
  return {
    bits,
    byMask: new Map(),
    slots,
    characters,
    others,
    seen: new Uint8Array(characters.length),
    byPresent: new Map(),
  }
}
