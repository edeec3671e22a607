import type {Definition, List, ListItem, Nodes, PhrasingContent, RootContent} from 'mdast'
import type {Node} from 'unist'
import type {VFile} from 'vfile'
import {linkUrlProblems} from '../../schemas/rules/fields/urls.ts'
import {splitCitationMarkers} from './citation-markers.ts'
import {htmlText} from './html-text.ts'
import {normaliseLabel} from './definitions.ts'
import {hashKey} from './ids.ts'
import {isLiteralAutolink} from './literal-autolink.ts'
import type {FigureCreditFields} from '../render/formats/figure-credit-line.ts'
import {figureCreditOf, imageOnly} from './sections.ts'
import {titleOf, urlOf, type ImageLoad, type MarkdownImage} from './load-images.ts'
import {plainText} from './plain-text.ts'
import {importMessage} from './messages.ts'
import {BlockBuilder, type BlockStyle, type PortableTextBlock, type PortableTextFigure} from './portable-text.ts'

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
  /** What became of each image of the body (`loadImages`): an image missing from it is reported as not read. */
  images?: ReadonlyMap<MarkdownImage, ImageLoad>
}

/** Where the export format's figures name their file: the dataset's `images/` folder (`sanity dataset import`). */
export const FIGURE_ASSET_PREFIX = 'image@file://./images/'

type FigureContent = Omit<PortableTextFigure, '_key'>

const HEADING_STYLES: Record<number, BlockStyle> = {2: 'h2', 3: 'h3', 4: 'h4'}

/**
 * mdast → Portable Text, the inverse of the render's Portable Text → mdast: paragraphs, headings h2–h4, block
 * quotes, bullet and numbered lists (nesting depth → `level`), strong/em/code, links, `[n]` citation markers and
 * images (→ `figure` blocks). Whatever the schema cannot hold is reported with its place and, where it has text, kept
 * as text.
 */
export function mdastToPortableText(
  nodes: readonly RootContent[],
  options: MdastToPortableTextOptions,
): Array<PortableTextBlock | PortableTextFigure> {
  const state = new State(options)
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!
    const before = state.blocks.length
    state.block(node)
    // The export's credit line under a figure (and only that line, directly under an image on a line of its own)
    // gives the figure its credit, licence, ownership and decorative choice; it is not a paragraph of the body.
    const credit = node.type === 'paragraph' && imageOnly(node) ? figureCreditOf(nodes[index + 1]) : null
    if (credit === null) continue
    index++
    const figure = state.blocks.length === before + 1 ? state.blocks[before] : undefined
    if (figure?._type === 'figure') Object.assign(figure, figureCredit(credit))
  }
  return state.blocks
}

function figureCredit(fields: FigureCreditFields): Partial<PortableTextFigure> {
  return {
    ...(fields.credit === null ? {} : {credit: fields.credit}),
    ...(fields.licence === null ? {} : {licence: fields.licence}),
    ...(fields.publisherOwned ? {publisherOwned: true as const} : {}),
    ...(fields.decorative ? {decorative: true as const} : {}),
  }
}

interface ListContext {
  listItem: 'bullet' | 'number'
  level: number
}

class State {
  readonly blocks: Array<PortableTextBlock | PortableTextFigure> = []
  readonly options: MdastToPortableTextOptions
  private reportedMarkers = new Set<number>()
  /** Figures of images found inside a block (a heading, a list item, a link): they follow that block. */
  private pendingFigures: FigureContent[] = []
  /** The block being converted, named for the findings about images inside it. */
  private container: 'paragraph' | 'heading' | 'list item' | 'table' = 'paragraph'
  /**
   * Inside link text `[n]` is text: the export never writes a marker there (a marker ends the link), and Markdown
   * lets link text hold balanced brackets without escaping them, so `[[2] care](…)` is the text “[2] care”.
   */
  private linkDepth = 0

  constructor(options: MdastToPortableTextOptions) {
    this.options = options
  }

  report(reason: string, ruleId: string, node: Node, level: 'info' | 'warning' | 'error' = 'warning'): void {
    importMessage(this.options.file, reason, {ruleId, node, actual: node.type, level})
  }

  builder(style: BlockStyle, list?: ListContext): BlockBuilder {
    return new BlockBuilder(this.options.documentId, this.blocks.length, style, list)
  }

  keep(builder: BlockBuilder): void {
    // Where an image was taken out, the spaces beside it would be left at the block's edges.
    if (this.pendingFigures.length > 0) trimCut(builder.block, true, true)
    if (!builder.isEmpty || builder.block.listItem) this.blocks.push(builder.block)
    for (const figure of this.pendingFigures.splice(0)) this.pushFigure(figure)
  }

  pushFigure(figure: FigureContent): void {
    const _key = hashKey(`${this.options.documentId}/body/${this.blocks.length}`)
    const {_type, ...fields} = figure
    this.blocks.push({_type, _key, ...fields})
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
        this.paragraph(node.children, quoted ? 'blockquote' : 'normal')
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
        this.within('heading', () => this.textBlock(node.children, style!))
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
        this.within('table', () => {
          for (const row of node.children) {
            const builder = this.builder('normal')
            row.children.forEach((cell, index) => {
              if (index > 0) builder.text(' | ', [])
              this.phrasing(cell.children, [], builder)
            })
            this.keep(builder)
          }
        })
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
    for (const item of node.children) this.within('list item', () => this.listItem(item, {listItem, level}))
  }

