import {defineRule, type RuleIssue} from '../rule.ts'

export const ALLOWED_LINK_SCHEMES = ['https', 'http', 'mailto', 'tel'] as const

const NAMED_REFERENCES: Record<string, string> = {
  colon: ':',
  tab: '\t',
  newline: '\n',
  sol: '/',
  bsol: '\\',
  period: '.',
  lpar: '(',
  rpar: ')',
  amp: '&',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  num: '#',
  percnt: '%',
  excl: '!',
  semi: ';',
}

/** Decodes HTML character references, numeric with or without `;` and the named ones that spell schemes. */
function decodeReferences(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-f]+);?|#(\d+);?|([a-z]+);)/gi,
    (whole, hex?: string, decimal?: string, name?: string) => {
      if (hex !== undefined || decimal !== undefined) {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal)
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ''
      }
      return NAMED_REFERENCES[(name ?? '').toLowerCase()] ?? whole
    },
  )
}

/** Whitespace, control and format characters (zero-width spaces, BOM, bidi marks), which browsers drop or trip over. */
const INVISIBLE = /[\s\p{Cc}\p{Cf}]/gu
const HAS_INVISIBLE = /[\s\p{Cc}\p{Cf}]/u
const CHARACTER_REFERENCE = /&(?:#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*;)/i

/**
 * The scheme a browser would see, after undoing the disguises used to smuggle `javascript:` past filters:
 * character references (`&#106;`, `&colon;`, even double-encoded), tabs, newlines, control characters and case.
 */
export function effectiveScheme(href: string): string | null {
  let decoded = href
  for (let pass = 0; pass < 4; pass += 1) {
    const next = decodeReferences(decoded)
    if (next === decoded) break
    decoded = next
  }
  const compact = decoded.replace(INVISIBLE, '').toLowerCase()
  const match = /^([a-z][a-z0-9+.-]*):/.exec(compact)
  return match ? (match[1] ?? null) : null
}

/** Every problem with a link address, in a writer's words; empty when the link is safe to publish. */
export function linkUrlProblems(href: string): string[] {
  const problems: string[] = []
  const scheme = effectiveScheme(href)
  if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data') {
    return [
      `This link uses “${scheme}:”, which runs code or hides content instead of opening a page. Replace it with an https:// address, or remove the link.`,
    ]
  }
  if (HAS_INVISIBLE.test(href)) {
    problems.push(
      'The link address contains spaces, line breaks or invisible characters. Retype it or paste it again without them (write a space inside an address as %20).',
    )
  }
  // Read literally or HTML-decoded, such an address means two different things; neither is what was meant.
  if (CHARACTER_REFERENCE.test(href)) {
    problems.push(
      'The link address contains HTML character codes (such as &amp; or &#58;). Paste the plain address from the browser instead.',
    )
  }
  if (scheme === null) {
    if (href.startsWith('//') || href.startsWith('/\\') || href.startsWith('\\')) {
      problems.push(
        'The link address starts with “//” or a backslash, which leads to another website. Write the full address starting with https://.',
      )
    } else if (!href.startsWith('/')) {
      problems.push(
        'The link address must start with https:// (or http://, mailto:, tel:), or be a path on this site starting with /, such as /editorial-policy.',
      )
    }
    return problems
  }
  if (!(ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme)) {
    problems.push(
      `Links cannot use “${scheme}:”. Use an https:// address, mailto: for email, tel: for a phone number, or a path on this site starting with /.`,
    )
    return problems
  }
  if (problems.length > 0) return problems
  if (scheme === 'http' || scheme === 'https') {
    const url = URL.canParse(href) ? new URL(href) : null
    if (!url || url.hostname === '')
      problems.push(`The web address “${href}” is incomplete. Copy the full address from the browser’s address bar.`)
    else if (url.username !== '' || url.password !== '')
      problems.push('The web address contains a user name or password. Remove them from the link.')
  } else if (scheme === 'mailto') {
    if (!/^mailto:[^@?]+@[^@?]+\.[^@?]+(\?.*)?$/i.test(href))
      problems.push(`“${href}” is not a complete email link. Write it as mailto:name@example.org.`)
  } else if (scheme === 'tel') {
    if (!/^tel:\+?[0-9][0-9().-]*$/i.test(href))
      problems.push(
        `“${href}” is not a phone link. Write it as tel: followed by the number without spaces, such as tel:+18002738255.`,
      )
  }
  return problems
}

export function isSafeLinkUrl(href: unknown): href is string {
  return typeof href === 'string' && href !== '' && linkUrlProblems(href).length === 0
}

/** Readers only ever follow links to web pages, email, phone numbers or this site. */
export const linkUrlRule = defineRule<string | null | undefined>({
  id: 'link-url',
  severity: 'error',
  description: 'Links go to https:, http:, mailto: or tel: addresses, or to a path on this site starting with /.',
  check(value) {
    if (typeof value !== 'string' || value === '') return []
    return linkUrlProblems(value).map((message): RuleIssue => ({message}))
  },
})

/**
 * Every problem with a source's address, in a writer's words: a citation points readers to a web page, so only a
 * complete http(s) address will do. Code-running schemes get the same message as in links.
 */
export function citationUrlProblems(url: string): string[] {
  const scheme = effectiveScheme(url)
  if (scheme === 'javascript' || scheme === 'vbscript' || scheme === 'data') return linkUrlProblems(url)
  if (scheme === null) {
    const copy = 'Copy the source’s address from the browser’s address bar, starting with https://.'
    return [`“${url}” is not a complete web address. ${copy}`]
  }
  if (scheme !== 'http' && scheme !== 'https') {
    return [`A source’s address cannot use “${scheme}:”. Give the https:// address where readers can find the source.`]
  }
  return linkUrlProblems(url)
}

/** A citation's URL is a web page readers can open. */
export const citationUrlRule = defineRule<string | null | undefined>({
  id: 'citation-url',
  severity: 'error',
  description: 'A source’s URL is a complete https:// or http:// address.',
  check(value) {
    if (typeof value !== 'string' || value === '') return []
    return citationUrlProblems(value).map((message): RuleIssue => ({message}))
  },
})
