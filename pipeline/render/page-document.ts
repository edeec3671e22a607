import type {Element, ElementContent, Root, RootContent} from 'hast'
import {toHtml} from 'hast-util-to-html'
import type {Schema} from 'hast-util-sanitize'
import {assertAllowed} from './assert-allowed.ts'
import {articlePage} from './formats/page.ts'
import type {ArticleModel} from './model.ts'
import {pageSanitizeSchema} from './sanitize-schema.ts'

/** Where the body goes while the page around it is checked; no content can make this element. */
const SLOT = 'vetted-fragment-slot'
const shellSchema: Schema = {...pageSanitizeSchema, tagNames: [...pageSanitizeSchema.tagNames!, SLOT]}

export interface PageDocument {
  /** The page with the fragment's nodes in it (for article.txt). */
  tree: Root
  /**
   * index.html without its final newline, as the shell before the body, the fragment's HTML and the shell after it
   * (`RenderedArticle.pieces`: joined, it would be copied once more).
   */
  pieces: readonly [string, string, string]
}

/**
 * The standalone page around a fragment that is already checked and serialised. Checking and serialising the whole
 * page would do the fragment's work twice (the page schema allows everything the fragment schema does): the shell,
 * which our code builds from the model (settings and writer text as text nodes, addresses checked where they are
 * placed), is checked against the page schema around a slot (`assertAllowed`: a renderer bug fails loudly), then
 * the slot is filled with the fragment's nodes for the tree and with its HTML for the page's HTML.
 */
export function pageDocument(model: ArticleModel, fragmentHtml: string): PageDocument {
  const slot: Element = {type: 'element', tagName: SLOT, properties: {}, children: []}
  const tree = articlePage({...model, fragment: {type: 'root', children: [slot]}})
  assertAllowed(tree, shellSchema, 'page shell')
  const place = findSlot(tree)
  if (place === null) throw new Error('articlePage() left out the article body')
  const {parent, index} = place
  const before = parent.children.slice(0, index)
  const after = parent.children.slice(index + 1)
  // The shell is serialised around a marker, and the fragment's HTML put in its place once: as a raw node in the
  // tree, it was copied again by every element around it (hast-util-to-html joins each element's children into a
  // new string), ~0.35 MB of garbage per article.
  parent.children = [...before, {type: 'raw', value: FRAGMENT_MARKER}, ...after]
  const shell = toHtml(tree, {allowDangerousHtml: true})
  parent.children = [...before, ...(model.fragment.children as ElementContent[]), ...after]
  const at = shell.indexOf(FRAGMENT_MARKER)
  if (at === -1 || shell.indexOf(FRAGMENT_MARKER, at + 1) !== -1) throw new Error('the page shell lost its body slot')
  return {tree, pieces: [shell.slice(0, at), fragmentHtml, shell.slice(at + FRAGMENT_MARKER.length)]}
}

/**
 * Where the fragment's HTML goes in the serialised shell. It starts with `&`, which hast-util-to-html escapes in text
 * and in every kind of attribute value, and `scriptSafeJson` in the JSON-LD; no other raw node can be in the tree
 * (the check refuses them). So writer text never serialises to it: a `<` would not do, since attribute values keep it
 * (a summary holding `<vetted-fragment-slot>` reached the page's description as typed).
 */
export const FRAGMENT_MARKER = `&${SLOT};`

function findSlot(parent: Root | Element): {parent: Root | Element; index: number} | null {
  const children: ReadonlyArray<RootContent | ElementContent> = parent.children
  for (let index = 0; index < children.length; index++) {
    const child = children[index]!
    if (child.type !== 'element') continue
    if (child.tagName === SLOT) return {parent, index}
    const found = findSlot(child)
    if (found) return found
  }
  return null
}
