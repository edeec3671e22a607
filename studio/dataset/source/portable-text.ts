import {BlockBuilder, type BlockStyle, type PortableTextBlock} from '../../../pipeline/import/portable-text.ts'

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
export function toPortableText(documentId: string, blocks: readonly BlockSpec[]): PortableTextBlock[] {
  return blocks.map((spec, blockIndex) => {
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
export function plainText(spec: BlockSpec): string {
  const text = (inline: Inline): string =>
    typeof inline === 'string' ? inline : inline.kind === 'cite' ? '' : inline.children.map(text).join('')
  return spec.children.map(text).join('')
}
