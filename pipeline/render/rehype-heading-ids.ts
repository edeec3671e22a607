import GithubSlugger from 'github-slugger'
import type {Root} from 'hast'
import {toText} from 'hast-util-to-text'
import {eachElement} from './each-element.ts'

const HEADINGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * Gives each h2–h6 without an id a GitHub-style slug of its text (`what-is-infant-mental-health`), unique within the
 * tree: ids already present (references, citation anchors) are reserved first, so a body heading called
 * "References" becomes `references-1` instead of clashing.
 */
export interface RehypeHeadingIdsOptions {
  /** Ids used elsewhere on the page (outside this tree), which headings must not take. @defaultValue [] */
  reserved?: readonly string[]
}

export function rehypeHeadingIds(options: RehypeHeadingIdsOptions = {}) {
  return (tree: Root) => {
    const slugger = new GithubSlugger()
    for (const id of options.reserved ?? []) slugger.slug(id)
    eachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') slugger.slug(node.properties.id)
    })
    eachElement(tree, (node) => {
      if (!HEADINGS.has(node.tagName) || node.properties.id !== undefined) return
      const slug = slugger.slug(toText(node)) || slugger.slug('section')
      node.properties.id = slug
    })
  }
}
