import {hashKey} from './ids.ts'

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g

/** The Portable Text the import writes: exactly the shapes of `schemas/objects/blockContent.ts`. */
export interface PortableTextSpan {
  _type: 'span'
  _key: string
  text: string
  marks: string[]
}

export interface PortableTextMarker {
  _type: 'citationMarker'
  _key: string
  citation: {_type: 'reference'; _ref: string}
}

export interface PortableTextLink {
  _type: 'link'
  _key: string
  href: string
}

/**
 * An image block (`schemas/objects/figure.ts`) as the export format writes it: `_sanityAsset` names the file in the
 * dataset's `images/` folder, which `sanity dataset import` uploads and the local source resolves. A figure whose
 * image could not be imported (a remote URL) has none, so validation reports the image missing.
 */
export interface PortableTextFigure {
  _type: 'figure'
  _key: string
  _sanityAsset?: string
  alt: string
  caption?: string
  /** From the export's credit line under the image (`figure-credit-line.ts`) only: never guessed. */
  credit?: string
  licence?: string
  publisherOwned?: true
  decorative?: true
}

export type BlockStyle = 'normal' | 'h2' | 'h3' | 'h4' | 'blockquote'

export interface PortableTextBlock {
  _type: 'block'
  _key: string
  style: BlockStyle
  listItem?: 'bullet' | 'number'
  level?: number
  markDefs: PortableTextLink[]
  children: Array<PortableTextSpan | PortableTextMarker>
}

/**
 * Builds one block, for the import and for the embedded dataset's builder (`studio/dataset/source/portable-text.ts`).
 * Keys hash the document id and the position, so importing the same Markdown always gives the same keys, and spans
 * that follow each other with the same marks are one span, as editors' blocks are.
 */
export class BlockBuilder {
  readonly place: string
  readonly block: PortableTextBlock

  constructor(
    documentId: string,
    index: number,
    style: BlockStyle,
    list?: {listItem: 'bullet' | 'number'; level: number},
  ) {
    this.place = `${documentId}/body/${index}`
    this.block = {
      _type: 'block',
      _key: hashKey(this.place),
      style,
      ...(list ? {listItem: list.listItem, level: list.level} : {}),
      markDefs: [],
      children: [],
    }
  }

  text(value: string, marks: readonly string[]): void {
    // C0 controls (other than tab and line breaks) and DEL are never meant as text; the renderer drops them too.
    const text = value.replace(CONTROL, '')
    if (text === '') return
    const previous = this.block.children.at(-1)
    if (previous?._type === 'span' && previous.marks.join() === marks.join()) {
      previous.text += text
      return
    }
    this.push({_type: 'span', text, marks: [...marks]})
  }

  marker(citationId: string): void {
    this.push({_type: 'citationMarker', citation: {_type: 'reference', _ref: citationId}})
  }

  /** A new link annotation on this block (one per link, as Studio makes them); returns its mark key. */
  link(href: string): string {
    const definition: PortableTextLink = {
      _type: 'link',
      _key: hashKey(`${this.place}/markDefs/${this.block.markDefs.length}`),
      href,
    }
    this.block.markDefs.push(definition)
    return definition._key
  }

  get isEmpty(): boolean {
    return this.block.children.every((child) => child._type === 'span' && child.text === '')
  }

  private push(child: Omit<PortableTextSpan, '_key'> | Omit<PortableTextMarker, '_key'>): void {
    this.block.children.push({...child, _key: hashKey(`${this.place}/children/${this.block.children.length}`)} as
      PortableTextSpan | PortableTextMarker)
  }
}
