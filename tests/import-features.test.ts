import {readFileSync} from 'node:fs'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {importArticle, type DatasetDocument} from '../pipeline/import/index.ts'

const path = 'tests/fixtures/import/features.md'
const value = readFileSync(new URL('./fixtures/import/features.md', import.meta.url), 'utf8')

interface Block {
  style: string
  listItem?: string
  level?: number
  markDefs: Array<{_key: string; href: string}>
  children: Array<{_type: string; text?: string; marks?: string[]; citation?: {_ref: string}}>
}

/** A block in one line: style or list and level, then each child as text{marks} or [→citation]. */
function describeBlock(block: Block, citationNumber: (id: string) => number): string {
  const href = new Map(block.markDefs.map((definition) => [definition._key, definition.href]))
  const children = block.children.map((child) =>
    child._type === 'span'
      ? `${JSON.stringify(child.text)}${child.marks!.length > 0 ? `{${child.marks!.map((mark) => href.get(mark) ?? mark).join(',')}}` : ''}`
      : `[→${citationNumber(child.citation!._ref)}]`,
  )
  return `${block.listItem ? `${block.listItem}${block.level}` : block.style}: ${children.join(' ')}`
}

describe('Markdown written by hand', async () => {
  const file = new VFile({path, value})
  const {documents} = await importArticle(file, [{_id: 'settings', _type: 'settings'}])
  const article = documents.find((document) => document._type === 'article')!
  const citations = documents.filter((document) => document._type === 'citation')
  const number = (id: string) => citations.findIndex((citation) => citation._id === id) + 1

  it('becomes Portable Text block by block: styles, list levels, marks, links, breaks and markers', () => {
    expect((article.body as Block[]).map((block) => describeBlock(block, number))).toEqual([
      'normal: "Intro with " "emphasis"{em} ", " "strong"{strong} ", " "code"{code} ", a " "link"{https://example.org/page} " and a hard break\\nhere, cited twice." [→1] [→2]',
      'h2: "Section"',
      'number1: "First"',
      'bullet2: "nested bullet with a " "reference link"{https://example.org/ref}',
      'number3: "third level"',
      'number1: "Second"',
      'blockquote: "A quoted line that wraps."',
      'h3: "Subsection"',
      'h4: "Smallest"',
      'normal: "Text cites again" [→2] ", then " "https://example.org/auto"{https://example.org/auto} "."',
    ])
  })

  it('reads loosely written front matter names and makes the writer-reviewer once, without the reviewer role', () => {
    expect(article).toMatchObject({
      title: 'Features written by hand',
      slug: {current: 'features-written-by-hand'},
      keyTakeaways: ['One thing', 'Another thing'],
      safetyNotice: 'Call 911 in an emergency.',
    })
    const people = documents.filter((document): document is DatasetDocument => document._type === 'person')
    expect(people).toEqual([
      {
        _id: 'person.ada-lovelace',
        _type: 'person',
        name: 'Ada Lovelace',
        slug: {_type: 'slug', current: 'ada-lovelace'},
        roles: ['writer'],
        credentials: 'PhD',
      },
    ])
  })

  it('structures the APA entry, keeps the other as written, and reports the link title and the unstructured entry', () => {
    expect(citations[0]).toMatchObject({
      cslType: 'article-journal',
      authors: [{family: 'Doe', given: 'J.'}],
      title: 'A study of things',
      containerTitle: 'Journal of Things',
      issued: '2020',
      volume: '1',
      issue: '2',
      pages: '3-4',
      doi: '10.5555/things.1',
    })
    expect(citations[1]).toEqual({
      _id: expect.stringMatching(/^citation\.text-/),
      _type: 'citation',
      cslType: 'webpage',
      rawText: 'Some web page we read, no structure at all',
    })
    expect(file.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([
      '1:person-role',
      '11:link-title',
      '36:reference-unstructured',
    ])
  })
})
