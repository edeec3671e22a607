import type {Link} from 'mdast'

/**
 * True for a link GFM made from a bare `www.…`/`https://…`/e-mail text. The schema keeps such text as text, and the
 * export writes it as text, so reading it as a link would change the article on every round trip. A written link
 * starts with `[` (inline or reference) or `<` (autolink) in the source; GFM finds `www.` and e-mail literals after
 * parsing, so those links have no place in the source at all.
 */
export function isLiteralAutolink(node: Link, source: string): boolean {
  const offset = node.position?.start.offset
  if (offset === undefined) return true
  const first = source.charAt(offset)
  return first !== '[' && first !== '<'
}
