/**
 * English text split into sentences and words the way retext-english (parse-english over parse-latin) splits it,
 * without building its syntax tree.
 *
 * Why hand-written: readability is measured on every article twice per export (validation and article.json share
 * one measurement), and retext-english's tree — a node with a position object for every word, space and mark, three
 * large Unicode expressions tested per character, a dozen passes of tree plugins — was the dearest step of an export
 * (3 ms of ~20 per article). Readability needs only each sentence's words and where the sentence lies in the text.
 * So this module keeps parse-latin's rules (which character is a word, a space or a mark; which marks join a word;
 * where a sentence ends and the exceptions that rejoin it) over flat token lists, and classifies ASCII characters
 * through a table. `tests/readability-agreement.test.ts` pins the result to retext-english's sentence and word
 * counts and to its sentence offsets on the embedded dataset and on generated articles; retext stays a
 * development dependency for that test. Pure and browser-safe (the Studio measures as the export does).
 */

export interface EnglishSentence {
  /** The sentence's words as written, inner marks included (`don't`, `e.g.`, `COVID-19`). */
  words: string[]
  /** Offsets in the text (UTF-16 code units, end exclusive), from its first to its last token. */
  start: number
  end: number
}

/** Character classes, as parse-latin distinguishes them. */
const SPACE = 0
const WORD = 1
const PUNCTUATION = 2
const SYMBOL = 3
type CharClass = typeof SPACE | typeof WORD | typeof PUNCTUATION | typeof SYMBOL

/**
 * A run of characters of one class (a space run, a letter run, or one mark repeated), or a word: letter runs and the
 * marks that joined them (`don't`). One shape for both keeps the walks monomorphic; a word made of one run has no
 * `parts` (most words: one object per token).
 */
interface Token {
  word: boolean
  cls: CharClass
  /** The text; for a word, of all its parts. */
  value: string
  start: number
  end: number
  /** A joined word's runs and marks, in order; null for a single run. */
  parts: Token[] | null
}

type Atom = Token & {word: false}
type Word = Token & {word: true}

interface Sentence {
  tokens: Token[]
}

/** A paragraph-level item: a sentence, or a space run moved out of one. */
type Item = Sentence | Atom

export function englishSentences(text: string): EnglishSentence[] {
  const tokens = joinWordMarks(tokenize(text), text)
  const items = joinSentences(splitSentences(tokens))
  const out: EnglishSentence[] = []
  for (const item of items) {
    if (!isSentence(item)) continue
    const first = item.tokens[0]
    const last = item.tokens.at(-1)
    if (first === undefined || last === undefined) continue
    const words: string[] = []
    for (const token of item.tokens) if (token.word) words.push(token.value)
    out.push({words, start: first.start, end: last.end})
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------
// Characters and tokens

/** parse-latin's ASCII punctuation; the other printable marks (`#$%&*+<=>@^`|~`) are symbols. */
const ASCII_PUNCTUATION = `!"'(),-./:;?[\\]_{}`
const ASCII_CLASS = new Uint8Array(128).map((_, code) => {
  const char = String.fromCharCode(code)
  if ((code >= 9 && code <= 13) || code === 32) return SPACE
  if (/[\dA-Za-z]/.test(char)) return WORD
  return ASCII_PUNCTUATION.includes(char) ? PUNCTUATION : SYMBOL
})
const nonAsciiClass = new Map<number, CharClass>()

/** Beyond ASCII, parse-latin's classes are Unicode's: White_Space; letters, marks and numbers; punctuation. */
function classOf(code: number): CharClass {
  if (code < 128) return ASCII_CLASS[code] as CharClass
  let cls = nonAsciiClass.get(code)
  if (cls === undefined) {
    const char = String.fromCharCode(code)
    // One UTF-16 unit at a time, as parse-latin reads: a lone surrogate is none of these, hence a symbol.
    cls = /\p{White_Space}/u.test(char)
      ? SPACE
      : /[\p{L}\p{M}\p{N}]/u.test(char)
        ? WORD
        : /\p{P}/u.test(char)
          ? PUNCTUATION
          : SYMBOL
    nonAsciiClass.set(code, cls)
  }
  return cls
}

function isSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff
}

/** Runs of one class: letters and spaces run on; a mark runs on only as itself repeated (`...`, `--`). */
function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  const length = text.length
  let from = 0
  // A run at a time: the inner loop only asks whether the next character continues it.
  while (from < length) {
    let code = text.charCodeAt(from)
    const cls = classOf(code)
    let end = from + 1
    if (cls === WORD || cls === SPACE) {
      while (end < length && classOf(text.charCodeAt(end)) === cls) end++
    } else {
      // A mark continues as the same character again, or as a surrogate (an astral mark's other half).
      for (; end < length; end++) {
        const next = text.charCodeAt(end)
        if (classOf(next) !== cls || (next !== code && !isSurrogate(next))) break
        code = next
      }
    }
    tokens.push({word: cls === WORD, cls, value: text.slice(from, end), start: from, end, parts: null})
    from = end
  }
  return tokens
}

