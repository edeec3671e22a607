import {describe, expect, it} from 'vitest'
import {canonicalJson} from '../domain/canonical-json.ts'

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

  it('equals JSON.stringify of the same value when its keys are already sorted', () => {
    const value = {a: [1, 'two', {b: null, c: true}], d: 1.5e-7, e: 'é\n'}
    expect(canonicalJson(value)).toBe(JSON.stringify(value))
  })
})
