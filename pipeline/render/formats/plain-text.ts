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

/** Text of the whole page laid out, and of some of its blocks (the body) with every option off. */
export interface PageTexts {
  page: string
  body: string
}

/**
 * `hastToPlainText(page, options)` and `hastToPlainText({children: body})` (options off) from one walk of the page:
 * article.txt and article.json's body text share their words, so each block of `body` (children of the page, in
 * order, at one level) is read once and laid out both ways; inline text is built once and only forks at a link
 * whose address article.txt writes out. `body` must be blocks and white space between them (as the fragment's top
 * level is); otherwise the body is read again on its own, with the same result.
 */
export function pageAndBodyText(
  page: Root,
  body: ReadonlyArray<RootContent | ElementContent>,
  options: PlainTextOptions,
): PageTexts {
  const blocks = new Set<RootContent | ElementContent>()
  let separate = false
  for (const node of body) {
    if (node.type === 'element' && !SKIPPED.has(node.tagName) && isBlockLike(node.tagName)) blocks.add(node)
    else if (!(node.type === 'text' && node.value.trim() === '') && node.type !== 'comment') separate = true
  }
  const capture: Capture = {blocks, out: []}
  const text = `${chunks(page.children, options, separate ? undefined : capture).join('\n\n')}\n`
  const bodyText = separate
    ? hastToPlainText({type: 'root', children: body as RootContent[]})
    : `${capture.out.join('\n\n')}\n`
  return {page: text, body: bodyText}
}

function isBlockLike(tagName: string): boolean {
  return BLOCKS.has(tagName) || tagName === 'ul' || tagName === 'ol' || tagName === 'dl' || tagName in RULES
}

/** Blocks to lay out a second time with every option off, and where their chunks go. */
interface Capture {
  blocks: ReadonlySet<RootContent | ElementContent>
  out: string[]
}

/** A block's chunks laid out with the options and with every option off. */
interface Both {
  laid: string[]
  plain: string[]
}

/** `chunks(nodes, options)` and `chunks(nodes, {})` in one walk. */
function chunksBoth(nodes: ReadonlyArray<RootContent | ElementContent>, options: PlainTextOptions): Both {
  const laid: string[] = []
  const plain: string[] = []
  let inline: Array<RootContent | ElementContent> = []
  const flush = () => {
    // Nothing inline before this block (the common case): no text to build.
    if (inline.length === 0) return
    const text = inlineTextBoth(inline, options)
    if (text.laid !== '') laid.push(wrap(text.laid, options.width ?? 0))
    if (text.plain !== '') plain.push(text.plain)
    inline = []
  }
  for (const node of nodes) {
    if (node.type === 'element' && SKIPPED.has(node.tagName)) continue
    if (node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol')) {
      flush()
      const lines = listLinesBoth(node, options)
      if (lines.laid.length > 0) laid.push(lines.laid.join('\n'))
      if (lines.plain.length > 0) plain.push(lines.plain.join('\n'))
    } else if (node.type === 'element' && node.tagName === 'dl') {
      flush()
      const lines = definitionLines(node, options)
      if (lines.length > 0) laid.push(lines.join('\n'))
      const plainLines = definitionLines(node, {})
      if (plainLines.length > 0) plain.push(plainLines.join('\n'))
    } else if (node.type === 'element' && options.headingRules && node.tagName in RULES) {
      flush()
      // With every option off a heading is a block of its own inline text, as here before its rule.
      const inner = chunksBoth(node.children, {...options, headingRules: false, width: 0})
      const text = wrap(inner.laid.join(' '), options.width ?? 0)
      const width = Math.max(...text.split('\n').map(codePoints))
      if (text !== '') laid.push(`${text}\n${RULES[node.tagName]!.repeat(width)}`)
      plain.push(...inner.plain)
    } else if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flush()
      const inner = chunksBoth(node.children, options)
      laid.push(...inner.laid)
      plain.push(...inner.plain)
    } else if (inline.length > 0 || !isBlank(node)) {
      inline.push(node)
    }
  }
  flush()
  return {laid, plain}
}

