import type {Element, ElementContent, Root, RootContent} from 'hast'

const SKIPPED = new Set(['head', 'script', 'style', 'template'])
const BLOCKS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'section',
  'div',
  'article',
  'main',
  'header',
  'footer',
  'body',
  'html',
  'li',
  'dd',
  'dt',
])

/** How `hastToPlainText` lays text out; every option is off by default (the JSON's and the outline's text). */
export interface PlainTextOptions {
  /**
   * Write each link's address after its text as `<address>` (RFC 3986 appendix C's delimiters, which mail clients
   * and terminals recognise): `editors <editors@example.org>`, or only `<https://…>` when the text is the address.
   * Links within the page (`#…`) are left out. @defaultValue false
   */
  linkAddresses?: boolean
  /** Where relative addresses (`/articles/…`) are resolved, e.g. the publisher's URL; without it they stay relative. */
  baseUrl?: string
  /** Underline headings so that their level shows: `=` under h1, `-` under h2, `~` under h3, `.` below.
   * @defaultValue false */
  headingRules?: boolean
  /** Wrap lines at this many columns, between words only: an address is never broken; 0: no wrapping.
   * @defaultValue 0 */
  width?: number
}

const RULES: Record<string, string> = {h1: '=', h2: '-', h3: '~', h4: '.', h5: '.', h6: '.'}

/**
 * Readable plain text from rendered HTML (hast), so its words are the page's words: blocks separated by a blank
 * line, headings on their own line, list items as `- ` or `1. ` (nested items under their parent's text), a definition list as
 * `Term: value` lines, hard breaks kept, back-link arrows left out. No markup and no entities.
 */
export function hastToPlainText(tree: Root | Element, options: PlainTextOptions = {}): string {
  return `${chunks(tree.children, options).join('\n\n')}\n`
}

function chunks(nodes: ReadonlyArray<RootContent | ElementContent>, options: PlainTextOptions): string[] {
  const out: string[] = []
  let inline: Array<RootContent | ElementContent> = []
  const flush = () => {
    const text = inlineText(inline, options)
    if (text !== '') out.push(wrap(text, options.width ?? 0))
    inline = []
  }
  for (const node of nodes) {
    if (node.type === 'element' && SKIPPED.has(node.tagName)) continue
    if (node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol')) {
      flush()
      const lines = listLines(node, options)
      if (lines.length > 0) out.push(lines.join('\n'))
    } else if (node.type === 'element' && node.tagName === 'figure') {
      flush()
      const text = figureText(node, options)
      if (text !== '') out.push(wrap(text, options.width ?? 0))
    } else if (node.type === 'element' && node.tagName === 'dl') {
      flush()
      const lines = definitionLines(node, options)
      if (lines.length > 0) out.push(lines.join('\n'))
    } else if (node.type === 'element' && options.headingRules && node.tagName in RULES) {
      flush()
      const text = wrap(inlineText(node.children, options), options.width ?? 0)
      const width = Math.max(...text.split('\n').map((line) => [...line].length))
      if (text !== '') out.push(`${text}\n${RULES[node.tagName]!.repeat(width)}`)
    } else if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flush()
      out.push(...chunks(node.children, options))
    } else {
      inline.push(node)
    }
  }
  flush()
  return out
}

/** Items one per line; a nested list is indented to start under its parent item's text. */
function listLines(list: Element, options: PlainTextOptions, indent = ''): string[] {
  const lines: string[] = []
  let number = typeof list.properties.start === 'number' ? list.properties.start : 1
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue
    const marker = list.tagName === 'ol' ? `${number++}. ` : '- '
    const nested: Element[] = []
    const own: ElementContent[] = []
    for (const child of item.children) {
      if (child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')) nested.push(child)
      else own.push(child)
    }
    const hanging = `${indent}${' '.repeat(marker.length)}`
    const width = options.width ? Math.max(options.width - hanging.length, 20) : 0
    const text = chunks(own, {...options, width}).join(' ')
    lines.push(`${indent}${marker}${text.replace(/\n/g, `\n${hanging}`)}`.trimEnd())
    for (const child of nested) lines.push(...listLines(child, options, hanging))
  }
  return lines
}

