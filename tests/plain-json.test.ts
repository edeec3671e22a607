import {readFileSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import {isPlainJson} from '../domain/plain-json.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {fixtureCases, RENDER_FIXTURES, renderForTest} from './render-support.ts'

/** What the export relies on: a plain value and its JSON text parsed back are the same value. */
function roundTrip(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown
}

describe('isPlainJson', () => {
  it('accepts JSON’s own values, which come back equal from their text', () => {
    const values: unknown[] = [
      null,
      true,
      0,
      -1.5e300,
      'a\ud800b',
      [],
      [1, [2, [3]], {a: null}],
      {'2': 'integer-like keys first', b: [], a: {}},
      JSON.parse('{"__proto__":{"x":1},"title":"A"}'),
    ]
    for (const value of values) {
      expect(isPlainJson(value)).toBe(true)
      expect(roundTrip(value)).toStrictEqual(value)
    }
  })

  it('refuses whatever JSON.stringify would write differently, or not at all', () => {
    class Point {
      x = 1
    }
    const sparse: unknown[] = []
    sparse[1] = 'b'
    const values: unknown[] = [
      undefined,
      {a: undefined},
      [undefined],
      sparse,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -0,
      [-0],
      10n,
      Symbol('s'),
      () => 1,
      new Date(0),
      {toJSON: () => 'x'},
      new Point(),
      new Map([['a', 1]]),
      Object.create(null) as unknown,
      {
        get changing() {
          return Math.random()
        },
      },
    ]
    for (const [index, value] of values.entries()) expect(isPlainJson(value), `value ${index}`).toBe(false)
  })

  it('refuses a value nested deeper than any article rather than overflowing the stack', () => {
    let deep: unknown = 'leaf'
    for (let level = 0; level < 2000; level++) deep = [deep]
    expect(isPlainJson(deep)).toBe(false)
  })

  it('holds for every render fixture: the article.json value is plain and its text is that value', async () => {
    for (const name of fixtureCases()) {
      const folder = path.join(RENDER_FIXTURES, name)
      const article = JSON.parse(readFileSync(path.join(folder, 'article.json'), 'utf8')) as SourceArticle
      const rendered = await renderForTest(article)
      expect(isPlainJson(rendered.articleJson), name).toBe(true)
      expect(JSON.parse(rendered.files['article.json']), name).toStrictEqual(rendered.articleJson)
    }
  })
})