function listLinesBoth(list: Element, options: PlainTextOptions, indent = ''): Both {
  const laid: string[] = []
  const plain: string[] = []
  for (const {marker, own, nested} of listItems(list)) {
    const hanging = `${indent}${' '.repeat(marker.length)}`
    const width = options.width ? Math.max(options.width - hanging.length, 20) : 0
    const text = chunksBoth(own, {...options, width})
    laid.push(`${indent}${marker}${hang(text.laid.join(' '), hanging)}`.trimEnd())
    plain.push(`${indent}${marker}${hang(text.plain.join(' '), hanging)}`.trimEnd())
    for (const child of nested) {
      const lines = listLinesBoth(child, options, hanging)
      laid.push(...lines.laid)
      plain.push(...lines.plain)
    }
  }
  return {laid, plain}
}

/**
 * `inlineText(nodes, options)` and `inlineText(nodes, {})` in one walk: the two differ only where a link's address is
 * written out, so the second string is only built from the first such link on.
 */
function inlineTextBoth(nodes: ReadonlyArray<RootContent | ElementContent>, options: PlainTextOptions): Texts {
  let raw = ''
  let plainRaw: string | null = null
  const add = (value: string, to: 'both' | 'laid' | 'plain') => {
    if (to !== 'plain') raw += value
    if (to !== 'laid' && plainRaw !== null) plainRaw += value
  }
  const walk = (items: ReadonlyArray<RootContent | ElementContent>, to: 'both' | 'plain') => {
    for (const node of items) {
      if (node.type === 'text') add(withoutNul(node.value), to)
      else if (node.type === 'element') {
        if (SKIPPED.has(node.tagName)) continue
        if (node.tagName === 'br') add('\u0000', to)
        else if (isBackLink(node)) continue
        else if (to === 'both' && options.linkAddresses && node.tagName === 'a' && linkAddress(node)) {
          plainRaw ??= raw
          const address = linkAddress(node, options.baseUrl)!.replace(/\s/g, (space) => encodeURIComponent(space))
          const text = toPlain(node.children)
          if (text.trim() === address || text.trim() === String(node.properties.href)) {
            raw += `<${address}>`
            walk(node.children, 'plain')
          } else {
            walk(node.children, 'both')
            raw += ` <${address}>`
          }
        } else walk(node.children, to)
      }
    }
  }
  walk(nodes, 'both')
  const laid = normalise(raw)
  return {laid, plain: plainRaw === null ? laid : normalise(plainRaw)}
}

interface Texts {
  laid: string
  plain: string
}

/**
 * White space between blocks: a text of only what `normalise` collapses and trims. Left out where it would start
 * an inline run, it changes nothing (it joins the run's leading white space, which is trimmed), and the run is not
 * built at all.
 */
function isBlank(node: RootContent | ElementContent): boolean {
  if (node.type !== 'text') return false
  const value = node.value
  for (let index = 0; index < value.length; index++) {
    const code = value.charCodeAt(index)
    if (code !== 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13) return false
  }
  return true
}

function normalise(raw: string): string {
  // Most inline text has no hard break: one pass instead of a split into lines.
  if (!raw.includes('\u0000')) return collapse(raw)
  return raw.split('\u0000').map(collapse).join('\n').trim()
}

/**
 * White space runs as one space, and the ends trimmed. Most inline text already is words between single spaces: one
 * scan finds it so and returns it as it is (the replace wrote a new string, one replacement per space: a third of
 * article.txt's cost).
 */
function collapse(line: string): string {
  const last = line.length - 1
  let space = true
  let index = 0
  for (; index <= last; index++) {
    const code = line.charCodeAt(index)
    if (code === 32) {
      if (space) break
      space = true
    } else if (code === 9 || code === 10 || code === 12 || code === 13) break
    else space = false
  }
  // `trim` also takes other white space (a no-break space, say) from the ends.
  if (index > last && !space && !(isWide(line, 0) || isWide(line, last))) return line
  return line.replace(/[ \t\n\r\f]+/g, ' ').trim()
}

/** Whether the character at `index` is white space outside ASCII (which `trim` removes). */
function isWide(text: string, index: number): boolean {
  return text.charCodeAt(index) > 127 && /\s/.test(text.charAt(index))
}

function chunks(
  nodes: ReadonlyArray<RootContent | ElementContent>,
  options: PlainTextOptions,
  capture?: Capture,
): string[] {
  const out: string[] = []
  let inline: Array<RootContent | ElementContent> = []
  const flush = () => {
    if (inline.length === 0) return
    const text = inlineText(inline, options)
    if (text !== '') out.push(wrap(text, options.width ?? 0))
    inline = []
  }
  for (const node of nodes) {
    if (node.type === 'element' && SKIPPED.has(node.tagName)) continue
    if (capture?.blocks.has(node)) {
      flush()
      const both = chunksBoth([node], options)
      out.push(...both.laid)
      capture.out.push(...both.plain)
      continue
    }
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
      const width = Math.max(...text.split('\n').map(codePoints))
      if (text !== '') out.push(`${text}\n${RULES[node.tagName]!.repeat(width)}`)
    } else if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flush()
      out.push(...chunks(node.children, options, capture))
    } else if (inline.length > 0 || !isBlank(node)) {
      inline.push(node)
    }
  }
  flush()
  return out
}

