import fc from 'fast-check'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {toText} from 'hast-util-to-text'
import {h} from 'hastscript'
import {describe, expect, it} from 'vitest'
import {hastToPlainText, pageAndBodyText} from '../pipeline/render/formats/plain-text.ts'
import {fragmentSanitizeSchema, pageSanitizeSchema} from '../pipeline/render/sanitize-schema.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {
  articleWithBody,
  htmlBodyTextWithAddresses,
  renderForTest,
  validateArticleJson,
  withoutReviewBlock,
  words,
} from './render-support.ts'

/**
 * Properties over generated Portable Text: any body, however odd (unknown styles, types and marks, unsafe links,
 * dangling citations, deep or skipping list levels, markup-like and non-Latin text), renders without throwing,
 * into HTML that sanitizing again leaves unchanged, a text file with the page's words, and a valid article.json.
 */
const CITATIONS: SourceArticle['citations'] = ['a', 'b', 'c'].map((letter) => ({
  _id: `citation.${letter}`,
  _rev: 'r1',
  cslType: 'article-journal',
  authors: [{family: `Author${letter.toUpperCase()}`, given: 'Q.'}],
  organization: null,
  title: `Study ${letter}`,
  containerTitle: 'Journal of Tests',
  containerTitleShort: 'J Tests',
  issued: '2020',
  volume: '1',
  issue: null,
  pages: '1-2',
  publisher: null,
  doi: null,
  pmid: null,
  pmcid: null,
  url: `https://example.org/${letter}`,
  accessed: null,
  rawText: null,
}))

const tricky = fc.constantFrom(
  '<b>',
  '</script>',
  '<!--',
  '&amp;',
  '"',
  "'",
  '\n',
  '\r\n',
  '\u2028',
  'é',
  'مرحبا',
  '😀',
  '  ',
  '[1]',
  '*',
  '_',
  '#',
  '> ',
  '1. ',
  '- ',
  '`',
)
const text = fc
  .array(fc.oneof(fc.string({unit: 'grapheme', maxLength: 12}), fc.lorem({maxCount: 4}), tricky), {maxLength: 4})
  .map((parts) => parts.join(''))
const hrefs = fc.constantFrom(
  'https://example.org/a?b=1&c=2',
  'http://example.org',
  'mailto:a@example.org',
  'tel:+1555',
  '/relative',
  '#anchor',
  'javascript:alert(1)',
  'data:text/html,x',
  ' java\tscript:x',
  '',
)
const markNames = fc.constantFrom('strong', 'em', 'code', 'link', 'underline', 'other')

const child = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({_type: fc.constant('span'), text, marks: fc.uniqueArray(markNames, {maxLength: 3})}),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      _type: fc.constant('citationMarker'),
      citation: fc.option(
        fc.record({
          _type: fc.constant('reference'),
          _ref: fc.constantFrom('citation.a', 'citation.b', 'citation.c', 'citation.missing'),
        }),
        {nil: undefined},
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({_type: fc.constantFrom('button', 'image'), text: fc.option(text, {nil: undefined})}),
  },
)

const block = fc.record({
  _type: fc.constantFrom('block', 'block', 'block', 'block', 'callout'),
  style: fc.constantFrom('normal', 'normal', 'h2', 'h3', 'h4', 'blockquote', 'h1', 'lead'),
  listItem: fc.option(fc.constantFrom('bullet', 'number', 'checkbox'), {nil: undefined, freq: 2}),
  level: fc.option(fc.integer({min: 1, max: 5}), {nil: undefined}),
  href: hrefs,
  children: fc.array(child, {maxLength: 6}),
})

const body = fc.array(block, {maxLength: 12}).map((blocks) =>
  blocks.map(({href, children, listItem, level, ...rest}, index) => ({
    ...rest,
    ...(listItem ? {listItem, level} : {}),
    _key: `b${index}`,
    markDefs: [{_type: 'link', _key: 'link', href}],
    children: children.map((item, childIndex) => ({...item, _key: `c${childIndex}`})),
  })),
)

/** Every word the body's text-bearing nodes hold, in order (a dropped word would be a silent loss). */
function sourceWords(blocks: ReadonlyArray<{children: ReadonlyArray<object>}>): string[] {
  const textOf = (node: object) => ('text' in node && typeof node.text === 'string' ? node.text : '')
  return words(blocks.map((item) => item.children.map(textOf).join('')).join(' \n '))
}

/** The fragment without what the renderer adds: `[n]` markers and the reference list. */
function withoutCitations(tree: Root): Root {
  const strip = (nodes: Root['children']): Root['children'] =>
    nodes
      .filter((node) => !(node.type === 'element' && (node.tagName === 'sup' || node.tagName === 'section')))
      .map((node) =>
        node.type === 'element' ? {...node, children: strip(node.children) as typeof node.children} : node,
      )
  return {type: 'root', children: strip(tree.children)}
}

const settings = {numRuns: 80}

