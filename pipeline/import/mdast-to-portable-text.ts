import type {Definition, List, ListItem, Nodes, Parent, PhrasingContent, RootContent} from 'mdast'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import {linkUrlProblems} from '../../schemas/rules/fields/urls.ts'
import {splitCitationMarkers} from './citation-markers.ts'
import {htmlText} from './html-text.ts'
import {isLiteralAutolink} from './literal-autolink.ts'
import {plainText} from './plain-text.ts'
import {importMessage} from './messages.ts'
import {BlockBuilder, type BlockStyle, type PortableTextBlock} from './portable-text.ts'

export interface MdastToPortableTextOptions {
  file: VFile
  /** The Markdown source, to tell a written `[n]` marker from an escaped `\[n]` and a written link from a bare URL. */
  source: string
  /** The article's `_id`: block keys are derived from it. */
  documentId: string
  /** The citation document a `[n]` marker points at, or null when the reference list has no entry n. */
  citationFor: (number: number) => string | null
  /** Link reference definitions of the whole file, by normalised label. */
  definitions: ReadonlyMap<string, Definition>
}

const HEADING_STYLES: Record<number, BlockStyle> = {2: 'h2', 3: 'h3', 4: 'h4'}

/**
 * mdast → Portable Text, the inverse of the render's Portable Text → mdast: paragraphs, headings h2–h4, block
 * quotes, bullet and numbered lists (nesting depth → `level`), strong/em/code, links and `[n]` citation markers.
 * Whatever the schema cannot hold is reported with its place and, where it has text, kept as text.
 */
export function mdastToPortableText(
  nodes: readonly RootContent[],
  options: MdastToPortableTextOptions,
): PortableTextBlock[] {
  const state = new State(options)
  for (const node of nodes) state.block(node)
  return state.blocks
}

interface ListContext {
  listItem: 'bullet' | 'number'
  level: number
}

class State {
  readonly blocks: PortableTextBlock[] = []
  readonly options: MdastToPortableTextOptions
  private reportedMarkers = new Set<number>()
  /**
   * Inside link text `[n]` is text: the export never writes a marker there (a marker ends the link), and Markdown
   * lets link text hold balanced brackets without escaping them, so `[[2] care](…)` is the text “[2] care”.
   */
  private linkDepth = 0

  constructor(options: MdastToPortableTextOptions) {
    this.options = options
  }

  report(reason: string, ruleId: string, node: Node, level: 'info' | 'warning' = 'warning'): void {
    importMessage(this.options.file, reason, {ruleId, node, actual: node.type, level})
  }

  builder(style: BlockStyle, list?: ListContext): BlockBuilder {
    return new BlockBuilder(this.options.documentId, this.blocks.length, style, list)
  }

  keep(builder: BlockBuilder): void {
    if (!builder.isEmpty || builder.block.listItem) this.blocks.push(builder.block)
  }

  /** A block with the given phrasing content. */
  textBlock(children: readonly PhrasingContent[], style: BlockStyle, list?: ListContext): void {
    const builder = this.builder(style, list)
    this.phrasing(children, [], builder)
    this.keep(builder)
  }

  /** A block holding plain text (kept from something the schema cannot hold); line breaks stay line breaks. */
  plainBlock(text: string, style: BlockStyle = 'normal'): void {
    const builder = this.builder(style)
    builder.text(text.replace(/\r\n?/g, '\n').replace(/^\n+|\n+$/g, ''), [])
    this.keep(builder)
  }

