import type {FigureFields, FigureNode} from '../../mdast-figure.ts'
import type {BlockHandler, PortableTextObject} from '../state.ts'

/**
 * A `figure` block (Sanity's image type with alt, caption, credit and licence) → an mdast `figure` node. Its image
 * file is not known here: `resolveFigures` attaches the published one, so no address ever comes from the document.
 */
export const figure: BlockHandler = (node, state) => {
  const asset = node.asset as {_ref?: unknown} | undefined
  const result: FigureNode = {
    type: 'figure',
    assetId: typeof asset?._ref === 'string' ? asset._ref : null,
    path: state.path,
    fields: figureFields(node),
  }
  return result
}

/** The writer's fields of a figure (a body block or the lead image), trimmed; a decorative image has no alt. */
export function figureFields(node: PortableTextObject): FigureFields {
  const text = (value: unknown): string | null =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : null
  const decorative = node.decorative === true
  return {
    key: typeof node._key === 'string' ? node._key : null,
    alt: decorative ? null : text(node.alt),
    decorative,
    caption: text(node.caption),
    credit: text(node.credit),
    licence: text(node.licence),
    publisherOwned: node.publisherOwned === true,
  }
}
