import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root, RootContent} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {describe, expect, it} from 'vitest'
import {articleWithBody, REPO_ROOT, renderForTest, withoutReviewBlock, words} from './render-support.ts'

/**
 * Sanity's shared Portable Text → HTML conformance fixtures (../shared/corpora/portable-text-html, 33 files from
 * the legacy block-content-to-html suite). Every input must render without a crash; where the file has expected
 * HTML, ours must have the same text content and the same block structure (paragraphs, headings, lists, list items,
 * quotes, emphasis, strong, code, links), apart from the deliberate differences listed below.
 */
const CORPUS = path.resolve(REPO_ROOT, '../shared/corpora/portable-text-html')

/** Elements whose order and nesting make up "block structure" for this comparison. */
const STRUCTURE = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'em',
  'strong',
  'code',
  'a',
])

const STRUCTURE_BLOCKS = new Set(['p', 'ul', 'ol', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * Our choices where the legacy renderer differs. Each is applied to the *expected* tree before comparing, so
 * everything else must still match.
 */
const DELIBERATE_DIFFERENCES: Record<string, {why: string; normalise: (tree: Root) => void}> = {
  emptyBlocks: {
    why: 'Empty blocks (stray Enter presses) are dropped instead of rendered as <p></p>: they carry no words.',
    normalise: (tree) =>
      removeElements(tree, (node) => node.tagName === 'p' && toText(node).trim() === '' && node.children.length === 0),
  },
  bodyHeading1: {
    why: 'The article title is the page’s only h1, so a body h1 is shown as h2 (and reported).',
    normalise: (tree) => renameElements(tree, 'h1', 'h2'),
  },
  styledListItems: {
    why: 'A list item’s style is not rendered inside the <li> (reported): list items hold text, not headings.',
    normalise: (tree) =>
      unwrapElements(tree, (node, parent) => parent?.tagName === 'li' && /^h[1-6]$/.test(node.tagName)),
  },
  quoteParagraphs: {
    why: 'A quote holds its text in a paragraph (<blockquote><p>…</p></blockquote>), as Markdown and HTML define a quotation.',
    normalise: (tree) =>
      walk(tree, (node) => {
        if (
          node.tagName === 'blockquote' &&
          node.children.every((child) => child.type !== 'element' || !STRUCTURE_BLOCKS.has(child.tagName))
        ) {
          node.children = [{type: 'element', tagName: 'p', properties: {}, children: node.children}]
        }
      }),
  },
  unknownBlocksAsParagraphs: {
    why: 'Unknown block types (the custom `code` block of 050) keep their text as a plain paragraph, reported.',
    normalise: (tree) => {
      unwrapElements(tree, (node, parent) => node.tagName === 'code' && parent?.tagName === 'pre')
      renameElements(tree, 'pre', 'p')
    },
  },
}

/**
 * What the render reports for each fixture (by its number): the images, custom blocks, inline objects and marks that
 * the legacy suite configured custom serializers for, and our deliberate differences. No entry: no messages.
 */
const EXPECTED_RULE_IDS: Record<string, string[]> = {
  '012': ['unknown-block-type'],
  '013': ['unknown-block-type'],
  '015': ['unknown-mark-type'],
  '017': ['body-heading-1'],
  '018': ['unknown-mark-type'],
  '022': ['unknown-inline-type'],
  '024': ['unknown-inline-type'],
  '025': ['unknown-block-type'],
  '026': ['unknown-inline-type'],
  '027': ['list-item-style'],
  '050': ['unknown-block-type'],
  '051': ['unknown-block-type'],
  '052': ['unknown-mark-type'],
  '061': ['unknown-mark-type'],
}

interface CorpusFile {
  input: unknown
  output?: string
}

const files = readdirSync(CORPUS)
  .filter((name) => name.endsWith('.json'))
  .sort()

describe('Portable Text conformance corpus', () => {
  it('has the 33 fixtures the README describes', () => {
    expect(files).toHaveLength(33)
  })

  for (const name of files) {
    const corpus = JSON.parse(readFileSync(path.join(CORPUS, name), 'utf8')) as CorpusFile
    const body = Array.isArray(corpus.input) ? corpus.input : [corpus.input]

    describe(name, async () => {
      const rendered = await renderForTest(articleWithBody(body))
      const ours = withoutReviewBlock(fromHtml(rendered.files['fragment.html'], {fragment: true}))

      it('renders without a crash', () => {
        expect(rendered.files['fragment.html']).toBeTypeOf('string')
      })

      it('reports exactly the node types it cannot render', () => {
        expect([...new Set(rendered.messages.map((message) => message.ruleId))].sort()).toEqual(
          EXPECTED_RULE_IDS[name.slice(0, 3)] ?? [],
        )
      })

      if (corpus.output === undefined) return
      const expected = fromHtml(corpus.output, {fragment: true})
      for (const difference of Object.values(DELIBERATE_DIFFERENCES)) difference.normalise(expected)

      it('has the same text content as the expected HTML', () => {
        expect(words(toText(ours))).toEqual(words(toText(expected)))
      })

      it('has the same block structure as the expected HTML (after our deliberate differences)', () => {
        expect(structure(ours)).toEqual(structure(expected))
      })
    })
  }
})

/** The structural elements as nested [tag, children] pairs, ignoring everything else (div, figure, img, span…). */
type Shape = Array<[string, Shape]>
function structure(node: Root | Element): Shape {
  const out: Shape = []
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (STRUCTURE.has(child.tagName)) out.push([child.tagName, structure(child)])
    else out.push(...structure(child))
  }
  return out
}

type Test = (node: Element, parent: Element | undefined) => boolean

function walk(
  parent: Root | Element,
  visit: (node: Element, parent: Element | undefined, index: number, siblings: RootContent[]) => void,
) {
  const siblings = parent.children as RootContent[]
  for (let index = siblings.length - 1; index >= 0; index--) {
    const node = siblings[index]!
    if (node.type !== 'element') continue
    walk(node, visit)
    visit(node, parent.type === 'element' ? parent : undefined, index, siblings)
  }
}

function removeElements(tree: Root, test: Test) {
  walk(tree, (node, parent, index, siblings) => {
    if (test(node, parent)) siblings.splice(index, 1)
  })
}

function unwrapElements(tree: Root, test: Test) {
  walk(tree, (node, parent, index, siblings) => {
    if (test(node, parent)) siblings.splice(index, 1, ...(node.children as RootContent[]))
  })
}

function renameElements(tree: Root, from: string, to: string) {
  walk(tree, (node) => {
    if (node.tagName === from) node.tagName = to
  })
}