  block(node: RootContent, quoted = false): void {
    switch (node.type) {
      case 'paragraph':
        this.textBlock(node.children, quoted ? 'blockquote' : 'normal')
        return
      case 'heading': {
        let style = HEADING_STYLES[node.depth]
        if (node.depth === 1) {
          this.report(
            'A level-1 heading (`#`) in the body: the title is the page’s only level-1 heading, so it is imported as a level-2 heading. Use `##`.',
            'heading-level',
            node,
          )
          style = 'h2'
        } else if (!style) {
          this.report(
            `A level-${node.depth} heading: articles have levels 2 to 4, so it is imported as a level-4 heading. Use \`##\`, \`###\` or \`####\`.`,
            'heading-level',
            node,
          )
          style = 'h4'
        }
        if (quoted)
          this.report(
            'A heading inside a block quote: quotes hold paragraphs only, so it is imported as a heading after the quote.',
            'quote-content',
            node,
          )
        this.textBlock(node.children, style)
        return
      }
      case 'blockquote':
        for (const child of node.children) this.block(child, true)
        return
      case 'list':
        if (quoted)
          this.report(
            'A list inside a block quote: quotes hold paragraphs only, so the list is imported as a list after the quote.',
            'quote-content',
            node,
          )
        this.list(node, 1)
        return
      case 'code':
        this.report(
          'A code block: articles cannot show code blocks, so its text is imported as a paragraph with its line breaks. Rewrite it as text, or use inline code.',
          'code-block',
          node,
        )
        this.plainBlock(node.value, quoted ? 'blockquote' : 'normal')
        return
      case 'html': {
        const text = htmlText(node.value)
        this.report(
          text
            ? 'Raw HTML: it is never imported as markup; its text is kept as a paragraph. Rewrite it in Markdown.'
            : 'Raw HTML without text (a comment or an empty element): it is not imported. Rewrite it in Markdown if it mattered.',
          'raw-html',
          node,
        )
        if (text) this.plainBlock(text, quoted ? 'blockquote' : 'normal')
        return
      }
      case 'thematicBreak':
        this.report(
          'A thematic break (`---`, `***`): articles have no horizontal rules, so it is not imported. Use a heading to start a new section.',
          'thematic-break',
          node,
        )
        return
      case 'table':
        this.report(
          'A table: articles cannot hold tables, so each row is imported as a paragraph, cells separated by “ | ”. Rewrite it as a list or as text.',
          'table',
          node,
        )
        for (const row of node.children) {
          const builder = this.builder('normal')
          row.children.forEach((cell, index) => {
            if (index > 0) builder.text(' | ', [])
            this.phrasing(cell.children, [], builder)
          })
          this.keep(builder)
        }
        return
      case 'footnoteDefinition':
        this.report(
          `A footnote (\`[^${node.label ?? node.identifier}]:\`): articles have no footnotes, so its text is imported as a paragraph here. Use a numbered reference or rewrite it into the text.`,
          'footnote',
          node,
        )
        for (const child of node.children) this.block(child, quoted)
        return
      case 'definition':
        // Consumed by the links that use it; carries no text of its own.
        return
      case 'yaml':
        this.report(
          'A second front matter block: only the one at the very top is read, so this one is not imported.',
          'front-matter-position',
          node,
        )
        return
      default: {
        const text = plainText(node)
        this.report(
          `Unsupported Markdown (\`${node.type}\`): ${text ? 'its text is imported as a paragraph' : 'it has no text, so it is not imported'}.`,
          'unsupported-construct',
          node,
        )
        if (text) this.plainBlock(text)
      }
    }
  }

  list(node: List, level: number): void {
    const listItem = node.ordered ? 'number' : 'bullet'
    if (node.ordered && typeof node.start === 'number' && node.start !== 1) {
      this.report(
        `A numbered list starting at ${node.start}: numbered lists always start at 1 in articles, so it will be shown from 1.`,
        'list-start',
        node,
        'info',
      )
    }
    for (const item of node.children) this.listItem(item, {listItem, level})
  }

  listItem(item: ListItem, context: ListContext): void {
    if (typeof item.checked === 'boolean') {
      this.report(
        'A task list checkbox (`[ ]`/`[x]`): articles have no checkboxes, so only the item’s text is imported.',
        'task-list-item',
        item,
      )
    }
    const builder = this.builder('normal', context)
    let paragraphs = 0
    let added = false
    const rest: RootContent[] = []
    for (const child of item.children) {
      if (child.type === 'paragraph' && rest.length === 0) {
        if (paragraphs > 0) {
          this.report(
            'A list item with several paragraphs: a list item holds one paragraph, so they are joined with a line break.',
            'list-item-paragraphs',
            child,
          )
          builder.text('\n', [])
        }
        this.phrasing(child.children, [], builder)
        paragraphs++
      } else {
        if (!added) {
          this.keep(builder)
          added = true
        }
        if (child.type === 'list') this.list(child, context.level + 1)
        else {
          this.report(
            'A list item holds a block other than text or a list: it is imported after the item, which ends the list there.',
            'list-item-content',
            child,
          )
          this.block(child)
        }
        rest.push(child)
      }
    }
    if (!added) this.keep(builder)
  }

  phrasing(nodes: readonly PhrasingContent[], marks: readonly string[], builder: BlockBuilder): void {
    for (const node of this.withLiteralLinksAsText(nodes)) this.inline(node, marks, builder)
  }

  /**
   * GFM's bare-URL links are text here (see `isLiteralAutolink`), and must be text *before* markers are found: GFM
   * reads `https://example.org/a[1]` as a link to `…/a[1` followed by `]`. So they are unwrapped and joined with the
   * text around them into one text node covering the same source.
   */
  withLiteralLinksAsText(nodes: readonly PhrasingContent[]): PhrasingContent[] {
    const out: PhrasingContent[] = []
    for (const node of nodes) {
      const pieces = node.type === 'link' && isLiteralAutolink(node, this.options.source) ? node.children : [node]
      for (const piece of pieces) {
        const previous = out.at(-1)
        if (piece.type === 'text' && previous?.type === 'text') {
          const start = previous.position?.start
          const end = piece.position?.end
          out[out.length - 1] = {
            type: 'text',
            value: previous.value + piece.value,
            ...(start && end ? {position: {start, end}} : {}),
          }
        } else out.push(piece)
      }
    }
    return out
  }

