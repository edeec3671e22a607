import path from 'node:path'
import type {List, Nodes, PhrasingContent, Root} from 'mdast'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {mulberry32} from '../bench/generate.ts'
import {writeDataset} from '../bench/write-dataset.ts'
import {articleMarkdownTree, libraryMarkdown, subsetArticleMarkdown} from '../pipeline/render/formats/markdown.ts'
import type {ArticleModel} from '../pipeline/render/model.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import {EMBEDDED_DATASET} from './helpers/embedded-dataset.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'
import {renderForTest} from './render-support.ts'

/**
 * article.md is written by a hand-written writer for the nodes an article nearly always has (`markdown-subset.ts`,
 * for speed), falling back to mdast-util-to-markdown for anything else. Wherever it writes, it must write exactly
 * what the library writes with the same settings: over every article of the embedded dataset and of a generated
 * dataset (rendered through the source and renderer as the export renders them), and over the same trees with
 * characters that need escaping put into their texts.
 */

// The models the renderer writes article.md from, as it renders.
const models: ArticleModel[] = []
vi.mock(import('../pipeline/render/formats/markdown.ts'), async (importOriginal) => {
  const original = await importOriginal()
  return {
    ...original,
    articleMarkdown: (model: ArticleModel) => {
      models.push(model)
      return original.articleMarkdown(model)
    },
  }
})

async function renderDataset(file: string): Promise<ArticleModel[]> {
  models.length = 0
  const source = await openLocalSource({file, label: path.basename(file)})
  try {
    const settings = await source.getSettings()
    for await (const row of source.listArticles()) {
      const article = await source.getArticle(row._id)
      if (article) await renderForTest(article, {settings})
    }
  } finally {
    await source.close()
  }
  return [...models]
}

let embedded: ArticleModel[] = []
let generated: ArticleModel[] = []

beforeAll(async () => {
  const file = path.join(makeTempDir('markdown-subset-'), 'generated.ndjson')
  await writeDataset(file, {n: 120, seed: 7, drafts: false})
  embedded = await renderDataset(EMBEDDED_DATASET)
  generated = await renderDataset(file)
}, 120_000)

afterAll(() => removeTempDirs())

/** The subset writer's output where it writes, and the library's. */
function both(tree: Root): {subset: string | null; library: string} {
  return {subset: subsetArticleMarkdown(tree), library: libraryMarkdown(tree)}
}

