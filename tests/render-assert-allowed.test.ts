import type {Nodes, Root} from 'hast'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {assertAllowed} from '../pipeline/render/assert-allowed.ts'
import {fragmentSanitizeSchema, pageSanitizeSchema} from '../pipeline/render/sanitize-schema.ts'
import {articleWithBody, renderForTest, TEST_SETTINGS} from './render-support.ts'

/**
 * The body and the page shell the renderer builds are checked (`assertAllowed`), not sanitized: anything the schema
 * does not allow is a renderer bug and must fail the render loudly. Formatted references (citeproc's HTML) are still
 * sanitized, and the XSS suites (`trust-*.test.ts`) cover what writers can type.
 */

const root = (...children: Root['children']): Root => ({type: 'root', children})

/** Trees the fragment schema must refuse, each with the words the error must say. */
const REFUSED: Array<[string, Nodes, RegExp]> = [
  ['a script element', root(h('p', ['a', h('script', 'alert(1)')])), /<script> element at p > script/],
  ['an element outside the list', root(h('div', 'x')), /<div> element/],
  ['a javascript: link', root(h('p', [h('a', {href: 'javascript:alert(1)'}, 'x')])), /href="javascript:alert\(1\)"/],
  ['an upper-case protocol', root(h('p', [h('a', {href: 'JavaScript:alert(1)'}, 'x')])), /attribute href/],
  ['an event handler', root(h('p', {onClick: 'alert(1)'}, 'x')), /attribute onClick/],
  ['a class not on the list', root(h('p', {className: ['review-claim', 'evil']}, 'x')), /attribute className/],
  ['an id where none is allowed', root(h('p', {id: 'x'}, 'x')), /attribute id/],
  ['a list item outside a list', root(h('li', 'x')), /<li> outside <ol> or <ul>/],
  ['raw HTML', root({type: 'raw', value: '<img src=x onerror=alert(1)>'} as never), /"raw" node/],
  ['a comment', root({type: 'comment', value: 'x'}), /a comment/],
  ['a doctype', root({type: 'doctype'}), /a doctype/],
]

/** Trees it must accept: what the renderer writes. */
const ACCEPTED: Nodes[] = [
  root(h('p', ['Plain ', h('strong', 'bold'), ' and ', h('a', {href: 'https://example.org/a?b#c'}, 'a link')])),
  root(h('h2', {id: 'section'}, 'Section'), h('ul', [h('li', {id: 'ref-1'}, 'item')])),
  root(h('p', [h('sup', {className: ['citation']}, [h('a', {href: '#ref-1', id: 'cite-1-1'}, '[1]')])])),
  root(h('p', [h('a', {href: '/relative/path'}, 'relative'), h('a', {href: 'mailto:a@example.org'}, 'mail')])),
  root(h('p', {className: ['review-notice'], role: 'note'}, 'Notice')),
]

describe('assertAllowed', () => {
  it.each(REFUSED)('throws on %s, naming it and where it is', (_, tree, words) => {
    expect(() => assertAllowed(tree, fragmentSanitizeSchema, 'article fragment')).toThrow(words)
    expect(() => assertAllowed(tree, fragmentSanitizeSchema, 'article fragment')).toThrow(/^Renderer bug: /)
  })

  it('accepts what the renderer writes', () => {
    for (const tree of ACCEPTED) expect(() => assertAllowed(tree, fragmentSanitizeSchema, 'fragment')).not.toThrow()
  })

  it('accepts a tree exactly when sanitizing it with the same schema would leave it unchanged', () => {
    for (const tree of [...REFUSED.map(([, tree]) => tree), ...ACCEPTED]) {
      let accepted = true
      try {
        assertAllowed(tree, fragmentSanitizeSchema, 'fragment')
      } catch {
        accepted = false
      }
      expect(accepted).toBe(toHtml(sanitize(tree, fragmentSanitizeSchema)) === toHtml(tree))
    }
  })

  it('lets the page schema have what the fragment schema refuses (the shell’s head and landmarks)', () => {
    const shell = root({type: 'doctype'}, h('html', {lang: 'en'}, [h('head', [h('meta', {charSet: 'utf-8'})])]))
    expect(() => assertAllowed(shell, pageSanitizeSchema, 'page shell')).not.toThrow()
    expect(() => assertAllowed(shell, fragmentSanitizeSchema, 'article fragment')).toThrow(/a doctype/)
  })
})

describe('the renderer with checks instead of sanitizing', () => {
  it('links a publisher address only when its scheme is allowed, and still renders the page', async () => {
    const article = articleWithBody([])
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,x']) {
      const {files} = await renderForTest(article, {settings: {...TEST_SETTINGS, publisherUrl: url}})
      // Left out of every format, as the other addresses in settings are: the name stands alone.
      expect(files['index.html']).toContain(`Published by ${TEST_SETTINGS.publisherName}.`)
      expect(files['index.html']).not.toContain(`href="${url}"`)
      expect(JSON.parse(files['article.json']).publisher).toEqual({name: TEST_SETTINGS.publisherName, url: null})
      expect(files['article.md']).not.toContain(url)
    }
    const {files} = await renderForTest(article)
    expect(files['index.html']).toContain(`<a href="${TEST_SETTINGS.publisherUrl}">${TEST_SETTINGS.publisherName}</a>`)
  })

  it('sanitizes a formatted reference (foreign HTML) before it joins the checked tree', async () => {
    const article = articleWithBody(
      [
        {
          _type: 'block',
          _key: 'b1',
          style: 'normal',
          markDefs: [],
          children: [
            {_type: 'span', _key: 's1', text: 'A claim.', marks: []},
            {_type: 'citationMarker', _key: 'm1', citation: {_ref: 'citation.raw', _type: 'reference'}},
          ],
        },
      ],
      [
        {
          _id: 'citation.raw',
          _type: 'citation',
          cslType: 'webpage',
          URL: 'javascript:alert(1)',
          rawText: 'As written <script>alert(1)</script>',
        } as never,
      ],
    )
    const {files} = await renderForTest(article)
    expect(files['index.html']).not.toMatch(/<script>alert|href="javascript:/i)
    expect(files['fragment.html']).toContain('As written &#x3C;script>alert(1)&#x3C;/script>')
  })
})
