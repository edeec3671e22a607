import {automatedReadability} from 'automated-readability'
import {colemanLiau} from 'coleman-liau'
import {daleChall} from 'dale-chall'
import {daleChallFormula} from 'dale-chall-formula'
import {flesch} from 'flesch'
import {fleschKincaid} from 'flesch-kincaid'
import {gunningFog} from 'gunning-fog'
import {smogFormula} from 'smog-formula'
import {spache} from 'spache'
import {spacheFormula} from 'spache-formula'
import {syllable} from 'syllable'
import {englishSentences} from './english-sentences.ts'

/**
 * Readability of English text: the counts and the seven formulas retext-readability uses (computed here over
 * the whole text, where retext-readability scores sentence by sentence), plus Flesch–Kincaid, reading time
 * and the hardest sentences. Pure and browser-safe: the Studio, validation and article.json share it.
 *
 * Counting follows retext-readability exactly (sentences and words as retext-english splits them, here from
 * `englishSentences` without its syntax tree; `syllable` counts; a "complex" word has 3+ syllables and is not
 * capitalised), so a sentence it flags scores high here too.
 */

export interface HardSentence {
  text: string
  /** Flesch–Kincaid grade of the sentence on its own, one decimal. */
  grade: number
  words: number
  /** Offsets of the sentence in the measured text (UTF-16 code units, end exclusive). */
  start: number
  end: number
}

export interface Readability {
  words: number
  sentences: number
  syllables: number
  /** Words of three or more syllables. */
  polysyllabicWords: number
  /** At 200 words a minute, rounded up (0 for no words). */
  readingMinutes: number
  /** US school grade (Flesch–Kincaid 1975); 8 means a 13–14 year old reads it comfortably. */
  fleschKincaidGrade: number
  /** 0–100, higher is easier (Flesch 1948); 60–70 is plain English. */
  fleschReadingEase: number
  gunningFog: number
  smog: number
  colemanLiau: number
  automatedReadability: number
  /** Dale–Chall raw score (4.9 or lower: grade 4; 9.0–9.9: grades 13–15). */
  daleChall: number
  spache: number
  /** The hardest sentences of at least `minWords` words, hardest first. */
  hardestSentences: HardSentence[]
}

export interface ReadabilityOptions {
  /** How many hard sentences to return. @defaultValue 3 */
  maxHardest?: number
  /** Shorter sentences are not ranked: one long word skews a short sentence's score. @defaultValue 5 */
  minWords?: number
}

export const WORDS_PER_MINUTE = 200

const familiarWords = new Set(spache)
const easyWords = new Set(daleChall)

// A type alias, not an interface: the formula packages take `Record<string, number>`-shaped counts.
type Counts = {
  word: number
  sentence: number
  syllable: number
  letter: number
  character: number
  polysillabicWord: number
  complexPolysillabicWord: number
  difficultWord: number
  unfamiliarWord: number
}

export function measureReadability(text: string, options: ReadabilityOptions = {}): Readability {
  const maxHardest = options.maxHardest ?? 3
  const minWords = options.minWords ?? 5
  const total = emptyCounts()
  const ranked: Array<{grade: number; word: number; start: number; end: number}> = []
  const unfamiliar = new Set<string>()

  for (const sentence of englishSentences(text)) {
    if (sentence.words.length === 0) continue
    const counts = countSentence(sentence.words, total, unfamiliar)
    if (counts.word >= minWords)
      ranked.push({grade: counts.grade, word: counts.word, start: sentence.start, end: sentence.end})
  }
  // Spache counts each distinct unfamiliar word once per text.
  total.unfamiliarWord = unfamiliar.size

  ranked.sort((a, b) => b.grade - a.grade || a.start - b.start)
  // The text of the few sentences shown, not of every one ranked.
  const hardestSentences = ranked.slice(0, maxHardest).map(({grade, word, start, end}) => ({
    text: text.slice(start, end).replace(/\s+/g, ' ').trim(),
    grade,
    words: word,
    start,
    end,
  }))
  return {
    words: total.word,
    sentences: total.sentence,
    syllables: total.syllable,
    polysyllabicWords: total.polysillabicWord,
    readingMinutes: Math.ceil(total.word / WORDS_PER_MINUTE),
    fleschKincaidGrade: score(fleschKincaid(total)),
    fleschReadingEase: score(flesch(total)),
    gunningFog: score(gunningFog(total)),
    smog: score(smogFormula(total)),
    colemanLiau: score(colemanLiau(total)),
    automatedReadability: score(automatedReadability(total)),
    daleChall: score(daleChallFormula(total)),
    spache: score(spacheFormula(total)),
    hardestSentences,
  }
}

/**
 * Counts as retext-readability does per sentence, except for the word lists: over a whole text the formulas'
 * own definitions apply, so Dale–Chall counts every occurrence of a word off its list of easy words and
 * Spache's distinct unfamiliar words are collected across sentences.
 */
function countSentence(
  words: readonly string[],
  total: Counts,
  unfamiliar: Set<string>,
): {grade: number; word: number} {
  let syllables = 0
  let letters = 0
  let polysyllabic = 0
  let complex = 0
  let difficult = 0
  for (const value of words) {
    const word = wordFacts(value)
    syllables += word.syllables
    letters += value.length
    if (word.syllables >= 3) {
      polysyllabic++
      if (word.complex) complex++
    }
    if (word.difficult) difficult++
    if (word.unfamiliar) unfamiliar.add(word.caseless)
  }
  total.sentence++
  total.word += words.length
  total.syllable += syllables
  total.letter += letters
  total.character += letters
  total.polysillabicWord += polysyllabic
  total.complexPolysillabicWord += complex
  total.difficultWord += difficult
  return {grade: round(fleschKincaid({sentence: 1, word: words.length, syllable: syllables})), word: words.length}
}

/** What the formulas need to know of a word form, found once per form. */
interface WordFacts {
  caseless: string
  syllables: number
  /** Three or more syllables and not capitalised (capitalised long words are mostly names, which Gunning fog
   * does not count as complex). */
  complex: boolean
  /** Not on Dale–Chall's list of easy words. */
  difficult: boolean
  /** Not on Spache's list of familiar words. */
  unfamiliar: boolean
}

/**
 * `syllable` is pure but runs a dozen regular expressions per word, and prose repeats its words: remembered per
 * word form (with its lower case and its place on the word lists), a 1,500-word article costs a few hundred
 * lookups instead. Bounded so a long-running Studio session cannot grow it without limit.
 */
const wordCache = new Map<string, WordFacts>()
const WORD_CACHE_LIMIT = 50_000

function wordFacts(word: string): WordFacts {
  let facts = wordCache.get(word)
  if (facts === undefined) {
    const caseless = word.toLowerCase()
    const syllables = syllable(word)
    facts = {
      caseless,
      syllables,
      complex: syllables >= 3 && word.charAt(0) === caseless.charAt(0),
      difficult: !easyWords.has(caseless),
      unfamiliar: !familiarWords.has(caseless),
    }
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear()
    wordCache.set(word, facts)
  }
  return facts
}

function emptyCounts(): Counts {
  return {
    word: 0,
    sentence: 0,
    syllable: 0,
    letter: 0,
    character: 0,
    polysillabicWord: 0,
    complexPolysillabicWord: 0,
    difficultWord: 0,
    unfamiliarWord: 0,
  }
}

/** Scores of empty text are 0, not NaN, so they survive JSON. */
function score(value: number): number {
  return Number.isFinite(value) ? round(value) : 0
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}
