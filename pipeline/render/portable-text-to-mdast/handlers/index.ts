import {block} from './block.ts'
import {citationMarker} from './citation-marker.ts'
import {code} from './code.ts'
import {emphasis} from './emphasis.ts'
import {link} from './link.ts'
import {span} from './span.ts'
import {strong} from './strong.ts'
import type {BlockHandler, InlineHandler, MarkHandler} from './types.ts'
import {unknownBlock} from './unknown-block.ts'
import {unknownInline} from './unknown-inline.ts'

export type {BlockHandler, InlineHandler, MarkHandler} from './types.ts'

/**
 * Every Portable Text node type the renderer knows, one handler each. The keys are the schema's names
 * (schemas/objects/blockContent.ts); anything else goes to the `unknown…` handlers, which report it.
 * List items are `block`s too: `portableTextToMdast` groups them into lists and asks `block` for nothing.
 */
export const blockHandlers: Record<string, BlockHandler> = {block}
export const inlineHandlers: Record<string, InlineHandler> = {span, citationMarker}
/** Decorators by name. */
export const decoratorHandlers: Record<string, MarkHandler> = {strong, em: emphasis, code}
/** Annotations by their mark definition's `_type`. */
export const annotationHandlers: Record<string, MarkHandler> = {link}
export const unknownBlockHandler: BlockHandler = unknownBlock
export const unknownInlineHandler: InlineHandler = unknownInline
