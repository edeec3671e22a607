import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import type {RenderedArticle} from '../pipeline/render/index.ts'
import {openSource} from '../pipeline/source/open.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {RENDER_FIXTURES, REPO_ROOT, renderForTest} from './render-support.ts'

/**
 * The reference article, read from the embedded dataset the way `vetted export` reads it, compared with the page it
 * was taken from (`../shared/articles/infant-mental-health.txt`): same sections, same list items, the same ten
 * references in the same order, the same marker numbers after the same words. Its five files are also a fixture
 * folder (`tests/fixtures/render/reference-article/`), checked byte for byte by render-fixtures.test.ts.
 */
const REFERENCE_PAGE = path.resolve(REPO_ROOT, '../shared/articles/infant-mental-health.txt')
const FIXTURE = path.join(RENDER_FIXTURES, 'reference-article')
const update = process.env.UPDATE === '1'

let article: SourceArticle
let settings: SourceSettings | null
let rendered: RenderedArticle
let reference: string

beforeAll(async () => {
  const source = await openSource({env: {}, cwd: REPO_ROOT})
  try {
    article = (await source.getArticle('article.infant-mental-health'))!
    settings = await source.getSettings()
  } finally {
    await source.close()
  }
  rendered = await renderForTest(article, {settings, datasetLabel: 'tests/fixtures/render'})
  reference = readFileSync(REFERENCE_PAGE, 'utf8')
  if (update || !existsSync(path.join(FIXTURE, 'article.json'))) {
    mkdirSync(FIXTURE, {recursive: true})
    writeFileSync(path.join(FIXTURE, 'article.json'), `${JSON.stringify(article, null, 2)}\n`)
    writeFileSync(path.join(FIXTURE, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`)
  }
})

/** Text with all whitespace removed: the reference page lost some spaces around links ("disorderis"). */
const squeeze = (text: string) => text.replace(/\s+/g, '')

/** Each `[n]` marker with the word just before it, in reading order. */
function markersWithPrecedingWord(text: string): Array<[string, number]> {
  const out: Array<[string, number]> = []
  let lastWord = ''
  for (const match of text.matchAll(/\[(\d+)\]|[\p{L}\p{N}’']+/gu)) {
    if (match[1] !== undefined) out.push([lastWord, Number(match[1])])
    else lastWord = match[0]
  }
  return out
}

describe('the reference article (infant mental health)', () => {
  it('is the dataset article the fixture folder holds', () => {
    expect(JSON.parse(readFileSync(path.join(FIXTURE, 'article.json'), 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(article)),
    )
  })

  it('renders without render messages', () => {
    expect(rendered.messages.map(String)).toEqual([])
  })

  it('has the reference page’s sections, in order', () => {
    const outline = JSON.parse(rendered.files['article.json']).outline as Array<{text: string}>
    const headings = outline.map((item) => item.text)
    expect(headings).toEqual([
      'What is infant mental health?',
      'Why is infant mental health important?',
      'What affects infant mental health?',
      'Signs of poor infant mental health',
      'How to help your children’s mental health',
    ])
    for (const heading of headings) expect(reference).toContain(`\n${heading}\n`)
  })

  it('has the reference page’s list items, word for word', () => {
    const referenceItems = [...reference.matchAll(/^\s+•\s+(.*)$/gmu)].map((match) => squeeze(match[1]!))
    const body = rendered.files['article.txt'].split('\nReferences\n')[0]!
    // Items wrapped at 72 columns continue on lines indented under their text.
    const ourItems = [...body.matchAll(/^- (.*(?:\n {2}.*)*)$/gmu)].map((match) => squeeze(match[1]!))
    expect(ourItems).toHaveLength(19)
    expect(ourItems).toEqual(referenceItems)
  })

  it('puts the same marker numbers after the same words', () => {
    const referenceBody = reference.split(/\n\s+1\. Centers/u)[0]!
    const ourBody = rendered.files['article.txt'].split('\nReferences\n')[0]!
    const expected = markersWithPrecedingWord(referenceBody)
    expect(expected.map(([, number]) => number)).toEqual([1, 2, 3, 4, 5, 6, 6, 6, 2, 3, 6, 6, 7, 8, 8, 2, 9, 10, 6])
    expect(markersWithPrecedingWord(ourBody)).toEqual(expected)
  })

  it('lists the same ten references in the same order (authors and dates as on the page)', () => {
    const referenceEntries = [...reference.matchAll(/^\s+(\d+)\. (.*)$/gmu)].map((match) => match[2]!)
    const citations = JSON.parse(rendered.files['article.json']).citations as Array<{number: number; text: string}>
    expect(citations.map((citation) => citation.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    const authorsAndDate = (entry: string) => /^(.*?\((?:n\.d\.|\d{4}[^)]*)\))/u.exec(entry)?.[1]
    expect(citations.map((citation) => authorsAndDate(citation.text))).toEqual(referenceEntries.map(authorsAndDate))
    // The titles are on the page too (the page's entries run on into "Retrieved …").
    for (const [index, citation] of citations.entries()) {
      const title = /\)\. (.*?)[.?](?: |$)/u.exec(citation.text)?.[1] ?? ''
      expect(title.length).toBeGreaterThan(10)
      expect(squeeze(referenceEntries[index]!)).toContain(squeeze(title))
    }
  })

  it('names the author, the reviewer with credentials and the review dates', () => {
    const text = rendered.files['article.txt']
    expect(text).toContain('Written by Sean Jackson')
    expect(text).toContain('Medically reviewed by Morgan Blair, MA, LPCC')
    expect(text).toContain('Published: July 11, 2023')
    expect(text).toContain('Last edited: September 22, 2023')
    expect(text).toContain('Last reviewed: July 11, 2023')
  })
})