describe('render properties over generated Portable Text', () => {
  it('renders any body without throwing, into the five files', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (blocks) => {
        const rendered = await renderForTest(articleWithBody(blocks, CITATIONS))
        expect(Object.keys(rendered.files).sort()).toEqual([
          'article.json',
          'article.md',
          'article.txt',
          'fragment.html',
          'index.html',
        ])
      }),
      settings,
    )
  })

  it('produces HTML that sanitizing again leaves unchanged (fragment and page)', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (blocks) => {
        const {files} = await renderForTest(articleWithBody(blocks, CITATIONS))
        const fragment = files['fragment.html'].trimEnd()
        expect(toHtml(sanitize(fromHtml(fragment, {fragment: true}), fragmentSanitizeSchema))).toBe(fragment)
        const page = files['index.html'].trimEnd()
        expect(toHtml(sanitize(fromHtml(page), pageSanitizeSchema))).toBe(page)
      }),
      settings,
    )
  })

  it('says the same words in article.txt as in the page, and keeps every word of the body', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (blocks) => {
        const {files} = await renderForTest(articleWithBody(blocks, CITATIONS))
        expect(words(files['article.txt'])).toEqual(words(htmlBodyTextWithAddresses(files['index.html'])))
        const fragment = withoutReviewBlock(fromHtml(files['fragment.html'], {fragment: true}))
        expect(words(toText(withoutCitations(fragment)))).toEqual(sourceWords(blocks))
      }),
      settings,
    )
  })

  it('writes an article.json that validates against its schema', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (blocks) => {
        const {files} = await renderForTest(articleWithBody(blocks, CITATIONS))
        const valid = validateArticleJson(JSON.parse(files['article.json']))
        expect(validateArticleJson.errors ?? []).toEqual([])
        expect(valid).toBe(true)
      }),
      settings,
    )
  })

  it('lays out article.txt and the body text in one walk exactly as in two', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (blocks, wrapped) => {
        const {files} = await renderForTest(articleWithBody(blocks, CITATIONS))
        // The body's blocks (reference list left out) inside a page with text before and after them.
        const fragment = fromHtml(files['fragment.html'], {fragment: true})
        const bodyNodes = fragment.children.filter((node) => !(node.type === 'element' && node.tagName === 'section'))
        const page = fromHtml(
          `<!doctype html><html><body><main><article><header><h1>T</h1><p>By <a href="/a">A</a></p></header>` +
            `<div id="slot"></div><p>After <a href="https://example.org/x">x</a></p></article></main></body></html>`,
        )
        const slotParent = page.children.find((node) => node.type === 'element')!
        const article = (function find(node: Root['children'][number]): Element | undefined {
          if (node.type !== 'element') return undefined
          if (node.tagName === 'article') return node
          for (const child of node.children) {
            const found = find(child)
            if (found) return found
          }
          return undefined
        })(slotParent)!
        const at = article.children.findIndex((node) => node.type === 'element' && node.tagName === 'div')
        article.children.splice(at, 1, ...(bodyNodes as Element['children']))
        const layout = {linkAddresses: true, headingRules: true, width: wrapped ? 72 : 0, baseUrl: 'https://e.org'}
        expect(pageAndBodyText(page, bodyNodes, layout)).toEqual({
          page: hastToPlainText(page, layout),
          body: hastToPlainText({type: 'root', children: bodyNodes}),
        })
      }),
      settings,
    )
  })
})

describe('article.txt white space and wrapping', () => {
  /** Inline text as the layout is specified: white space runs as one space, trimmed (`trim`'s white space too). */
  const collapsed = (text: string): string => text.replace(/[ \t\n\r\f]+/g, ' ').trim()

  /** Lines of at most `width` columns (code points), broken at spaces, a longer word alone on its line. */
  function wrapped(text: string, width: number): string {
    const lines: string[] = []
    let current: string[] = []
    for (const word of text.split(' ').filter((part) => part !== '')) {
      const columns = [...[...current, word].join(' ')].length
      if (current.length > 0 && columns > width) {
        lines.push(current.join(' '))
        current = []
      }
      current.push(word)
    }
    if (current.length > 0) lines.push(current.join(' '))
    return lines.join('\n')
  }

  const text = fc.string({
    unit: fc.constantFrom(
      'a',
      'bc',
      'defgh',
      ' ',
      '  ',
      '\t',
      '\n',
      '\r',
      '\f',
      '\u00a0',
      '\u2028',
      'é',
      '🙂',
      '\ud800',
    ),
    maxLength: 40,
  })

  it('collapses and trims white space as the layout specifies, whatever the text', () => {
    fc.assert(
      fc.property(text, (value) => {
        const paragraph: Root = {type: 'root', children: [h('p', value)]}
        expect(hastToPlainText(paragraph)).toBe(`${collapsed(value)}\n`)
      }),
      {numRuns: 400},
    )
  })

  it('collapses each line of a hard-broken text, and text between blocks, whatever the text', () => {
    fc.assert(
      fc.property(text, text, text, (before, inside, after) => {
        const broken: Root = {type: 'root', children: [h('p', [before, h('br'), after])]}
        expect(hastToPlainText(broken)).toBe(`${`${collapsed(before)}\n${collapsed(after)}`.trim()}\n`)
        const between: Root = {
          type: 'root',
          children: [{type: 'text', value: before}, h('p', inside), {type: 'text', value: after}],
        }
        const blocks = [before, inside, after].map(collapsed).filter((block) => block !== '')
        expect(hastToPlainText(between)).toBe(`${blocks.join('\n\n')}\n`)
      }),
      {numRuns: 400},
    )
  })

  it('wraps at spaces within the width, whatever the text', () => {
    fc.assert(
      fc.property(text, fc.integer({min: 1, max: 12}), (value, width) => {
        const paragraph: Root = {type: 'root', children: [h('p', value)]}
        expect(hastToPlainText(paragraph, {width})).toBe(`${wrapped(collapsed(value), width)}\n`)
      }),
      {numRuns: 400},
    )
  })
})
