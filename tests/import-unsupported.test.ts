import {readFileSync} from 'node:fs'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {importArticle} from '../pipeline/import/index.ts'
import {embeddedDataset} from './import-support.ts'

const path = 'tests/fixtures/import/unsupported.md'
const value = readFileSync(new URL('./fixtures/import/unsupported.md', import.meta.url), 'utf8')

describe('Markdown an article cannot hold', async () => {
  const file = new VFile({path, value})
  const result = await importArticle(file, embeddedDataset())
  const article = result.documents.find((document) => document._type === 'article')!
  const body = article.body as Array<{_type: string}>
  const blocks = body.filter((block) => block._type === 'block') as unknown as Array<{
    style: string
    listItem?: string
    markDefs: unknown[]
    children: Array<{text?: string}>
  }>
  const text = blocks.map((block) => block.children.map((child) => child.text ?? '').join('')).join('\n')

  it('reports every construct with its line and a rule id', () => {
    expect(file.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([
      '1:front-matter-unknown-field',
      '12:raw-html',
      '12:raw-html',
      '12:strikethrough',
      '12:image-remote',
      '12:image-in-paragraph',
      '14:table',
      '18:raw-html',
      '20:code-block',
      '25:thematic-break',
      '27:unsafe-link',
      '27:footnote',
      '29:heading-level',
      '31:task-list-item',
      '34:quote-content',
      '36:footnote',
    ])
    expect(file.messages.every((message) => message.source === 'vetted:import')).toBe(true)
  })

  it('keeps the text of each of them, and no markup', () => {
    for (const words of [
      'inline HTML',
      'struck text',
      '5 mg | Morning',
      'Call your doctor if the rash spreads.',
      'take 1 tablet\ntwice a day',
      'bad link',
      '[^1]',
      'A level-5 heading',
      'a task',
      'a list in a quote',
      'The footnote text.',
    ]) {
      expect(text).toContain(words)
    }
    expect(text).not.toMatch(/<\/?(abbr|div)/)
    expect(blocks.flatMap((block) => block.markDefs)).toEqual([])
  })

  it('imports a remote image as a figure without its file (never fetched), splitting its paragraph around it', () => {
    expect(body.slice(0, 3)).toEqual([
      expect.objectContaining({_type: 'block'}),
      {_type: 'figure', _key: expect.any(String), alt: 'chart of results'},
      expect.objectContaining({_type: 'block', children: [expect.objectContaining({text: '.'})]}),
    ])
  })

  it('takes the title from the front matter and does not repeat the level-1 heading in the body', () => {
    expect(article.title).toBe('What an article cannot hold')
    expect(blocks[0]!.children.map((child) => child.text).join('')).toMatch(/^A paragraph with inline HTML/)
  })

  it('matches the author by name to the dataset’s person', () => {
    expect(article.authors).toEqual([expect.objectContaining({_ref: 'person.lena-fischer'})])
  })
})
