import fc from 'fast-check'
import type {Root} from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {articleWithBody, renderForTest} from './render-support.ts'

/**
 * article.md is read by Markdown readers that know GFM (GitHub, most sites, the import) as well as by strict
 * CommonMark ones. Text must stay text for both: no raw HTML may appear, however the text mixes web addresses and
 * markup. GFM turns a bare `https://…` or `www.…` into a link running to the next space or `<`, which swallowed the
 * backslash escaping that `<`, so `https://x.org/"<script>` used to come out as a link and a raw script tag.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 200)
const gfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm)
const commonMark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml'])

function rawHtml(markdown: string, processor: typeof gfm | typeof commonMark): string[] {
  const found: string[] = []
  visit(processor.parse(markdown) as Root, 'html', (node) => {
    found.push(node.value)
  })
  return found
}

/** The text as the title, a heading, a paragraph, a list item and a quotation: each is escaped its own way. */
async function markdownOf(text: string): Promise<string> {
  const block = (key: string, style: string, extra: Record<string, unknown> = {}) => ({
    _type: 'block',
    _key: key,
    style,
    markDefs: [],
    children: [{_type: 'span', _key: `${key}s`, text, marks: []}],
    ...extra,
  })
  const body = [
    block('h', 'h2'),
    block('p', 'normal'),
    block('l', 'normal', {listItem: 'bullet', level: 1}),
    block('q', 'blockquote'),
  ]
  return (await renderForTest({...articleWithBody(body), title: text})).files['article.md']
}

describe('article.md keeps hostile text as text for GFM and CommonMark readers', () => {
  it('escapes an address that runs into a tag, so GFM makes no link that would free the tag', async () => {
    for (const text of [
      'see https://x.org/"<script>alert(1)</script>',
      'www.x.org/<img src=x onerror=alert(1)>',
      'see <svg xmlns="http://www.w3.org/2000/svg">\n\n<animation xlink:href="javascript:alert(1)"/>',
      'url(http://foo.f)\\20url(javascript:alert(1));">X</div>',
    ]) {
      const markdown = await markdownOf(text)
      expect({text, gfm: rawHtml(markdown, gfm), commonMark: rawHtml(markdown, commonMark)}).toEqual({
        text,
        gfm: [],
        commonMark: [],
      })
    }
  })

  it('writes ordinary web addresses in the text as they are', async () => {
    const markdown = await markdownOf('Read https://www.cdc.gov/handwashing/ and www.who.int for more.')
    expect(markdown).toContain('Read https://www.cdc.gov/handwashing/ and www.who.int for more.')
  })

  it(
    'never lets any mix of addresses, tags and punctuation become raw HTML (property)',
    async () => {
      const piece = fc.constantFrom(
        'https://',
        'http://',
        'www.',
        'x.org',
        '/',
        '"',
        "'",
        '<',
        '>',
        '<script>',
        '</div>',
        '<img src=x onerror=alert(1)>',
        '\\',
        '&lt;',
        ' ',
        '(',
        ')',
        '*',
        '_',
        'a',
        '@',
        'mailto:',
        '.',
        ':',
        '\n',
        '\t',
        '\n\n',
      )
      await fc.assert(
        fc.asyncProperty(fc.array(piece, {minLength: 1, maxLength: 12}), async (pieces) => {
          const markdown = await markdownOf(pieces.join(''))
          expect(rawHtml(markdown, gfm)).toEqual([])
          expect(rawHtml(markdown, commonMark)).toEqual([])
        }),
        {numRuns: RUNS},
      )
    },
    30_000 + RUNS * 20,
  )
})
