import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Root} from 'nlcst'
import {toString} from 'nlcst-to-string'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {fleschKincaid} from 'flesch-kincaid'
import {syllable} from 'syllable'
import {generateDataset} from '../bench/generate.ts'
import {englishSentences, type EnglishSentence} from '../domain/english-sentences.ts'
import {measureReadability} from '../domain/readability.ts'
import {bodyProse} from '../schemas/rules/editorial/body-readability.ts'

/**
 * `englishSentences` replaces retext-english's syntax tree in readability (it was the export's dearest step). It
 * must split text exactly as retext-english does — every sentence, its words as written and its offsets — since
 * article.json publishes the counts and the reading-grade rule quotes the sentences. retext-english is a development
 * dependency for this comparison only.
 */

const parser = unified().use(retextEnglish)

/** retext-english's sentences in the same shape: every SentenceNode, its WordNodes' text, its offsets. */
function retextSentences(text: string): EnglishSentence[] {
  const tree = parser.parse(text) as Root
  const out: EnglishSentence[] = []
  for (const paragraph of tree.children) {
    if (paragraph.type !== 'ParagraphNode') continue
    for (const sentence of paragraph.children) {
      if (sentence.type !== 'SentenceNode') continue
      out.push({
        words: sentence.children.filter((node) => node.type === 'WordNode').map((node) => toString(node)),
        start: sentence.position?.start.offset ?? 0,
        end: sentence.position?.end.offset ?? 0,
      })
    }
  }
  return out
}

const ROOT = path.resolve(import.meta.dirname, '..')

function embeddedProse(): string[] {
  const lines = readFileSync(path.join(ROOT, 'studio', 'dataset', 'production.ndjson'), 'utf8').split('\n')
  return lines
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as {_type: string; body?: unknown})
    .filter((doc) => doc._type === 'article' && Array.isArray(doc.body))
    .map((doc) => bodyProse(doc.body).text)
}

async function generatedProse(n: number): Promise<string[]> {
  const texts: string[] = []
  for await (const doc of generateDataset({n, seed: 1, drafts: false})) {
    if (doc._type === 'article') texts.push(bodyProse(doc.body).text)
  }
  return texts
}

/** The cases parse-latin and parse-english treat specially, each against retext itself. */
const EDGE_CASES = [
  'Dr. Smith saw Mrs. Jones at 10 a.m. on Jan. 5. She was fine.',
  'Take 1.5 mg twice a day, e.g. with food, i.e. not on an empty stomach. Ask a pharmacist.',
  'The U.S. guidance changed in 2019. It now says so.',
  'He said "stop." Then he left. (See above.) Next.',
  'Wait... really?! Yes! No? Maybe…',
  "Don't skip doses; it's not safe. 'Twas the night. Rock 'n' roll. O' the hills. 'Cause I said so. The '90s.",
  'Use w/ care. Mix and/or stir. Speed in km/h is fine. A/B testing.',
  'Pre- and post-operative care. COVID-19 vaccines. E-mail me@example.org. Half-hearted.',
  '&c and &more. R&D teams. AT&T.',
  'Line one\nline two\n\nNew paragraph without a stop\n\n\nAnother one',
  'Windows lines\r\n\r\nold Mac lines\r\rmixed\n\r\nand one\r\nbreak only',
  'See p. 5. See fig. 3, cf. the table. etc. and more. Vol. 2 is out.',
  'Version 2. 0 was released. 3. Items follow.',
  'First sentence.\u00a0Second sentence with a no-break space. Third — with a dash – here.',
  'Café naïve coöperate façade. Μάθημα ελληνικά. 中文句子。Emoji 🙂 here 🙂🙂. 𝑥 is a variable.',
  '  Leading spaces. Trailing spaces.  ',
  'Ends with a comma, ; and then, a new one. , starts with a comma. ; and a semicolon.',
  'x.y.z. A.B.C. 1.2.3. a.b. He lives on St. Mark St. in Washington, D.C. now.',
  'Numbers like 1,000 and 3.14 and 10% and $5 and #1 and 2*3 and 4+4=8.',
  '"Quoted." «Guillemets.» [Bracketed.] {Braced.} ’Single.’ ”Double.”',
  '',
  '...',
  'word',
  'Ends without a stop',
]

function expectAgreement(texts: readonly string[]): void {
  for (const text of texts) {
    const ours = englishSentences(text)
    const theirs = retextSentences(text)
    if (JSON.stringify(ours) !== JSON.stringify(theirs)) expect({text, ours}).toEqual({text, ours: theirs})
  }
}

describe('englishSentences splits as retext-english does', () => {
  it('on the cases its rules single out', () => {
    expectAgreement(EDGE_CASES)
  })

  it('on every article of the embedded dataset', () => {
    const texts = embeddedProse()
    expect(texts.length).toBeGreaterThan(5)
    expectAgreement(texts)
  })

  it('on 1,000 generated articles, with the grade within ±0.3 (it is equal)', async () => {
    const texts = await generatedProse(1000)
    expect(texts).toHaveLength(1000)
    expectAgreement(texts)
    for (const text of texts.slice(0, 100)) {
      const sentences = retextSentences(text).filter((sentence) => sentence.words.length > 0)
      const words = sentences.reduce((sum, sentence) => sum + sentence.words.length, 0)
      const syllables = sentences.flatMap((sentence) => sentence.words).reduce((sum, word) => sum + syllable(word), 0)
      const grade = fleschKincaid({sentence: sentences.length, word: words, syllable: syllables})
      const result = measureReadability(text)
      expect([result.sentences, result.words, result.syllables]).toEqual([sentences.length, words, syllables])
      expect(Math.abs(result.fleschKincaidGrade - grade)).toBeLessThanOrEqual(0.3)
    }
  }, 120_000)
})
