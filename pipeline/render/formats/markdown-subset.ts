import type {Heading, List, Nodes, PhrasingContent, Root, RootContent} from 'mdast'
import type {Unsafe} from 'mdast-util-to-markdown'
import type {CitationMarker} from '../mdast-citation.ts'
import {anyPattern, patternsPresentIn, stackKey} from './present-patterns.ts'

/**
 * article.md's writer for the nodes and content an article nearly always has, written by hand for speed: through
 * mdast-util-to-markdown an article cost ~1 ms of CPU, most of it the library's general machinery (a position
 * tracker splitting every string into lines, a handler lookup and a peek at the next node per node, the
 * emphasis pairing search of CommonMark's delimiter rules, the unsafe-pattern scan of every text).
 *
 * It writes exactly what mdast-util-to-markdown 2 writes with article.md's settings (bullet `-`, emphasis `_`,
 * strong `*`, list item indent `one`, ATX headings, no setext), and only where it is sure of it: a text is written
 * as it is only where none of the writer's unsafe patterns (the same list the library uses) would escape a
 * character in it, emphasis and strong only with one text inside that needs no character reference and pairs as
 * written, and so on. Anything else — a node type it does not know, a text that needs escaping, nested lists,
 * emphasis next to emphasis — makes it return null, and the caller writes the whole document with the library.
 * `tests/render-markdown-subset.test.ts` proves the output byte-identical to the library's over the embedded
 * dataset and generated articles.
 */
export function subsetMarkdown(tree: Root, unsafe: readonly Unsafe[]): string | null {
  try {
    const value = flow(tree.children, unsafe)
    const last = value.charCodeAt(value.length - 1)
    return value && last !== 10 && last !== 13 ? `${value}\n` : value
  } catch (error) {
    if (error === UNSUPPORTED) return null
    throw error
  }
}

/** Thrown where the library may write something else: the caller falls back to it. */
const UNSUPPORTED = new Error('not in the Markdown subset')

function unsupported(): never {
  throw UNSUPPORTED
}

/**
 * The constructs the library has entered where a text is written (its escaping depends on them), with the key
 * `anyPattern` files them under and the contexts entered from here, each made once.
 */
interface Context {
  stack: readonly string[]
  key: string
  entered: Map<string, Context>
}

function context(stack: readonly string[]): Context {
  return {stack, key: stackKey(stack), entered: new Map()}
}

/** `from` with the constructs `names` entered. */
function enter(from: Context, names: string): Context {
  let entered = from.entered.get(names)
  if (entered === undefined) from.entered.set(names, (entered = context([...from.stack, ...names.split(' ')])))
  return entered
}

const PARAGRAPH = context(['paragraph', 'phrasing'])
const HEADING = context(['headingAtx', 'phrasing'])
const LIST_PARAGRAPH = context(['list', 'listItem', 'paragraph', 'phrasing'])

/** The root's blocks, a blank line between them (the library's join for a root). */
function flow(children: readonly RootContent[], unsafe: readonly Unsafe[]): string {
  let out = ''
  // The bullet of the list just written: a list right after a list of the same kind takes the other bullet.
  let lastBullet: string | undefined
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!
    if (index > 0) out += '\n\n'
    if (node.type === 'paragraph') out += phrasing(node.children, PARAGRAPH, '\n', '\n', unsafe)
    else if (node.type === 'heading') out += heading(node, unsafe)
    else if (node.type === 'list') {
      let bullet = node.ordered ? '.' : '-'
      if (bullet === lastBullet) bullet = node.ordered ? ')' : '*'
      out += list(node, bullet, unsafe)
      lastBullet = bullet
      continue
    } else if (node.type === 'yaml') out += `---${node.value ? `\n${node.value}` : ''}\n---`
    else unsupported()
    lastBullet = undefined
  }
  return out
}

function heading(node: Heading, unsafe: readonly Unsafe[]): string {
  const rank = Math.max(Math.min(6, node.depth || 1), 1)
  if (rank < 3 && hasLineBreak(node)) unsupported()
  const value = phrasing(node.children, HEADING, '# ', '\n', unsafe)
  if (value === '') unsupported()
  const head = value.charCodeAt(0)
  // The library writes a leading space or tab as a character reference.
  if (head === 9 || head === 32) unsupported()
  return `${'#'.repeat(rank)} ${value}`
}

/** A text (or other literal) with a line ending, or a hard break, anywhere in the node: the library's test (it then
 * writes a heading of rank 1 or 2 as setext). */
export function hasLineBreak(node: Nodes): boolean {
  if (node.type === 'break') return true
  if ('value' in node && /\r?\n|\r/.test(node.value)) return true
  return 'children' in node && node.children.some((child) => hasLineBreak(child))
}

