import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {canonicalJson} from '../domain/canonical-json.ts'

/** RFC 8785 as plainly as it can be written: the reference the fast paths must agree with. */
function reference(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && 'toJSON' in value && typeof value.toJSON === 'function')
    return reference((value.toJSON as () => unknown)())
  if (Array.isArray(value)) return `[${value.map((item) => reference(item) ?? 'null').join(',')}]`
  if (value === null || typeof value !== 'object') return JSON.stringify(value) as string | undefined
  const members = Object.keys(value)
    .sort()
    .flatMap((key) => {
      const item = reference((value as Record<string, unknown>)[key])
      return item === undefined ? [] : [`${JSON.stringify(key)}:${item}`]
    })
  return `{${members.join(',')}}`
}

describe('canonicalJson', () => {
  it('writes the same string whatever order the keys came in', () => {
    expect(canonicalJson({b: 1, a: {d: [1, 2], c: 'x'}})).toBe(canonicalJson({a: {c: 'x', d: [1, 2]}, b: 1}))
    expect(canonicalJson({b: 1, a: 2})).toBe('{"a":2,"b":1}')
  })

  it('drops undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({a: undefined, b: [undefined, 1]})).toBe('{"b":[null,1]}')
  })

  it('keeps a `__proto__` key, so two different documents never hash alike', () => {
    const withProto = JSON.parse('{"title":"A","__proto__":{"x":1}}') as unknown
    const without = {title: 'A'}
    expect(canonicalJson(withProto)).toBe('{"__proto__":{"x":1},"title":"A"}')
    expect(canonicalJson(withProto)).not.toBe(canonicalJson(without))
  })

  it('orders keys by UTF-16 code units, as RFC 8785 does', () => {
    // RFC 8785 §3.2.3's example keys: "\r", "1", "€", "ö", "😀" (U+1F600 sorts before U+FB33 by code unit).
    const value = {'\u20ac': 1, '\r': 2, '\ufb33': 3, '1': 4, '\u{1f600}': 5, '\u0080': 6, '\u00f6': 7}
    expect(canonicalJson(value)).toBe('{"\\r":2,"1":4,"\u0080":6,"\u00f6":7,"\u20ac":1,"\u{1f600}":5,"\ufb33":3}')
  })

  it('never throws on text a writer can type: a lone surrogate is written escaped', () => {
    expect(canonicalJson({text: 'a\ud800b'})).toBe('{"text":"a\\ud800b"}')
  })

  it('agrees with a plain RFC 8785 writer on any value: keys in any order, digits, __proto__, toJSON, dates', () => {
    const key = fc.oneof(
      fc.string({maxLength: 4}),
      fc.constantFrom('__proto__', '1', '10', '9', '01', '-1', 'toJSON', 'constructor', '_key', 'a', 'b'),
    )
    const leaf = fc.oneof(
      fc.string({maxLength: 6, unit: 'binary'}),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.date({noInvalidDate: true}),
    )
    const {tree} = fc.letrec((self) => ({
      tree: fc.oneof({depthSize: 'small'}, leaf, self('array'), self('object')),
      array: fc.array(self('tree'), {maxLength: 4}),
      // Built through JSON.parse where it can be, so `__proto__` is an own key as in a parsed document.
      object: fc.dictionary(key, self('tree'), {maxKeys: 5}).map((object) => {
        const parsed = JSON.parse(JSON.stringify(object) ?? 'null') as Record<string, unknown>
        return Object.keys(object).some((name) => object[name] instanceof Date || object[name] === undefined)
          ? object
          : parsed
      }),
    }))
    fc.assert(
      fc.property(tree, (value) => {
        expect(canonicalJson(value)).toBe(reference(value) ?? 'null')
      }),
      {numRuns: 2000},
    )
  })

  it('equals JSON.stringify of the same value when its keys are already sorted', () => {
    const value = {a: [1, 'two', {b: null, c: true}], d: 1.5e-7, e: 'é\n'}
    expect(canonicalJson(value)).toBe(JSON.stringify(value))
  })
})