function partsOf(word: Word): Token[] {
  return word.parts ?? [{word: false, cls: WORD, value: word.value, start: word.start, end: word.end, parts: null}]
}

/** Adds runs or marks at the end of a word (a joined word's parts are flat: runs and marks, never words). */
function append(word: Word, ...tokens: Token[]): void {
  const parts = partsOf(word)
  for (const token of tokens) {
    if (token.parts === null) parts.push(token)
    else parts.push(...token.parts)
    word.value += token.value
  }
  word.parts = parts
  word.end = tokens.at(-1)!.end
}

function prepend(word: Word, token: Token): void {
  const parts = partsOf(word)
  parts.unshift(token)
  word.parts = parts
  word.value = token.value + word.value
  word.start = token.start
}

function isMark(token: Token | undefined): token is Atom {
  return token !== undefined && !token.word && token.cls !== SPACE
}

function isSpace(token: Token | undefined): token is Atom {
  return token !== undefined && !token.word && token.cls === SPACE
}

function isWord(token: Token | undefined): token is Word {
  return token !== undefined && token.word
}

function isSentence(item: Item | undefined): item is Sentence {
  return item !== undefined && 'tokens' in item
}

// ---------------------------------------------------------------------------------------------------------------
// Marks that join words (parse-english's elisions, then parse-latin's word rules, in their order)