/** A list of one-paragraph items with `bullet` (`-` or `*`; `.` or `)` after the number), one per line (or a blank line between them where the list is spread). */
function list(node: List, bullet: string, unsafe: readonly Unsafe[]): string {
  const first = typeof node.start === 'number' && node.start > -1 ? node.start : 1
  const between = node.spread === false ? '\n' : '\n\n'
  let out = ''
  for (let index = 0; index < node.children.length; index++) {
    const item = node.children[index]!
    const only = item.children[0]
    if (item.type !== 'listItem' || item.children.length !== 1 || only?.type !== 'paragraph') unsupported()
    const value = phrasing(only.children, LIST_PARAGRAPH, '\n', '\n', unsafe)
    // A second line would be indented under the bullet.
    if (value.includes('\n') || value.includes('\r')) unsupported()
    if (index > 0) out += between
    out += `${node.ordered ? `${first + index}${bullet}` : bullet} ${value}`
  }
  if (out === '') unsupported()
  return out
}

/** An emphasis or strong: its sequence and its one text's value, written when all of the phrasing is known. */
interface Attention {
  sequence: string
  inside: string
}

/**
 * A paragraph's or heading's phrasing. `before` and `after` are what the library passes its container: the text
 * before the container's content and after it, which its escaping and its emphasis rules look at.
 */
function phrasing(
  children: readonly PhrasingContent[],
  where: Context,
  before: string,
  after: string,
  unsafe: readonly Unsafe[],
): string {
  const items: Array<string | Attention> = []
  let previous = before
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    const next = children[index + 1]
    const following = next === undefined ? after : peek(next, where, unsafe)
    let item: string | Attention
    if (child.type === 'text') item = text(child.value, where, previous, following, unsafe)
    else if (child.type === 'emphasis' || child.type === 'strong') {
      if (typeof items.at(-1) === 'object' || (next && (next.type === 'emphasis' || next.type === 'strong')))
        unsupported()
      const sequence = child.type === 'emphasis' ? '_' : '**'
      const only = child.children[0]
      if (child.children.length !== 1 || only?.type !== 'text' || only.value === '') unsupported()
      const inside = text(only.value, enter(where, child.type), sequence, sequence, unsafe)
      item = {sequence, inside}
    } else if (child.type === 'link') item = link(child, where, previous, unsafe)
    else if (child.type === 'image') item = image(child, where, unsafe)
    else if ((child as {type: string}).type === 'citationMarker')
      item = `[${(child as unknown as CitationMarker).number ?? '?'}]`
    else unsupported()
    if (item === '') unsupported()
    items.push(item)
    previous = typeof item === 'string' ? lastCharacter(item) : lastCharacter(item.sequence)
  }
  let out = ''
  for (let index = 0; index < items.length; index++) {
    const item = items[index]!
    if (typeof item === 'string') out += item
    else if (index === 0) out += attention(item, before, before, items[index + 1], after)
    else out += attention(item, '', items[index - 1] as string, items[index + 1], after)
  }
  return out
}

/**
 * The first character the library's peek at the next node gives: a text's first character as escaped (where it
 * would be escaped without context, the subset stops), the opening of the others.
 */
function peek(node: PhrasingContent, where: Context, unsafe: readonly Unsafe[]): string {
  if (node.type === 'text') return firstCharacter(text(node.value, where, '', '', unsafe))
  if (node.type === 'emphasis') return '_'
  if (node.type === 'strong') return '*'
  if (node.type === 'image') return '!'
  if (node.type === 'link' || (node as {type: string}).type === 'citationMarker') return '['
  return unsupported()
}

/**
 * An emphasis or strong between `before` (the text before it) and the next item (or the container's `after`):
 * written with its preferred sequence where the library's guess keeps it, no character around or inside it needs
 * a character reference, and its opening can only open and its closing only close (so they pair with each other).
 * `guessed` is what the library's guess compares with: the container's `before` for the first item, else nothing.
 */
