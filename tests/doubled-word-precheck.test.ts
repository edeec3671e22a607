import {describe, expect, it} from 'vitest'
import {doubledWordRule, mayHoldDoubledWord} from '../schemas/rules/editorial/doubled-words.ts'

/**
 * The doubled-word rule runs its expression only on text its pre-check (one walk over the characters) has not ruled
 * out. The pre-check may let through text without a doubled word, never rule out text with one: checked here
 * against the expression itself on every text the rule is tested with and on many generated ones, with the letters
 * where Unicode case folding differs from lower-casing (Kelvin sign, long s, final sigma, dotted I), astral letters
 * and the characters the expression treats as word edges.
 */

const DOUBLED = /(?<![\p{L}\p{N}'’-])(\p{L}+)(\s+)\1(?![\p{L}\p{N}'’-])/giu

const ALPHABET = [
  'a',
  'A',
  'b',
  'k',
  'K',
  '\u212A',
  's',
  'S',
  '\u017F',
  'é',
  'É',
  'σ',
  'ς',
  'Σ',
  'ß',
  'ẞ',
  'İ',
  'i',
  'ı',
  '\u{10400}',
  '\u{10428}',
  ' ',
  ' ',
  '\n',
  '\u00A0',
  '\u2003',
  '-',
  "'",
  '’',
  '1',
  '.',
  '\uFFFC',
]

/** A small deterministic generator (mulberry32), so a failure names a text that fails again. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function generated(count: number): string[] {
  const next = random(18)
  return Array.from({length: count}, () => {
    const words = 1 + Math.floor(next() * 8)
    let text = ''
    for (let index = 0; index < words; index++) {
      const length = 1 + Math.floor(next() * 3)
      for (let char = 0; char < length; char++) text += ALPHABET[Math.floor(next() * ALPHABET.length)]
    }
    return text
  })
}

const written = [
  'The the dose is low.',
  'She had had enough; that that is so.',
  'Call your your doctor.',
  'Kelvin \u212Aelvin k K',
  'ſs sſ SS ss',
  'Σίσυφος σίσυφος',
  'well-being being',
  "don't don't",
  'no doubled words here at all',
  'İstanbul istanbul',
  '\u{10400}\u{10428} \u{10428}\u{10428}',
]

describe('the doubled-word pre-check', () => {
  it('lets through every text the expression finds a doubled word in', () => {
    let matched = 0
    for (const text of [...written, ...generated(50_000)]) {
      if (!DOUBLED.test(text)) continue
      DOUBLED.lastIndex = 0
      matched++
      expect(mayHoldDoubledWord(text), JSON.stringify(text)).toBe(true)
    }
    // The generated texts do double words: the check above is not vacuous.
    expect(matched).toBeGreaterThan(200)
  })

  it('rules out prose without a doubled word', () => {
    expect(mayHoldDoubledWord('Babies sleep a lot in the first weeks, and that is normal.')).toBe(false)
    expect(mayHoldDoubledWord('A sentence.\uFFFC Another one, with a marker.')).toBe(false)
  })

  it('leaves the rule’s findings as the expression alone gives them', () => {
    expect(doubledWordRule.check('Call your your doctor; she had had enough.', undefined)).toHaveLength(1)
    expect(doubledWordRule.check('Kelvin \u212Aelvin', undefined)).toHaveLength(1)
  })
})
