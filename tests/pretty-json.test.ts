import {describe, expect, it} from 'vitest'
import {prettyJsonAt} from '../domain/pretty-json.ts'

/** A value pretty-printed where it stands in a larger document: the lines JSON.stringify gives, indented to there. */

const values: unknown[] = [
  null,
  true,
  0,
  -1.5e-9,
  'a line\nbreak, a tab\t, "quotes", é ✓ 😀 and a lone \ud800',
  [],
  {},
  [1, [2, [3, []]], {}],
  {body: [{_type: 'block', children: [{text: 'x', marks: []}], markDefs: []}], empty: {}, list: [null, 'a\nb']},
  {skipped: undefined, kept: 1, when: new Date(Date.UTC(2026, 11, 5))},
  [undefined, () => 1, Symbol('s')],
]

describe('prettyJsonAt', () => {
  it('is JSON.stringify(value, null, 2) with each line after the first indented by the level', () => {
    for (const value of values) {
      for (const level of [0, 1, 2, 3, 5]) {
        const expected = JSON.stringify(value, null, 2)?.replaceAll('\n', `\n${'  '.repeat(level)}`)
        expect(prettyJsonAt(value, level)).toBe(expected)
      }
    }
  })

  it('is what JSON.stringify writes for the member when the document around it is stringified whole', () => {
    const body = values[8]
    const document = {article: {body}}
    const text = JSON.stringify(document, null, 2)
    expect(text).toBe(`{\n  "article": {\n    "body": ${prettyJsonAt(body, 2)}\n  }\n}`)
  })
})
