import type {PortableTextHandlers} from '../state.ts'
import {block} from './block.ts'
import {citationMarker} from './citation-marker.ts'
import {code} from './code.ts'
import {emphasis} from './emphasis.ts'
import {figure} from './figure.ts'
import {link} from './link.ts'
import {span} from './span.ts'
import {strong} from './strong.ts'
import {unknownBlock} from './unknown-block.ts'
import {unknownInline} from './unknown-inline.ts'

/**
 * Every Portable Text node type the renderer knows, one handler each. The keys are the schema's names
 * (schemas/objects/blockContent.ts); anything else goes to the `unknown…` handlers, which report it.
 * List items are `block`s too: `portableTextToMdast` groups them into lists and asks `block` for nothing.
 */
export const defaultHandlers: PortableTextHandlers = {
  block: {block, figure},
  inline: {span, citationMarker},
  decorator: {strong, em: emphasis, code},
  annotation: {link},
  unknownBlock,
  unknownInline,
}

/**
 * The defaults with `handlers` merged over them, as `@portabletext/to-html` merges `components`: a map's keys add to
 * or replace the default map's, an `unknown…` handler replaces the default one.
 */
export function mergeHandlers(handlers: Partial<PortableTextHandlers> = {}): PortableTextHandlers {
  return {
    block: {...defaultHandlers.block, ...handlers.block},
    inline: {...defaultHandlers.inline, ...handlers.inline},
    decorator: {...defaultHandlers.decorator, ...handlers.decorator},
    annotation: {...defaultHandlers.annotation, ...handlers.annotation},
    unknownBlock: handlers.unknownBlock ?? defaultHandlers.unknownBlock,
    unknownInline: handlers.unknownInline ?? defaultHandlers.unknownInline,
  }
}