/** A list's items: the marker (`1. ` counting from `start`, or `- `), the item's own content and its nested lists. */
function listItems(list: Element): Array<{marker: string; own: ElementContent[]; nested: Element[]}> {
  let number = typeof list.properties.start === 'number' ? list.properties.start : 1
  const items: Array<{marker: string; own: ElementContent[]; nested: Element[]}> = []
  for (const item of list.children) {
    if (item.type !== 'element' || item.tagName !== 'li') continue
    const marker = list.tagName === 'ol' ? `${number++}. ` : '- '
    const nested: Element[] = []
    const own: ElementContent[] = []
    for (const child of item.children) {
      if (child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')) nested.push(child)
      else own.push(child)
    }
    items.push({marker, own, nested})
  }
  return items
}

/** `text` with each line after the first indented by `hanging` (most items are one line). */
function hang(text: string, hanging: string): string {
  return text.includes('\n') ? text.replace(/\n/g, `\n${hanging}`) : text
}

/** Items one per line; a nested list is indented to start under its parent item's text. */
function listLines(list: Element, options: PlainTextOptions, indent = ''): string[] {
  const lines: string[] = []
  for (const {marker, own, nested} of listItems(list)) {
    const hanging = `${indent}${' '.repeat(marker.length)}`
    const width = options.width ? Math.max(options.width - hanging.length, 20) : 0
    const text = chunks(own, {...options, width}).join(' ')
    lines.push(`${indent}${marker}${hang(text, hanging)}`.trimEnd())
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
      if (node.type === 'text') raw += withoutNul(node.value)
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
  return normalise(raw)
}

/** The text without NUL, which stands for a hard break here (a copy only where it holds one: most hold none). */
function withoutNul(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '') : value
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
  if (!text.includes('\n')) return wrapLine(text, width)
  return text
    .split('\n')
    .map((line) => wrapLine(line, width))
    .join('\n')
}

function wrapLine(line: string, width: number): string {
  return isSimpleLine(line) ? wrapSimple(line, width) : wrapWords(line, width)
}

/**
 * A line of words separated by single spaces, without surrogates (one column per code unit): what inline text is
 * once its white space is collapsed. Its breaks are found by index, not word by word (4% of an export's CPU before).
 * Tested by one scan (an expression for it was 4% of article.txt's cost).
 */
function isSimpleLine(line: string): boolean {
  let space = true
  for (let index = 0; index < line.length; index++) {
    const code = line.charCodeAt(index)
    if (code === 32) {
      if (space) return false
      space = true
    } else if (code >= 0xd800 && code <= 0xdfff) return false
    else space = false
  }
  return !space || line.length === 0
}

function wrapSimple(line: string, width: number): string {
  let out = ''
  let start = 0
  while (line.length - start > width) {
    // The last space that keeps the line within `width`; none: the first word is longer, and stands alone.
    let space = line.lastIndexOf(' ', start + width)
    if (space <= start) space = line.indexOf(' ', start + width)
    if (space === -1) break
    out += `${line.slice(start, space)}\n`
    start = space + 1
  }
  return out + line.slice(start)
}

function wrapWords(line: string, width: number): string {
  const out: string[] = []
  let current = ''
  // Columns counted as code points, kept as the line grows.
  let columns = 0
  for (const word of line.split(' ')) {
    if (word === '') continue
    const wordColumns = codePoints(word)
    if (current === '') {
      current = word
      columns = wordColumns
    } else if (columns + 1 + wordColumns <= width) {
      current += ` ${word}`
      columns += 1 + wordColumns
    } else {
      out.push(current)
      current = word
      columns = wordColumns
    }
  }
  if (current !== '') out.push(current)
  return out.join('\n')
}

/** `[...text].length` without the array: a surrogate pair is one column, a lone surrogate one too. */
function codePoints(text: string): number {
  let count = text.length
  for (let index = 0; index < text.length - 1; index++) {
    const code = text.charCodeAt(index)
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1)
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--
        index++
      }
    }
  }
  return count
}
