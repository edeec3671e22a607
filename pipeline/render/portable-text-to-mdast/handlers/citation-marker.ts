import {type InlineHandler, isPortableTextObject} from '../state.ts'

/** Keeps the cited id only; numbering needs the whole article and happens in `remarkNumberCitations`. */
export const citationMarker: InlineHandler = (node, _state, path) => {
  const reference = isPortableTextObject(node.citation) ? node.citation._ref : undefined
  return [
    {type: 'citationMarker', citationId: typeof reference === 'string' && reference !== '' ? reference : null, path},
  ]
}