  inline(node: PhrasingContent, marks: readonly string[], builder: BlockBuilder): void {
    switch (node.type) {
      case 'text':
        this.text(node, marks, builder)
        return
      case 'strong':
        this.phrasing(node.children, withMark(marks, 'strong'), builder)
        return
      case 'emphasis':
        this.phrasing(node.children, withMark(marks, 'em'), builder)
        return
      case 'inlineCode':
        builder.text(node.value.replace(/\n/g, ' '), withMark(marks, 'code'))
        return
      case 'break':
        builder.text('\n', marks)
        return
      case 'delete':
        this.report(
          'Strikethrough (`~~…~~`): articles have no strikethrough, so its text is imported without it. Delete the text or keep it plain.',
          'strikethrough',
          node,
        )
        this.phrasing(node.children, marks, builder)
        return
      case 'link':
        this.link(node.url, node.title, node, node.children, marks, builder)
        return
      case 'linkReference': {
        const definition = this.options.definitions.get(normaliseLabel(node.identifier))
        if (definition) this.link(definition.url, definition.title, node, node.children, marks, builder)
        else this.phrasing(node.children, marks, builder)
        return
      }
      case 'image':
      case 'imageReference':
        this.report(
          `An image: articles cannot hold images, so ${node.alt ? `its description “${node.alt}” is imported as text` : 'it is not imported (it has no description)'}. Add images in Studio when the schema supports them.`,
          'image',
          node,
        )
        if (node.alt) builder.text(node.alt, marks)
        return
      case 'html': {
        const text = htmlText(node.value)
        this.report(
          `Inline HTML \`${node.value.slice(0, 40)}\`: it is never imported as markup${text ? '; its text is kept' : ''}. Use Markdown instead.`,
          'raw-html',
          node,
        )
        if (text) builder.text(text, marks)
        return
      }
      case 'footnoteReference':
        this.report(
          `A footnote reference (\`[^${node.label ?? node.identifier}]\`): articles have no footnotes, so it is kept as text. Use a numbered reference \`[n]\` instead.`,
          'footnote',
          node,
        )
        builder.text(`[^${node.label ?? node.identifier}]`, marks)
        return
      default: {
        const unknown = node as Nodes
        const text = plainText(unknown)
        this.report(
          `Unsupported inline Markdown (\`${unknown.type}\`): ${text ? 'its text is kept' : 'it is not imported'}.`,
          'unsupported-construct',
          unknown,
        )
        if (text) builder.text(text, marks)
      }
    }
  }

  text(node: Extract<PhrasingContent, {type: 'text'}>, marks: readonly string[], builder: BlockBuilder): void {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    const source = start !== undefined && end !== undefined ? this.options.source.slice(start, end) : undefined
    // A line ending inside a paragraph is a soft break: the words flow on, as a browser shows them.
    const value = node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ')
    if (this.linkDepth > 0) {
      builder.text(value, marks)
      return
    }
    for (const piece of splitCitationMarkers(value, source)) {
      if (piece.type === 'text') {
        builder.text(piece.value, marks)
        continue
      }
      const citation = this.options.citationFor(piece.number)
      if (citation) builder.marker(citation)
      else {
        if (!this.reportedMarkers.has(piece.number)) {
          this.reportedMarkers.add(piece.number)
          this.report(
            `The citation marker [${piece.number}] has no entry ${piece.number} in the “References” list, so it is ` +
              'kept as text, which validation reports as an orphan citation marker (citation-marker-orphan, an error ' +
              'that blocks the export). Add the reference or fix the number.',
            'citation-unknown',
            node,
          )
        }
        builder.text(`[${piece.number}]`, marks)
      }
    }
  }

  link(
    url: string,
    title: string | null | undefined,
    node: Node,
    children: readonly PhrasingContent[],
    marks: readonly string[],
    builder: BlockBuilder,
  ): void {
    const problems = url.trim() === '' ? ['It has no URL.'] : linkUrlProblems(url.trim())
    if (problems.length > 0) {
      this.report(
        `The link \`${url}\` is not imported as a link, only its text: ${problems.join(' ')}`,
        'unsafe-link',
        node,
      )
      this.phrasing(children, marks, builder)
      return
    }
    if (title)
      this.report(
        `The link title “${title}” is not imported: links keep their URL and text only.`,
        'link-title',
        node,
        'info',
      )
    this.linkDepth++
    this.phrasing(children, withMark(marks, builder.link(url.trim())), builder)
    this.linkDepth--
  }
}

function withMark(marks: readonly string[], mark: string): string[] {
  return marks.includes(mark) ? [...marks] : [...marks, mark]
}

/** How CommonMark matches link labels: case-insensitively, with runs of whitespace as one space. */
export function normaliseLabel(label: string): string {
  return label
    .replace(/[\t\n\r ]+/g, ' ')
    .trim()
    .toLowerCase()
    .toUpperCase()
}

export function definitionsOf(tree: Parent): Map<string, Definition> {
  const definitions = new Map<string, Definition>()
  const walk = (node: Node) => {
    if (node.type === 'definition') {
      const definition = node as Definition
      const label = normaliseLabel(definition.identifier)
      if (!definitions.has(label)) definitions.set(label, definition)
    }
    if ('children' in node && Array.isArray(node.children)) for (const child of node.children as Node[]) walk(child)
  }
  walk(tree)
  return definitions
}
