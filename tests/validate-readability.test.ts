import {describe, expect, it} from 'vitest'
import {measureReadability} from '../schemas/rules/readability.ts'

const plain = 'Babies grow fast. They learn to smile in the first months. Talk to your baby every day.'
const dense =
  'Positive experiences during the first three years of development correlate with good mental health, while negative experiences (or the lack of positive experiences) correlate with mental health problems later in life.'

describe('measureReadability', () => {
  it('counts words, sentences and syllables as retext-english splits them', () => {
    const result = measureReadability(plain)
    expect(result).toMatchObject({words: 17, sentences: 3, readingMinutes: 1})
    expect(result.syllables).toBeGreaterThanOrEqual(result.words)
  })

  it('rounds reading time up at 200 words a minute', () => {
    expect(measureReadability('word '.repeat(200)).readingMinutes).toBe(1)
    expect(measureReadability('word '.repeat(201)).readingMinutes).toBe(2)
    expect(measureReadability('').readingMinutes).toBe(0)
  })

  it('scores plain text below grade 8 and dense text above it', () => {
    expect(measureReadability(plain).fleschKincaidGrade).toBeLessThan(8)
    expect(measureReadability(dense).fleschKincaidGrade).toBeGreaterThan(12)
    expect(measureReadability(plain).fleschReadingEase).toBeGreaterThan(measureReadability(dense).fleschReadingEase)
  })

  it('reports every retext-readability formula as a finite number, also for empty text', () => {
    for (const text of ['', plain, dense]) {
      const result = measureReadability(text)
      for (const key of ['fleschKincaidGrade', 'fleschReadingEase', 'gunningFog', 'smog', 'colemanLiau', 'automatedReadability', 'daleChall', 'spache'] as const) {
        expect(Number.isFinite(result[key]), `${key} of ${JSON.stringify(text.slice(0, 20))}`).toBe(true)
      }
    }
  })

  it('names the hardest sentences, hardest first, with their offsets in the text', () => {
    const text = `${plain}\n\n${dense}`
    const [hardest, next] = measureReadability(text).hardestSentences
    expect(hardest?.text).toBe(dense)
    expect(text.slice(hardest?.start, hardest?.end)).toBe(dense)
    expect(hardest!.grade).toBeGreaterThan(next!.grade)
  })

  it('does not rank sentences shorter than minWords', () => {
    expect(measureReadability('Electroencephalography matters.').hardestSentences).toEqual([])
    expect(measureReadability('Electroencephalography matters.', {minWords: 1}).hardestSentences).toHaveLength(1)
  })
})
