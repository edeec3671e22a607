import type {Element, ElementContent, Root, RootContent} from 'hast'

const SKIPPED = new Set(['head', 'script', 'style', 'template'])
const BLOCKS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'section', 'div', 'article', 'main', 'header', 'footer', 'body', 'html', 'li', 'dd', 'dt'])

/**
 * Readable plain text from rendered HTML (hast), so its words are the page's words: blocks separated by a blank
 * line, headings on their own line, list items as `- ` or `1. ` (nested items under their parent's text), a definition list as
 * `Term: value` lines, hard breaks kept, back-link arrows left out. No markup and no entities.
 */
export function hastToPlainText(tree: Root | Element): string {
  return `${chunks(tree.children).join('\n\n')}\n`
}

function chunks(nodes: ReadonlyArray<RootContent | ElementContent>): string[] {
  const out: string[] = []
  let inline: Array<RootContent | ElementContent> = []
  const flush = () => {
    const text = inlineText(inline)
    if (text !== '') out.push(text)
    inline = []
  }
  for (const node of nodes) {
    if (node.type === 'element' && SKIPPED.has(node.tagName)) continue
    if (node.type === 'element' && (node.tagName === 'ul' || node.tagName === 'ol')) {
      flush()
      const lines = listLines(node)
      if (lines.length > 0) out.push(lines.join('\n'))
    } else if (node.type === 'element' && node.tagName === 'dl') {
      flush()
      const lines = definitionLines(node)
      if (lines.length > 0) out.push(lines.join('\n'))
    } else if (node.type === 'element' && BLOCKS.has(node.tagName)) {
      flush()
      out.push(...chunks(node.children))
    } else {
      inline.push(node)
    }
  }
  flush()
  return out
}

/** Items one per line; a nested list is indented to start under its parent item's text. */
function listLines(list: Element, indent = ''): string[] {
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
    const text = chunks(own).join(' ')
    const continuation = `\n${indent}${' '.repeat(marker.length)}`
    lines.push(`${indent}${marker}${text.replace(/\n/g, continuation)}`.trimEnd())
    for (const child of nested) lines.push(...listLines(child, `${indent}${' '.repeat(marker.length)}`))
  }
  return lines
}

function definitionLines(list: Element): string[] {
  const lines: string[] = []
  for (const child of list.children) {
    if (child.type !== 'element') continue
    const text = inlineText(child.children)
    if (child.tagName === 'dt') lines.push(`${text}:`)
    else if (child.tagName === 'dd' && lines.length > 0) lines[lines.length - 1] += ` ${text}`
    else lines.push(text)
  }
  return lines
}

function inlineText(nodes: ReadonlyArray<RootContent | ElementContent>): string {
  let raw = ''
  const walk = (items: ReadonlyArray<RootContent | ElementContent>) => {
    for (const node of items) {
      if (node.type === 'text') raw += node.value.replaceAll('\u0000', '')
      else if (node.type === 'element') {
        if (SKIPPED.has(node.tagName)) continue
        if (node.tagName === 'br') raw += '\u0000'
        else if (isBackLink(node)) continue
        else walk(node.children)
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
