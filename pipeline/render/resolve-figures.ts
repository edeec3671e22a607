import type {Root} from 'mdast'
import type {VFile} from 'vfile'
import type {FigureFields, FigureNode} from './mdast-figure.ts'
import {renderMessage} from './messages.ts'
import type {FigureModel} from './model.ts'
import type {PathSegment} from '../../schemas/rules/rule.ts'
import type {FigureImage} from './types.ts'

/**
 * Gives each body figure its published image (`RenderInput.images`, by asset id) and returns the figures in order.
 * A figure without one (no asset, or an image the export could not publish) is removed and reported: a page never
 * shows a broken image, and validation has already said why when the asset is missing.
 */
export function resolveFigures(tree: Root, images: Readonly<Record<string, FigureImage>>, file: VFile): FigureModel[] {
  const figures: FigureModel[] = []
  tree.children = tree.children.filter((node) => {
    if (node.type !== 'figure') return true
    const model = figureModel(node, images, file)
    if (model) {
      ;(node as FigureNode).model = model
      figures.push(model)
    }
    return model !== null
  })
  return figures
}

/** The lead image, or null when there is none or its image is not published (reported). */
export function resolveLeadImage(
  fields: FigureFields | null,
  assetId: string | null,
  images: Readonly<Record<string, FigureImage>>,
  file: VFile,
): FigureModel | null {
  if (fields === null) return null
  return figureModel({type: 'figure', assetId, path: ['leadImage'], fields: {...fields, key: null}}, images, file)
}

function figureModel(node: FigureNode, images: Readonly<Record<string, FigureImage>>, file: VFile): FigureModel | null {
  const image = node.assetId !== null && Object.hasOwn(images, node.assetId) ? images[node.assetId]! : null
  if (image === null) {
    missing(file, node.path, node.assetId)
    return null
  }
  const {fields} = node
  return {
    key: fields.key,
    file: image.file,
    width: image.width,
    height: image.height,
    alt: fields.alt ?? '',
    decorative: fields.decorative,
    caption: fields.caption,
    credit: fields.credit,
    licence: fields.licence,
    publisherOwned: fields.publisherOwned,
    original: image.original ?? image.file,
    srcset: image.srcset.map(({file: variant, width}) => ({file: variant, width})),
    mimeType: image.mimeType,
  }
}

function missing(file: VFile, path: PathSegment[], assetId: string | null): void {
  renderMessage(
    file,
    assetId === null
      ? 'A figure has no image, so it is left out. Choose an image for it in Studio, or remove the figure.'
      : `The image ${assetId} of a figure is not available to the renderer, so the figure is left out. Upload the image again in Studio.`,
    {ruleId: 'figure-image-missing', path: [...path, 'asset'], ...(assetId === null ? {} : {actual: assetId})},
  )
}
