import fc from 'fast-check'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {describe, expect, it} from 'vitest'
import {isSafeLinkUrl, linkUrlRule} from '../schemas/rules/fields/urls.ts'

/**
 * The link rule against what a browser would actually do with the address: an HTML parser decodes the
 * attribute (character references), then the WHATWG URL parser (Node's `URL`) resolves it against the page.
 * Whatever the rule accepts must land on an allowed scheme, and a site-relative path must stay on the site.
 */

const PAGE = 'https://health.example.org/articles/infant-mental-health/'
const ALLOWED_PROTOCOLS = new Set(['https:', 'http:', 'mailto:', 'tel:'])

/** The href as the browser sees it after parsing `<a href="…">`. */
function browserHref(href: string): string {
  const tree: Root = fromHtml(`<a href="${href.replaceAll('"', '&quot;')}">x</a>`, {fragment: true})
  const anchor = tree.children[0] as Element
  return String(anchor.properties.href ?? '')
}

function resolved(href: string): URL | null {
  const decoded = browserHref(href)
  return URL.canParse(decoded, PAGE) ? new URL(decoded, PAGE) : null
}

// Characters that disguise schemes, break hosts or change how an address is read.
const tricky = fc.constantFrom(
  ...'javscriptJAVSCRIPThtpsmailoel:/\\?#@.&;x0123456789'.split(''),
  '&#',
  '&#x',
  '&colon;',
  '&Tab;',
  '&NewLine;',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u001f',
  ' ',
  '\u00a0',
  '\u200b',
  '\ufeff',
  '%',
  '//',
  'javascript:',
  'https://',
  'data:',
)

describe('link-url against an HTML parser and the WHATWG URL parser', () => {
  it('only accepts addresses a browser opens as https, http, mailto, tel or a page on the same site', () => {
    fc.assert(
      fc.property(
        fc.array(tricky, {maxLength: 24}).map((parts) => parts.join('')),
        (href) => {
          if (!isSafeLinkUrl(href)) return
          // As the HTML pages carry it (escaped, so read literally) and as a careless consumer might (decoded).
          for (const url of [URL.canParse(href, PAGE) ? new URL(href, PAGE) : null, resolved(href)]) {
            expect(url, JSON.stringify(href)).not.toBeNull()
            expect(ALLOWED_PROTOCOLS.has(url?.protocol ?? ''), `${JSON.stringify(href)} → ${url?.href}`).toBe(true)
            if (href.startsWith('/')) expect(url?.host, JSON.stringify(href)).toBe('health.example.org')
          }
        },
      ),
      {numRuns: 5000},
    )
  })

  it('rejects javascript: however its letters are cased, split by invisible characters or written as character references', () => {
    const letter = (character: string) =>
      fc.constantFrom(
        character.toLowerCase(),
        character.toUpperCase(),
        `&#${character.charCodeAt(0)};`,
        `&#x${character.charCodeAt(0).toString(16)};`,
        `&#00${character.charCodeAt(0)}`,
      )
    // What the URL parser removes inside a scheme: tabs and line breaks (other controls make it a relative path).
    const noise = fc.constantFrom('', '', '', '\t', '\n', '\r', '&Tab;', '&NewLine;')
    const disguised = fc
      .tuple(
        fc.constantFrom('', ' ', '\u0001', '\u001f'),
        ...[...'javascript'].map((character) => fc.tuple(letter(character), noise)),
        fc.constantFrom(':', '&colon;', '&#58;', '&#x3a;'),
      )
      .map(
        ([lead, ...rest]) =>
          lead + rest.map((part) => (Array.isArray(part) ? part.join('') : part)).join('') + 'alert(1)',
      )
    fc.assert(
      fc.property(disguised, (href) => {
        // A browser would run it: the parsed attribute resolves to the javascript: scheme ...
        expect(resolved(href)?.protocol, JSON.stringify(href)).toBe('javascript:')
        // ... and the rule names it for what it is.
        expect(linkUrlRule.check(href, undefined).map((issue) => issue.message)).toEqual([
          'This link uses “javascript:”, which runs code or hides content instead of opening a page. Replace it with an https:// address, or remove the link.',
        ])
      }),
      {numRuns: 2000},
    )
  })
})
