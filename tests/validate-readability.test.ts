import {describe, expect, it} from 'vitest'
import {bodyProse, bodyReadability} from '../schemas/rules/editorial/body-readability.ts'
import {measureReadability} from '../domain/readability.ts'
import {articleWithBody, renderForTest} from './render-support.ts'

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
      for (const key of [
        'fleschKincaidGrade',
        'fleschReadingEase',
        'gunningFog',
        'smog',
        'colemanLiau',
        'automatedReadability',
        'daleChall',
        'spache',
      ] as const) {
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

describe('bodyReadability (shared by the reading-grade rule and article.json)', () => {
  const block = (key: string, text: string, extra: Record<string, unknown> = {}) => ({
    _type: 'block',
    _key: key,
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: `${key}s`, text, marks: []}],
    ...extra,
  })

  it('reads each block as its own paragraph and a citation marker as no word', () => {
    const body = [
      block('h', 'Why babies cry', {style: 'h2'}),
      {
        ...block('p', 'Babies cry to tell you something'),
        children: [
          {_type: 'span', _key: 's1', text: 'Babies cry to tell you something', marks: []},
          {_type: 'citationMarker', _key: 'm1', citation: {_ref: 'c1'}},
          {_type: 'span', _key: 's2', text: '.', marks: []},
        ],
      },
    ]
    const {prose, readability} = bodyReadability(body)
    expect(prose.text).toBe('Why babies cry\n\nBabies cry to tell you something .')
    expect(prose.starts).toEqual([0, 16])
    expect(readability).toMatchObject({words: 9, sentences: 2})
  })

  it('measures a body edited in place afresh, never from a remembered measurement', () => {
    const body = [block('p', plain)]
    expect(bodyReadability(body).readability.words).toBe(17)
    body[0] = block('p', `${plain} ${plain}`)
    expect(bodyReadability(body).readability.words).toBe(34)
  })

  it('gives each caller its own copy of a remembered measurement', () => {
    const body = [block('p', dense)]
    const first = bodyReadability(body).readability
    first.words = 0
    first.hardestSentences[0]!.grade = 0
    const again = bodyReadability(body).readability
    expect(again.words).toBe(measureReadability(dense).words)
    expect(again.hardestSentences).toEqual(measureReadability(dense).hardestSentences)
  })

  it('is what article.json reports as the body’s readability', async () => {
    // List items without a full stop: each is a sentence of its own, as validation reads them.
    const article = articleWithBody([
      block('p1', plain),
      block('p2', 'Feed your baby on demand', {listItem: 'bullet', level: 1}),
      block('p3', 'Keep your baby warm', {listItem: 'bullet', level: 1}),
    ])
    const json = JSON.parse((await renderForTest(article)).files['article.json']) as {
      readability: Record<string, unknown>
    }
    const {hardestSentences: _hardest, ...scores} = measureReadability(bodyProse(article.body).text)
    expect(json.readability).toEqual(scores)
    expect(json.readability).toMatchObject({words: 26, sentences: 5})
  })
})
