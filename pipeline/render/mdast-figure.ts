import type {Data, Node} from 'mdast'
import type {PathSegment} from '../../schemas/rules/rule.ts'
import type {FigureModel} from './model.ts'

/**
 * A figure in mdast: a body block of its own (Portable Text `figure`). Portable Text → mdast creates it with the
 * writer's fields and the asset it shows; `resolveFigures` gives it its published image (`model`) or removes it.
 */
export interface FigureNode extends Node {
  type: 'figure'
  /** The image asset's id (`image-<sha1>-<w>x<h>-<ext>`), or null when the figure has no asset. */
  assetId: string | null
  /** Where the figure sits in the article (`['body', {_key}]`). */
  path: PathSegment[]
  /** The writer's fields, trimmed (empty → null). */
  fields: FigureFields
  /** The figure as every format lays it out, once its image is known. */
  model?: FigureModel
  data?: Data
}

export interface FigureFields {
  key: string | null
  alt: string | null
  decorative: boolean
  caption: string | null
  credit: string | null
  licence: string | null
  publisherOwned: boolean
}

declare module 'mdast' {
  interface BlockContentMap {
    figure: FigureNode
  }
  interface RootContentMap {
    figure: FigureNode
  }
}