const APOSTROPHE = /^['’]$/
/** `'twas`, `'cause`, `'em`, `'90s`: an apostrophe that opens a word. */
const ELISION_AFFIX = /^(t(?:were|(?:wa|i)s)|cause|e[mr]|im|\d\ds?)$/
/** `o'` and `ol'` standing alone. */
const ELISION_PREFIX = /^(ol?)$/
/** Marks that join two words into one when nothing else stands between them: `don't`, `COVID-19`, `e.g`. */
const WORD_SYMBOL_INNER = /^([&'\-.:=?@\u00AD\u00B7\u2010\u2011\u2019\u2027]|_+)$/
const NUMERICAL = /^\p{N}+$/u

/**
 * Each rule walks the list as its parse-latin counterpart does, including where it resumes after joining tokens
 * (a rule that revisits or skips the next token here does so there), since that decides the odd cases.
 */
function joinWordMarks(tokens: Token[], text: string): Token[] {
  // A rule joins only at its own mark (`/`, an apostrophe, `&`, `-`, `.`): where the text has none, its walk over
  // every token would change nothing, and most articles have no `&` or `/`.
  if (text.includes('/') || text.includes("'") || text.includes('’')) joinElisions(tokens)
  if (text.includes('&'))
    for (let index = 0; index < tokens.length; index++)
      index = resume(index, joinInitialAmpersand(tokens[index]!, index, tokens))
  if (text.includes('-'))
    for (let index = 0; index < tokens.length; index++)
      index = resume(index, joinFinalHyphen(tokens[index]!, index, tokens))
  for (let index = 0; index < tokens.length; index++)
    index = resume(index, joinInnerMarks(tokens[index]!, index, tokens))
  if (text.includes('/'))
    for (let index = 0; index < tokens.length; index++)
      index = resume(index, joinInnerSlash(tokens[index]!, index, tokens))
  if (text.includes('.'))
    for (let index = 0; index < tokens.length; index++)
      index = resume(index, joinInitialisms(tokens[index]!, index, tokens))
  return tokens
}

/**
 * Each rule walks its list as unist-util-modify-children does: a rule returns the index to continue at, or nothing for
 * the next. A loop per rule rather than one walker taking the rule: a walker called with a dozen rules calls them
 * through one megamorphic call site, which was a sixth of the split's cost.
 */
function resume(index: number, next: number | undefined): number {
  return next === undefined ? index : Math.max(next, 0) - 1
}

/** parse-english's elision exceptions: `w/`, `o'`/`ol'`, `'twas`, `'n'`. It never resumes: the next token is skipped. */
function joinElisions(tokens: Token[]): void {
  for (let index = 0; index < tokens.length; index++) {
    const child = tokens[index]!
    if (!isMark(child)) continue
    const length = tokens.length
    if (child.value === '/') {
      const previous = tokens[index - 1]
      if (isWord(previous) && previous.value.toLowerCase() === 'w') {
        tokens.splice(index, 1)
        append(previous, child)
      }
    } else if (APOSTROPHE.test(child.value)) {
      const previous = tokens[index - 1]
      if (
        index > 2 &&
        index < length - 1 &&
        isWord(previous) &&
        isSpace(tokens[index - 2]) &&
        isSpace(tokens[index + 1]) &&
        ELISION_PREFIX.test(previous.value.toLowerCase())
      ) {
        tokens.splice(index, 1)
        append(previous, child)
        continue
      }
      const next = tokens[index + 1]
      if (index !== length - 1 && isWord(next) && (index === 0 || !isWord(previous))) {
        const value = next.value.toLowerCase()
        const other = tokens[index + 2]
        if (ELISION_AFFIX.test(value)) {
          tokens.splice(index, 1)
          prepend(next, child)
        } else if (
          value === 'n' &&
          other !== undefined &&
          !other.word &&
          other.cls === PUNCTUATION &&
          APOSTROPHE.test(other.value)
        ) {
          tokens.splice(index, 1)
          tokens.splice(index + 1, 1)
          prepend(next, child)
          append(next, other)
        }
      }
    }
  }
}

/** `&` opening a word: `&c`. */
function joinInitialAmpersand(child: Token, index: number, tokens: Token[]): number | undefined {
  if (!isMark(child) || child.value !== '&') return undefined
  const next = tokens[index + 1]
  if ((index > 0 && isWord(tokens[index - 1])) || !isWord(next)) return undefined
  tokens.splice(index, 1)
  prepend(next, child)
  return index - 1
}

/** A hyphen closing a word: `pre- and post-operative`. */
function joinFinalHyphen(child: Token, index: number, tokens: Token[]): number | undefined {
  if (index === 0 || !isMark(child) || child.value !== '-') return undefined
  const previous = tokens[index - 1]
  const next = tokens[index + 1]
  if (isWord(next) || !isWord(previous)) return undefined
  tokens.splice(index, 1)
  append(previous, child)
  return index
}

/** Words joined by inner marks (`don't`, `x-ray`, `a.m`), as many as follow each other. */
function joinInnerMarks(child: Token, index: number, tokens: Token[]): number | undefined {
  if (index === 0 || !isMark(child)) return undefined
  const previous = tokens[index - 1]
  if (!isWord(previous)) return undefined
  let position = index - 1
  const joined: Token[] = []
  let queue: Token[] = []
  while (tokens[++position] !== undefined) {
    const sibling = tokens[position]!
    if (sibling.word) {
      joined.push(...queue, sibling)
      queue = []
    } else if (sibling.cls !== SPACE && WORD_SYMBOL_INNER.test(sibling.value)) queue.push(sibling)
    else break
  }
  if (joined.length === 0) return undefined
  position -= queue.length
  tokens.splice(index, position - index)
  append(previous, ...joined)
  return index
}

/** A slash between short words: `and/or` stays two words, `w/o` and `km/h` one. */
function joinInnerSlash(child: Token, index: number, tokens: Token[]): number | undefined {
  const previous = tokens[index - 1]
  if (!isWord(previous) || !isMark(child) || child.value !== '/') return undefined
  const next = tokens[index + 1]
  const nextValue = isWord(next) ? next.value : ''
  if (previous.value.length >= 3 || (nextValue !== '' && nextValue.length >= 3)) return undefined
  if (isWord(next)) append(previous, child, next)
  else append(previous, child)
  tokens.splice(index, isWord(next) ? 2 : 1)
  return index
}

/** The closing full stop of an initialism: `U.S.`, `e.g.` (not of `1.5.`). */
function joinInitialisms(child: Token, index: number, tokens: Token[]): number | undefined {
  if (index === 0 || !isMark(child) || child.cls !== PUNCTUATION || child.value !== '.') return undefined
  const previous = tokens[index - 1]!
  if (!isWord(previous) || previous.parts === null || previous.parts.length % 2 === 0) return undefined
  const parts = previous.parts
  let allDigits = true
  for (let position = parts.length - 1; position >= 0; position--) {
    const value = parts[position]!.value
    if (position % 2 === 0) {
      if (value.length > 1) return undefined
      if (!NUMERICAL.test(value)) allDigits = false
    } else if (value !== '.') {
      if (position < parts.length - 2) break
      return undefined
    }
  }
  if (allDigits) return undefined
  tokens.splice(index, 1)
  append(previous, child)
  return index
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences (parse-latin splits after every terminal mark, then rejoins the exceptions, in this order)

const TERMINAL = /^([!.?\u2026\u203D]+)$/
/** Closing marks that belong to the sentence before them: `He said "no."`, `(see above.)`. */
const AFFIX_SYMBOL = /^([!"').?\]}\u2026\u203D\u00BB\p{Pe}\p{Pf}])\1*$/u
const LOWER_INITIAL = /^\p{Ll}/u
const DIGIT_START = /^\d/
/** Abbreviations parse-latin does not end a sentence at (`etc.`, `cf.`, a single letter, a short number). */
const LATIN_ABBREVIATION =
  /^([0-9]{1,3}|[a-z]|al|ca|cap|cca|cent|cf|cit|con|cp|cwt|ead|etc|ff|fl|ibid|id|nem|op|pro|seq|sic|stat|tem|viz)$/
/** parse-english's abbreviations, compared in lower case: units, months, days, company forms. */
const ENGLISH_ABBREVIATION =
  /^(t(?:hurs|bsp|sp)|s(?:e(?:pt|c)|q)|(?:tue|bbl|yd)s|thu|sep|tue|bbl|nov|aug|ju[ln]|(?:ap|h)r|(?:ja|su)n|m(?:ar|on|in)|(?:sa|oc|[kpq])t|g(?:ro|al)|f(?:eb|ri|[lt])|d(?:ec|oz)|wed|l(?:bs|td)|inc?|mi|gr|yd|lb|oz|cu)$/
/** parse-english's case-sensitive abbreviations: titles (`Dr`, `Mrs`), places (`St`, `Calif`), ranks. */
const ENGLISH_ABBREVIATION_CASED =
  /^((?:Northant|Derby|S(?:hrop|taff)|W(?:ark|orc)|L(?:in|ei|an)c|C(?:amb|he)|Trea|York|B(?:uck|e(?:rk|d))|(?:Not|Wil)t|H(?:er|[au]n)t|Glo|Pre)s|Northumb|N(?:or(?:thd|f)|e(?:br|v)|atl)|M(?:(?:essr|as|se)s|i(?:ddx|nn|ch|ss)|ont|lle|s(?:gr|s)|ddx|(?:me|r)s?|a[jn]|ex|gr|o|d|e|s|[tx])?|Heref|P(?:enna|[ahot])|D(?:e(?:rbs|[lv])|r)|Westm|(?:Cali|Pro)f|S(?:a(?:lop|sk)|uff|om|e[cn]|[qrxy])|(?:Bldg|Kan)s?|Here|P(?:enn?|k)|St(?:af)?|W(?:isc|arw|yo)|C(?:umb|olo)|B(?:lvd|rig)|(?:Ok|F)la|(?:Pk|[FH])wy|A(?:r(?:iz|k)|lt?a|tty|m[bd])|(?:Cap|S(?:up|g)|On|Ru|U)t|(?:Ter|Cd|D[ou]|Sn|J)r|(?:Oxo|Co[nr]|Ten|Ke|Ge|Ho)n|Wash|N(?:eb|at)|W(?:is|ar|o)|C(?:al|ol?)|Qu[e\u00E9]|I(?:ll|a)|Tex|G(?:ov|a)|Ind|R(?:te|e[pv]|d)|Ida|(?:Yu|Da)k|(?:Or|Av)e|Ssx|Ok|La|Br|Rt|Id|V[at]|Ky|Lt|F[rt])$/

/** A sentence ends after each terminal mark (`.`, `?!`, `…`) and at the end of the text. */
function splitSentences(tokens: Token[]): Item[] {
  const items: Item[] = []
  let start = 0
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!
    if (index === tokens.length - 1 || (!token.word && token.cls === PUNCTUATION && TERMINAL.test(token.value))) {
      items.push({tokens: tokens.slice(start, index + 1)})
      start = index + 1
    }
  }
  return items
}

function joinSentences(items: Item[]): Item[] {
  for (let index = 0; index < items.length; index++)
    index = resume(index, joinEnglishAbbreviation(items[index]!, index, items))
  for (let index = 0; index < items.length; index++)
    index = resume(index, joinWordlessSentence(items[index]!, index, items))
  for (let index = 0; index < items.length; index++) index = resume(index, joinClosingMark(items[index]!, index, items))
  for (let index = 0; index < items.length; index++)
    index = resume(index, joinLowerCaseStart(items[index]!, index, items))
  for (let index = 0; index < items.length; index++) index = resume(index, joinDigitStart(items[index]!, index, items))
  for (let index = 0; index < items.length; index++)
    index = resume(index, joinLatinAbbreviation(items[index]!, index, items))
  for (let index = 0; index < items.length; index++) index = resume(index, joinCommaStart(items[index]!, index, items))
  for (const item of items) if (isSentence(item)) joinInnerFullStops(item.tokens)
  for (let index = 0; index < items.length; index++) moveLeadingSpace(items, index)
  for (let index = 0; index < items.length; index++)
    index = resume(index, moveTrailingSpace(items[index]!, index, items))
  for (let index = 0; index < items.length; index++)
    index = resume(index, splitAtBlankLine(items[index]!, index, items))
  for (let index = 0; index < items.length; index++) index = resume(index, dropEmpty(items[index]!, index, items))
  return items
}

function endsWithAbbreviation(sentence: Sentence, test: (word: string) => boolean, cls?: CharClass): boolean {
  const {tokens} = sentence
  const period = tokens.at(-1)
  const word = tokens.at(-2)
  if (!isMark(period) || period.value !== '.' || (cls !== undefined && period.cls !== cls) || !isWord(word))
    return false
  if (!test(word.value)) return false
  append(word, period)
  tokens.pop()
  return true
}

/** `Dr.`, `Jan.`, `tsp.`: the full stop joins the word and the next sentence joins this one. */
function joinEnglishAbbreviation(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item)) return undefined
  const abbreviation = (value: string) =>
    ENGLISH_ABBREVIATION.test(value.toLowerCase()) || ENGLISH_ABBREVIATION_CASED.test(value)
  if (!endsWithAbbreviation(item, abbreviation, PUNCTUATION)) return undefined
  return joinNext(items, index)
}

/** `etc.`, `cf.`, `p. 5`: as above, with parse-latin's list. */
function joinLatinAbbreviation(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || item.tokens.length <= 1) return undefined
  if (!endsWithAbbreviation(item, (value) => LATIN_ABBREVIATION.test(value.toLowerCase()))) return undefined
  return joinNext(items, index)
}

function joinNext(items: Item[], index: number): number | undefined {
  const next = items[index + 1]
  if (!isSentence(next)) return undefined
  ;(items[index] as Sentence).tokens.push(...next.tokens)
  items.splice(index + 1, 1)
  return index - 1
}

/** A "sentence" without words (a stray `?!` or `...`) joins the one before it, or else the one after. */
function joinWordlessSentence(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || item.tokens.some(isWord)) return undefined
  const previous = items[index - 1]
  if (isSentence(previous)) {
    previous.tokens.push(...item.tokens)
    items.splice(index, 1)
    return index
  }
  const next = items[index + 1]
  if (isSentence(next)) {
    next.tokens.unshift(...item.tokens)
    items.splice(index, 1)
  }
  return undefined
}

/** A closing quote or bracket after the full stop belongs to the sentence it closes. */
function joinClosingMark(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || item.tokens.length === 0 || index === 0) return undefined
  const previous = items[index - 1]
  const first = item.tokens[0]
  if (!isSentence(previous) || !isMark(first) || !AFFIX_SYMBOL.test(first.value)) return undefined
  item.tokens.shift()
  previous.tokens.push(first)
  return index - 1
}

