import type {Unsafe} from 'mdast-util-to-markdown'

interface PatternIndex {
  /** For each ASCII code, the index of that character in `characters`, or -1. */
  slots: Int16Array
  characters: string[]
  /** Pattern characters outside ASCII (none in mdast-util-to-markdown 2), looked for one by one. */
  others: string[]
  /** Scratch: which of `characters` the current text holds. */
  seen: Uint8Array
  /** The patterns that apply, by the characters present (few distinct sets occur in prose). */
  byPresent: Map<string, Unsafe[]>
}

const indexes = new WeakMap<readonly Unsafe[], PatternIndex>()

/**
 * The patterns of `all` whose character occurs in `value`, in their order. One pass over the text with a lookup
 * table, and the filtered list remembered per set of characters present: filtering ~85 patterns with `includes`
 * for every text node cost as much as the escaping it saved.
 */
export function patternsPresentIn(all: readonly Unsafe[], value: string): Unsafe[] {
  let index = indexes.get(all)
  if (index === undefined) {
    index = indexPatterns(all)
    indexes.set(all, index)
  }
  const {slots, characters, others, seen} = index
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
    patterns = all.filter((pattern) => set.has(pattern.character))
    index.byPresent.set(key, patterns)
  }
  return patterns
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
  return {slots, characters, others, seen: new Uint8Array(characters.length), byPresent: new Map()}
}
