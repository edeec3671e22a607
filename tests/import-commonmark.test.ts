import {createRequire} from 'node:module'
import type {Nodes, Root} from 'mdast'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {importArticle, type DatasetDocument} from '../pipeline/import/index.ts'
import {parseMarkdown} from '../pipeline/import/parse-markdown.ts'
import {plainText} from '../pipeline/import/plain-text.ts'

interface SpecExample {
  markdown: string
  html: string
  section: string
  number: number
}

const {tests: examples} = createRequire(import.meta.url)('commonmark-spec') as {tests: SpecExample[]}
const settings: DatasetDocument[] = [{_id: 'settings', _type: 'settings'}]

function htmlValues(node: Nodes, found: string[] = []): string[] {
  if (node.type === 'html') found.push(node.value)
  if ('children' in node) for (const child of node.children as Nodes[]) htmlValues(child, found)
  return found
}

/** The words of every piece of text in the tree (text, code, image descriptions), never joined across nodes. */
function words(node: Nodes, found: string[] = []): string[] {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code')
    found.push(...node.value.split(/\s+/).filter(Boolean))
  if ((node.type === 'image' || node.type === 'imageReference') && node.alt)
    found.push(...node.alt.split(/\s+/).filter(Boolean))
  if ('children' in node) for (const child of node.children as Nodes[]) words(child, found)
  return found
}

function bodyText(documents: readonly DatasetDocument[]): string {
  const article = documents.find((document) => document._type === 'article')
  const blocks = (article?.body ?? []) as Array<{children: Array<{_type: string; text?: string}>}>
  return blocks.map((block) => block.children.map((child) => child.text ?? '').join('')).join('\n')
}

describe('the 652 examples of the CommonMark spec', () => {
  it('are all there', () => {
    expect(examples).toHaveLength(652)
  })

  it('each import without a crash, and either keep every word or report what they could not hold', async () => {
    const silentLosses: string[] = []
    const markupLeaks: string[] = []
    let converted = 0
    for (const example of examples) {
      const markdown = example.markdown.replace(/→/g, '\t')
      const value = `---\ntitle: Example ${example.number}\nslug: example-${example.number}\n---\n\n${markdown}`
      const file = new VFile({path: `example-${example.number}.md`, value})
      const result = await importArticle(file, settings)
      const text = bodyText(result.documents)
      const tree: Root = parseMarkdown(new VFile(markdown))
      const missing = words(tree).filter((word) => !text.includes(word))
      if (missing.length > 0 && file.messages.length === 0)
        silentLosses.push(`${example.number} (${example.section}): ${missing.join(' ')}`)
      for (const html of htmlValues(tree)) {
        if (/<[a-z!?/]/i.test(html) && text.includes(html.trim()) && !plainText(tree).includes(html.trim()))
          markupLeaks.push(`${example.number}: ${html}`)
      }
      if (missing.length === 0) converted++
    }
    expect(silentLosses).toEqual([])
    expect(markupLeaks).toEqual([])
    expect(converted).toBeGreaterThan(500)
  }, 300_000)
})