/** A sentence whose first word starts in lower case continues the one before (`e.g. this`, `p.m. on`). */
function joinLowerCaseStart(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || index === 0) return undefined
  const previous = items[index - 1]
  if (!isSentence(previous) || item.tokens.length === 0) return undefined
  for (const token of item.tokens) {
    if (token.word) {
      if (!LOWER_INITIAL.test(token.value)) return undefined
      previous.tokens.push(...item.tokens)
      items.splice(index, 1)
      return index
    }
    if (token.cls !== SPACE) return undefined
  }
  return undefined
}

/** A sentence that starts with a digit continues the one before (`1.5 mg`, `version 2. 0`). */
function joinDigitStart(item: Item, index: number, items: Item[]): number | undefined {
  const previous = items[index - 1]
  if (!isSentence(previous) || !isSentence(item)) return undefined
  const head = item.tokens[0]
  if (!isWord(head) || !DIGIT_START.test(head.value)) return undefined
  previous.tokens.push(...item.tokens)
  items.splice(index, 1)
  return index
}

/** A sentence that starts with a comma or semicolon (before any word) continues the one before. */
function joinCommaStart(item: Item, index: number, items: Item[]): number | undefined {
  const previous = items[index - 1]
  if (!isSentence(previous) || !isSentence(item) || item.tokens.length === 0) return undefined
  for (const token of item.tokens) {
    if (token.word) return undefined
    if (token.cls === SPACE) continue
    if (token.value !== ',' && token.value !== ';') return undefined
    previous.tokens.push(...item.tokens)
    items.splice(index, 1)
    return index
  }
  return undefined
}