describe('article.md subset writer', () => {
  it('writes every article of the embedded dataset as mdast-util-to-markdown does, where it writes', () => {
    expect(embedded.length).toBeGreaterThanOrEqual(7)
    for (const model of embedded) {
      const {subset, library} = both(articleMarkdownTree(model))
      if (subset !== null) expect(subset, model.id).toBe(library)
    }
  })

  it('writes every generated article, byte for byte as mdast-util-to-markdown does', () => {
    expect(generated.length).toBe(120)
    for (const model of generated) {
      const {subset, library} = both(articleMarkdownTree(model))
      // Generated articles hold only what the subset covers: it writes all of them.
      expect(subset, model.id).toBe(library)
    }
  })

  it('writes the same trees with characters that need escaping in their texts as the library does, or falls back', () => {
    const random = mulberry32(18)
    const inserts = [
      '*',
      '_',
      '__',
      '**',
      '[',
      ']',
      '[1]',
      '](x)',
      '<',
      '<b>',
      '>',
      '#',
      '# ',
      '\\',
      '`',
      '~',
      '&',
      '&amp;',
      '!',
      '1. ',
      '1) ',
      '- ',
      '+ ',
      '=',
      '|',
      ':',
      'https://x.org/a',
      'www.x.org',
      ' ',
      '  ',
      '\t',
      '\n',
      '.',
      '(',
      ')',
      'é',
      '🙂',
      '\u00a0',
      '"',
      "'",
      '_a_',
      '*a*',
      'snake_case',
      '2*3',
    ]
    let written = 0
    let compared = 0
    for (const model of [...embedded, ...generated.slice(0, 40)]) {
      // Each block on its own, so one change decides whether the subset writes it.
      for (const block of articleMarkdownTree(model).children) {
        for (let round = 0; round < 3; round++) {
          const tree: Root = {type: 'root', children: [structuredClone(block)]}
          const values: Array<{get: () => string; set: (value: string) => void}> = []
          eachText(tree, values)
          const target = values[Math.floor(random() * values.length)]
          if (target === undefined) continue
          const value = target.get()
          const insert = inserts[Math.floor(random() * inserts.length)]!
          const at = [0, value.length, Math.floor(random() * (value.length + 1))][Math.floor(random() * 3)]!
          target.set(`${value.slice(0, at)}${insert}${value.slice(at)}`)
          const {subset, library} = both(tree)
          compared++
          if (subset !== null) {
            written++
            expect(subset, `${model.id}: ${JSON.stringify(insert)} at ${at}`).toBe(library)
          }
        }
      }
    }
    // Both ways are exercised: some trees are still written by the subset, some fall back.
    expect(written).toBeGreaterThan(compared / 4)
    expect(written).toBeLessThan(compared)
  })

  it.each<[string, Root]>([
    [
      'emphasis next to emphasis',
      paragraphOf({type: 'emphasis', children: [text('a')]}, {type: 'strong', children: [text('b')]}),
    ],
    ['emphasis inside a word', paragraphOf(text('a'), {type: 'emphasis', children: [text('b')]}, text('c'))],
    ['emphasis with a space inside', paragraphOf(text('a '), {type: 'emphasis', children: [text(' b')]}, text('.'))],
    ['strong at the start and end', paragraphOf({type: 'strong', children: [text('Label:')]})],
    ['an emphasis of punctuation', paragraphOf(text('x '), {type: 'emphasis', children: [text('(a)')]}, text(' y'))],
    [
      'two unordered lists in a row',
      {type: 'root', children: [listOf(false), listOf(false), listOf(true), listOf(true)]},
    ],
    ['an ordered list from 0', {type: 'root', children: [{...listOf(true), start: 0}]}],
    ['a spread list', {type: 'root', children: [{...listOf(false), spread: true}]}],
    ['an autolink', paragraphOf({type: 'link', url: 'https://x.org', children: [text('https://x.org')]})],
    [
      'a link with a space in its address',
      paragraphOf({type: 'link', url: 'https://x.org/a b', children: [text('a')]}),
    ],
    ['an image without a title', paragraphOf({type: 'image', url: '../../images/a.png', alt: 'An [alt]'})],
    [
      'a heading starting with a space',
      {type: 'root', children: [{type: 'heading', depth: 3, children: [text(' a')]}]},
    ],
    ['an empty heading', {type: 'root', children: [{type: 'heading', depth: 2, children: []}]}],
  ])('%s: as the library writes it, or falls back', (_, tree) => {
    const {subset, library} = both(tree)
    if (subset !== null) expect(subset).toBe(library)
  })
})

function text(value: string) {
  return {type: 'text' as const, value}
}

function paragraphOf(...children: PhrasingContent[]): Root {
  return {type: 'root', children: [{type: 'paragraph', children}]}
}

function listOf(ordered: boolean): List {
  return {
    type: 'list',
    ordered,
    spread: false,
    children: ['one', 'two'].map((value) => ({
      type: 'listItem' as const,
      spread: false,
      children: [{type: 'paragraph' as const, children: [text(value)]}],
    })),
  }
}

/** Each text's value, and each image's alt text and title (escaped too), to read and replace. */
function eachText(node: Nodes, out: Array<{get: () => string; set: (value: string) => void}>): void {
  if (node.type === 'text') out.push({get: () => node.value, set: (value) => (node.value = value)})
  else if (node.type === 'image') {
    out.push({get: () => node.alt ?? '', set: (value) => (node.alt = value)})
    if (node.title) out.push({get: () => node.title ?? '', set: (value) => (node.title = value)})
  } else if ('children' in node) for (const child of node.children) eachText(child, out)
}
