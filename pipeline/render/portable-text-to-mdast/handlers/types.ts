import type {BlockContent, PhrasingContent} from 'mdast'
import type {PathSegment} from '../../../../schemas/rules/rule.ts'
import type {PortableTextObject, PortableTextState} from '../state.ts'

/** Converts one non-list block (by `_type`) to mdast block content; null drops it (e.g. an empty paragraph). */
export type BlockHandler = (block: PortableTextObject, state: PortableTextState) => BlockContent | null

/** Converts one child of a block (by `_type`) to phrasing content. */
export type InlineHandler = (child: PortableTextObject, state: PortableTextState, path: PathSegment[]) => PhrasingContent[]

/**
 * Wraps already-converted phrasing content in a mark: a decorator (`strong`) gets `definition` null, an
 * annotation gets its mark definition (`{_type: 'link', href}`).
 */
export type MarkHandler = (children: PhrasingContent[], definition: PortableTextObject | null, state: PortableTextState) => PhrasingContent[]
