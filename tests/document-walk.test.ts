import {describe, expect, it} from 'vitest'
import {joinPath, walkDocument} from '../pipeline/source/document-walk.ts'

/** The path `joinPath` gives, segment by segment: the form Sanity's own validation messages use. */
function joined(...segments: Array<string | number>): string {
  return segments.reduce<string>((path, segment) => joinPath(path, segment), '')
}

describe('walkDocument', () => {
  const document = {
    _id: 'article.walk',
    _type: 'article',
    authors: [{_key: 'a', _type: 'reference', _ref: 'person.one'}],
    body: [
      {_key: 'b0', _type: 'block', children: [{_key: 's0', _type: 'span', text: 'No reference here.'}]},
      {
        _key: 'b1',
        _type: 'block',
        markDefs: [{_key: 'm', _type: 'citationMarker', citation: {_type: 'reference', _ref: 'citation.one'}}],
        children: [{_type: 'span', text: 'A span without its key.'}],
      },
    ],
    '': {'': {inner: {_type: 'reference', _ref: 'person.two', _weak: true}}},
  }

  it('names each reference and each keyless array item by the path Sanity uses, as joinPath spells it', () => {
    const walk = walkDocument(document)
    expect(walk.references).toEqual([
      {path: joined('authors', 0), ref: 'person.one'},
      {path: joined('body', 1, 'markDefs', 0, 'citation'), ref: 'citation.one'},
      {path: joined('', '', 'inner'), ref: 'person.two', weak: true},
    ])
    expect(walk.references.map((reference) => reference.path)).toEqual([
      'authors[0]',
      'body[1].markDefs[0].citation',
      'inner',
    ])
    expect(walk.missingKeys).toEqual([joined('body', 1, 'children', 0)])
    expect(walk.tooDeep).toBe(false)
  })

  it('stops at the depth it is given and says so', () => {
    expect(walkDocument(document, 3).tooDeep).toBe(true)
  })
})
