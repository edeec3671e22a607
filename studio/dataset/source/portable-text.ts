import {hashKey} from '../../../pipeline/import/ids.ts'
import {BlockBuilder, type BlockStyle, type PortableTextBlock} from '../../../pipeline/import/portable-text.ts'
import type {DrawingName} from './drawings.ts'

/**
 * Small builders that let the dataset's articles be written as readable TypeScript
 * (`p('Infancy is …', cite('cdc-2021'))`) and turned into Portable Text with deterministic keys.
 */

export type Decorator = 'strong' | 'em' | 'code'

export type Inline = string | Styled | Linked | Cited

interface Styled {
  kind: 'decorator'
  decorator: Decorator
  children: Inline[]
}

interface Linked {
  kind: 'link'
  href: string
  children: Inline[]
}

interface Cited {
  kind: 'cite'
  /** Citation ids without the `citation.` prefix, in the order the markers stand. */
  citations: string[]
}

export interface BlockSpec {
  style: BlockStyle
  listItem?: 'bullet' | 'number'
  level?: number
  children: Inline[]
}

/** An image of `drawings.ts` in the body (or as an article's lead image), with its words and rights. */
export interface FigureSpec {
  kind: 'figure'
  image: DrawingName
  alt: string
  caption?: string
  credit: string
  licence?: string
  publisherOwned: boolean
}

export type BodySpec = BlockSpec | FigureSpec

/** The dataset's own drawings: made by the publisher, credited to its library. */
export const figure = (image: DrawingName, alt: string, caption?: string): FigureSpec => ({
  kind: 'figure',
  image,
  alt,
  ...(caption === undefined ? {} : {caption}),
  credit: 'Northfield Health Library',
  publisherOwned: true,
})

/** Where a drawing's file is, relative to the dataset: `images/<sha1>-<w>x<h>.<ext>`. */
export type ImageFiles = ReadonlyMap<string, {file: string}>

/**
 * A figure in the form `sanity dataset export` writes it: the asset reference replaced by `_sanityAsset`, first,
 * pointing at the file beside the dataset (`sanity dataset import` uploads it and puts the reference back).
 */
export function figureObject(spec: FigureSpec, key: string | undefined, images: ImageFiles): Record<string, unknown> {
  const image = images.get(spec.image)
  if (!image) throw new Error(`No drawing named ${spec.image} in source/drawings.ts`)
  return {
    _sanityAsset: `image@file://./images/${image.file}`,
    _type: 'figure',
    ...(key === undefined ? {} : {_key: key}),
    alt: spec.alt,
    ...(spec.caption === undefined ? {} : {caption: spec.caption}),
    credit: spec.credit,
    ...(spec.licence === undefined ? {} : {licence: spec.licence}),
    publisherOwned: spec.publisherOwned,
  }
}

export const strong = (...children: Inline[]): Styled => ({kind: 'decorator', decorator: 'strong', children})
export const em = (...children: Inline[]): Styled => ({kind: 'decorator', decorator: 'em', children})
export const code = (...children: Inline[]): Styled => ({kind: 'decorator', decorator: 'code', children})
export const link = (href: string, ...children: Inline[]): Linked => ({kind: 'link', href, children})
/** One marker per id, side by side: `cite('a', 'b')` is `[1][2]`. */
export const cite = (...citations: string[]): Cited => ({kind: 'cite', citations})

export const p = (...children: Inline[]): BlockSpec => ({style: 'normal', children})
export const h2 = (...children: Inline[]): BlockSpec => ({style: 'h2', children})
export const h3 = (...children: Inline[]): BlockSpec => ({style: 'h3', children})
export const h4 = (...children: Inline[]): BlockSpec => ({style: 'h4', children})
export const quote = (...children: Inline[]): BlockSpec => ({style: 'blockquote', children})
export const bullet = (...children: Inline[]): BlockSpec => ({style: 'normal', listItem: 'bullet', level: 1, children})
export const bullet2 = (...children: Inline[]): BlockSpec => ({style: 'normal', listItem: 'bullet', level: 2, children})
export const numbered = (...children: Inline[]): BlockSpec => ({
  style: 'normal',
  listItem: 'number',
  level: 1,
  children,
})
export const numbered2 = (...children: Inline[]): BlockSpec => ({
  style: 'normal',
  listItem: 'number',
  level: 2,
  children,
})

/**
 * Keys hash the document id and the position, so the same source always gives the same keys; the import builds
 * its blocks with the same builder, so the same text gets the same keys whichever way it arrives.
 */
export function toPortableText(
  documentId: string,
  blocks: readonly BodySpec[],
  images: ImageFiles,
): Array<PortableTextBlock | Record<string, unknown>> {
  return blocks.map((spec, blockIndex) => {
    if ('kind' in spec) return figureObject(spec, hashKey(`${documentId}/body/${blockIndex}`), images)
    const builder = new BlockBuilder(
      documentId,
      blockIndex,
      spec.style,
      spec.listItem ? {listItem: spec.listItem, level: spec.level ?? 1} : undefined,
    )
    const walk = (inline: Inline, marks: string[]): void => {
      if (typeof inline === 'string') {
        builder.text(inline, marks)
      } else if (inline.kind === 'decorator') {
        for (const child of inline.children) walk(child, [...marks, inline.decorator])
      } else if (inline.kind === 'link') {
        const key = builder.link(inline.href)
        for (const child of inline.children) walk(child, [...marks, key])
      } else {
        for (const id of inline.citations) builder.marker(`citation.${id}`)
      }
    }
    for (const inline of spec.children) walk(inline, [])
    return builder.block
  })
}

/** The plain text of a block spec, for word counts and checks while writing. */
export function plainText(spec: BodySpec): string {
  if ('kind' in spec) return ''
  const text = (inline: Inline): string =>
    typeof inline === 'string' ? inline : inline.kind === 'cite' ? '' : inline.children.map(text).join('')
  return spec.children.map(text).join('')
}