function attention(
  item: Attention,
  guessed: string,
  before: string,
  next: string | Attention | undefined,
  after: string,
): string {
  const {sequence, inside} = item
  if (typeof next === 'object') unsupported()
  const marker = sequence.charAt(0)
  // The library's guess takes the other marker where the sequence would touch the same marker.
  if (guessed.charAt(0) === marker || (next === undefined && after.charAt(0) === marker)) unsupported()
  const outsideBefore = lastCharacter(before)
  const outsideAfter = firstCharacter(next ?? after)
  const tail = lastCharacter(inside)
  if (
    needsReference(outsideBefore.charCodeAt(outsideBefore.length - 1), inside.charCodeAt(0), marker) ||
    needsReference(outsideAfter.charCodeAt(0), tail.charCodeAt(tail.length - 1), marker)
  )
    unsupported()
  const strict = marker === '_'
  const opening = flanking(before.charCodeAt(before.length - 1), inside.charCodeAt(0), strict)
  const closing = flanking(inside.charCodeAt(inside.length - 1), (next ?? after).charCodeAt(0), strict)
  if (!opening.open || opening.close || !closing.close || closing.open) unsupported()
  return `${sequence}${inside}${sequence}`
}

/** micromark's character classes: 1 white space, 2 punctuation, 0 anything else (a letter). */
function classify(code: number): 0 | 1 | 2 {
  if (code === 32 || (code > -1 && /\s/.test(String.fromCharCode(code)))) return 1
  if (code > -1 && /\p{P}|\p{S}/u.test(String.fromCharCode(code))) return 2
  return 0
}

/** Whether the library's `encodeInfo` would write a character around the sequence as a character reference. */
function needsReference(outside: number, inside: number, marker: string): boolean {
  const outsideKind = classify(outside)
  const insideKind = classify(inside)
  if (outsideKind === 0) return insideKind !== 0 || marker === '_'
  if (outsideKind === 1) return insideKind === 1
  return insideKind === 1
}

/** Whether a sequence between these characters can open and close emphasis (CommonMark's flanking rules). */
function flanking(before: number, after: number, strict: boolean): {open: boolean; close: boolean} {
  const previous = classify(before)
  const next = classify(after)
  const open = !next || (next === 2 && Boolean(previous))
  const close = !previous || (previous === 2 && Boolean(next))
  return strict
    ? {open: open && (Boolean(previous) || !close), close: close && (Boolean(next) || !open)}
    : {open, close}
}

/** `[text](url)` with one text and no title; an autolink (`<url>`) is left to the library. */
function link(node: PhrasingContent & {type: 'link'}, where: Context, before: string, unsafe: readonly Unsafe[]) {
  const only = node.children[0]
  if (node.children.length !== 1 || only?.type !== 'text' || only.value === '' || node.title || !node.url) unsupported()
  const raw = only.value
  const autolink =
    (raw === node.url || `mailto:${raw}` === node.url) &&
    /^[a-z][+\-.a-z]+:/i.test(node.url) &&
    !/[\0- <>\u007F]/.test(node.url)
  if (autolink || /[\0- \u007F]/.test(node.url)) unsupported()
  // After a line ending, `[label]:` would get an empty title.
  if ((before === '\n' || before === '\r') && raw.includes(']')) unsupported()
  const label = text(raw, enter(where, 'link label'), '[', '](', unsafe)
  const head = `[${label}](`
  return `${head}${text(node.url, enter(where, 'link destinationRaw'), head, ')', unsafe)})`
}

/** `![alt](url "title")` with a plain destination. */
function image(node: PhrasingContent & {type: 'image'}, where: Context, unsafe: readonly Unsafe[]) {
  const title = node.title
  if (!node.url || /[\0- \u007F]/.test(node.url)) unsupported()
  const alt = text(node.alt ?? '', enter(where, 'image label'), '![', ']', unsafe)
  let value = `![${alt}](`
  value += text(node.url, enter(where, 'image destinationRaw'), value, title ? ' ' : ')', unsafe)
  if (title) {
    value += ' "'
    value += text(title, enter(where, 'image titleQuote'), value, '"', unsafe)
    value += '"'
  }
  return `${value})`
}

/**
 * `value` as the library's `safe` writes it between `before` and `after` where the constructs of `where` are open: as it
 * is, where no unsafe pattern in scope finds a character to escape in it and it has no backslash; otherwise the
 * subset stops.
 */
function text(value: string, where: Context, before: string, after: string, unsafe: readonly Unsafe[]) {
  const whole = `${before}${value}${after}`
  if (whole.includes('\\')) unsupported()
  const any = anyPattern(patternsPresentIn(unsafe, whole), where.stack, where.key)
  if (any === null) unsupported()
  any.lastIndex = before.length
  const match = any.exec(whole)
  if (match !== null && match.index < before.length + value.length) unsupported()
  return value
}

/** The library's own (a code point, not a code unit). */
function firstCharacter(value: string): string {
  const code = value.codePointAt(0)
  return code === undefined ? '' : String.fromCodePoint(code)
}

function lastCharacter(value: string): string {
  const code = value.codePointAt(value.length - 2)
  return code !== undefined && code > 0xffff ? value.slice(-2) : value.slice(-1)
}