  /** Converts a block with `container` named in the findings about images inside it. */
  within(container: State['container'], convert: () => void): void {
    const outer = this.container
    this.container = container
    convert()
    this.container = outer
  }

  /**
   * A paragraph; an image in it (not inside a link or emphasis) splits it where it stands: the text before, the
   * figure, the text after, each trimmed where it was cut. A figure is a block of its own in Portable Text, and the
   * writer's order is kept, so `Wash as shown: ![Steps](steps.png) Then dry.` reads in the same order.
   */
  paragraph(children: readonly PhrasingContent[], style: BlockStyle): void {
    const segments: Array<PhrasingContent[] | MarkdownImage> = [[]]
    for (const child of children) {
      if (child.type === 'image' || child.type === 'imageReference') segments.push(child, [])
      else (segments.at(-1) as PhrasingContent[]).push(child)
    }
    if (segments.length === 1) {
      this.textBlock(children, style)
      return
    }
    let textBeside = false
    segments.forEach((segment, index) => {
      if (!Array.isArray(segment)) {
        const figure = this.figure(segment)
        if (figure) this.pushFigure(figure)
        return
      }
      const builder = this.builder(style)
      this.phrasing(segment, [], builder)
      trimCut(builder.block, index > 0, index < segments.length - 1)
      if (!builder.isEmpty) textBeside = true
      this.keep(builder)
    })
    const first = segments.find((segment) => !Array.isArray(segment)) as MarkdownImage
    if (textBeside)
      this.report(
        'An image inside a paragraph with text: a figure stands between paragraphs, so the paragraph is split around it (text before, figure, text after). Check that the text still reads well, or put the image on a line of its own.',
        'image-in-paragraph',
        first,
        'info',
      )
  }

  /**
   * The figure of an image: its file in the dataset's `images/` folder, its description as `alt` (empty when the
   * Markdown has none: only a writer may mark an image decorative, so validation reports it), its title as
   * `caption`. Credit and licence are never guessed; validation reports them missing. A remote image gives a figure
   * without a file (reported); a missing or refused file gives none (an error: the file is not imported).
   */
  figure(node: MarkdownImage): FigureContent | null {
    const url = urlOf(node, this.options.definitions) ?? ''
    const load: ImageLoad = this.options.images?.get(node) ?? {
      kind: 'failed',
      ruleId: 'image-missing',
      reason: 'Its file was not read.',
    }
    if (load.kind === 'failed') {
      this.report(
        `The image \`${url}\` cannot be imported: ${load.reason} ${load.ruleId === 'image-unsupported' ? 'Save it as PNG, JPEG, WebP, GIF or SVG.' : 'Give the path of the image file relative to the Markdown file.'} Until then the file is not imported.`,
        load.ruleId,
        node,
        'error',
      )
      return null
    }
    const alt = (node.alt ?? '').replace(/\s+/g, ' ').trim()
    const caption = titleOf(node, this.options.definitions)?.replace(/\s+/g, ' ').trim()
    const described = {alt, ...(caption ? {caption} : {})}
    if (load.kind === 'remote') {
      this.report(
        `The image \`${url}\` is on the web, and an import never downloads: the figure is imported without its image, which validation reports missing. Download the file (checking its licence), save it beside the Markdown and write its path, or add the image in Studio.`,
        'image-remote',
        node,
      )
      return {_type: 'figure', ...described}
    }
    return {_type: 'figure', _sanityAsset: `${FIGURE_ASSET_PREFIX}${load.asset.name}`, ...described}
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
      case 'imageReference': {
        const figure = this.figure(node)
        if (!figure) return
        this.pendingFigures.push(figure)
        // “the chart ![…](…).” reads “the chart.”; a space after the image still separates the words around it.
        const before = builder.block.children.at(-1)
        if (before?._type === 'span') before.text = before.text.replace(/\s+$/, '')
        const where =
          this.linkDepth > 0 ? 'a link' : this.container === 'paragraph' ? 'emphasis' : `a ${this.container}`
        const after =
          this.container === 'list item' ? 'the list item, which ends the list there' : `the ${this.container}`
        this.report(
          `An image inside ${where}: a figure stands on its own between blocks, so it is imported after ${after}${this.linkDepth > 0 ? ', without the link' : ''}. Move the image to a line of its own.`,
          'image-placement',
          node,
        )
        return
      }
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

/** Drops the spaces and line breaks left at the edges where a paragraph was cut around an image. */
function trimCut(block: PortableTextBlock, start: boolean, end: boolean): void {
  const first = block.children[0]
  if (start && first?._type === 'span') first.text = first.text.replace(/^\s+/, '')
  const last = block.children.at(-1)
  if (end && last?._type === 'span') last.text = last.text.replace(/\s+$/, '')
  block.children = block.children.filter((child) => child._type !== 'span' || child.text !== '')
}

function withMark(marks: readonly string[], mark: string): string[] {
  return marks.includes(mark) ? [...marks] : [...marks, mark]
}