/**
 * A figure as `[Image: alt — caption — credit (licence)]`: its image's alt text, then its figcaption's words;
 * a decorative image without a caption says nothing.
 */
function figureText(figure: Element, options: PlainTextOptions): string {
  const parts: string[] = []
  for (const child of figure.children) {
    if (child.type !== 'element') continue
    const text =
      child.tagName === 'img'
        ? String(child.properties.alt ?? '')
            .replace(/\s+/g, ' ')
            .trim()
        : inlineText(child.children, options)
    if (text !== '') parts.push(text)
  }
  return parts.length > 0 ? `[Image: ${parts.join(' — ')}]` : ''
}

function definitionLines(list: Element, options: PlainTextOptions): string[] {
  const lines: string[] = []
  for (const child of list.children) {
    if (child.type !== 'element') continue
    const text = inlineText(child.children, options)
    if (child.tagName === 'dt') lines.push(`${text}:`)
    else if (child.tagName === 'dd' && lines.length > 0) lines[lines.length - 1] += ` ${text}`
    else lines.push(text)
  }
  return lines
}

function inlineText(nodes: ReadonlyArray<RootContent | ElementContent>, options: PlainTextOptions): string {
  let raw = ''
  const walk = (items: ReadonlyArray<RootContent | ElementContent>) => {
    for (const node of items) {
      if (node.type === 'text') raw += node.value.replaceAll('\u0000', '')
      else if (node.type === 'element') {
        if (SKIPPED.has(node.tagName)) continue
        if (node.tagName === 'br') raw += '\u0000'
        else if (isBackLink(node)) continue
        else if (options.linkAddresses && node.tagName === 'a' && linkAddress(node)) {
          const address = addressAfter(node, walk, options.baseUrl)
          raw += address
        } else walk(node.children)
      }
    }
  }
  walk(nodes)
  return raw
    .split('\u0000')
    .map((line) => line.replace(/[ \t\n\r\f]+/g, ' ').trim())
    .join('\n')
    .trim()
}

function isBackLink(node: Element): boolean {
  const className = node.properties.className
  return Array.isArray(className) && className.includes('citation-backlink')
}

/** The address a reader can use, or undefined for a link within the page. `mailto:` is shown as the bare address. */
function linkAddress(node: Element, baseUrl?: string): string | undefined {
  const href = node.properties.href
  if (typeof href !== 'string' || href === '' || href.startsWith('#')) return undefined
  if (/^mailto:[^?]+$/i.test(href)) return href.slice('mailto:'.length)
  if (baseUrl && !/^[a-z][a-z\d+.-]*:/i.test(href) && URL.canParse(href, baseUrl)) return new URL(href, baseUrl).href
  return href
}

/**
 * Writes the link's text (through `walk`) and returns what follows it: ` <address>`; or, when the text already is
 * the address, writes nothing and returns `<address>`. Addresses hold no spaces.
 */
function addressAfter(node: Element, walk: (items: ReadonlyArray<ElementContent>) => void, baseUrl?: string): string {
  const address = linkAddress(node, baseUrl)!.replace(/\s/g, (space) => encodeURIComponent(space))
  const text = toPlain(node.children)
  if (text.trim() === address || text.trim() === String(node.properties.href)) return `<${address}>`
  walk(node.children)
  return ` <${address}>`
}

function toPlain(nodes: ReadonlyArray<ElementContent>): string {
  const plain = (node: ElementContent): string =>
    node.type === 'text' ? node.value : node.type === 'element' ? toPlain(node.children) : ''
  return nodes.map(plain).join('')
}

/**
 * Lines of at most `width` columns, broken at spaces; a word longer than the line (an address) stands alone on its
 * line, whole. Lines already broken (hard breaks) are wrapped each on their own.
 */
function wrap(text: string, width: number): string {
  if (width <= 0) return text
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = []
      let current = ''
      for (const word of line.split(' ').filter((item) => item !== '')) {
        if (current === '') current = word
        else if ([...current].length + 1 + [...word].length <= width) current += ` ${word}`
        else {
          out.push(current)
          current = word
        }
      }
      if (current !== '') out.push(current)
      return out.join('\n')
    })
    .join('\n')
}