/** Full stops inside a sentence (not its last terminal mark) join the word before or after them. */
function joinInnerFullStops(tokens: Token[]): void {
  let foundEnd = false
  for (let position = tokens.length - 1; position >= 0; position--) {
    const token = tokens[position]!
    if (token.word || token.cls === SPACE) {
      if (token.word) foundEnd = true
      continue
    }
    if (!TERMINAL.test(token.value)) continue
    if (!foundEnd) {
      foundEnd = true
      continue
    }
    if (token.value !== '.') continue
    const previous = tokens[position - 1]
    const next = tokens[position + 1]
    if (isWord(previous)) {
      const nextNext = tokens[position + 2]
      if (isSpace(next) && nextNext !== undefined && nextNext.value === '.') continue
      tokens.splice(position, 1)
      append(previous, token)
      position--
    } else if (isWord(next)) {
      tokens.splice(position, 1)
      prepend(next, token)
    }
  }
}

function moveLeadingSpace(items: Item[], index: number): void {
  const item = items[index]!
  if (!isSentence(item) || !isSpace(item.tokens[0])) return
  items.splice(index, 0, item.tokens.shift() as Atom)
}

function moveTrailingSpace(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || !isSpace(item.tokens.at(-1))) return undefined
  items.splice(index + 1, 0, item.tokens.pop() as Atom)
  return index
}

/** A blank line (two line breaks in one space run) ends a sentence even without a terminal mark. */
function splitAtBlankLine(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item)) return undefined
  const {tokens} = item
  for (let position = 1; position < tokens.length - 1; position++) {
    const token = tokens[position]!
    if (!isSpace(token) || lineBreaks(token.value) < 2) continue
    item.tokens = tokens.slice(0, position)
    items.splice(index + 1, 0, token, {tokens: tokens.slice(position + 1)})
    return index + 1
  }
  return undefined
}

/** Line breaks in a space run, `\r\n` counting once (what `split(/\r\n|\r|\n/)` would find). */
function lineBreaks(value: string): number {
  let count = 0
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code === 10) count++
    else if (code === 13) {
      count++
      if (value.charCodeAt(index + 1) === 10) index++
    }
  }
  return count
}

function dropEmpty(item: Item, index: number, items: Item[]): number | undefined {
  if (!isSentence(item) || item.tokens.length > 0) return undefined
  items.splice(index, 1)
  return index
}
