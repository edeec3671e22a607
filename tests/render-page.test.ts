import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {visit} from 'unist-util-visit'
import {describe, expect, it} from 'vitest'
import {commands} from '../pipeline/cli/commands/index.ts'
import {runCommand, type CommandIo} from '../pipeline/cli/run.ts'
import {FRAGMENT_MARKER} from '../pipeline/render/page-document.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {articleWithBody, AS_OF, RENDER_FIXTURES, renderForTest, REPO_ROOT} from './render-support.ts'

function elements(tree: Root, tagName: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === tagName) found.push(node)
  })
  return found
}

function page(name: string): Root {
  return fromHtml(readFileSync(path.join(RENDER_FIXTURES, name, 'expected/index.html'), 'utf8'))
}

describe('the standalone page', () => {
  it('is one document with a language, a title, a description, landmarks and a single h1', () => {
    const tree = page('every-node-type')
    expect(elements(tree, 'html')[0]!.properties.lang).toBe('en')
    expect(toText(elements(tree, 'title')[0]!)).toBe('Every node type | Northfield Health Library')
    expect(elements(tree, 'meta').find((meta) => meta.properties.name === 'description')?.properties.content).toBe(
      'What this fixture shows.',
    )
    expect(elements(tree, 'main')).toHaveLength(1)
    expect(elements(tree, 'footer')).toHaveLength(1)
    expect(elements(tree, 'h1').map((node) => toText(node))).toEqual(['Every node type'])
  })

  it('gives every date a machine-readable <time datetime>', () => {
    const times = elements(page('every-node-type'), 'time').map((node) => [node.properties.dateTime, toText(node)])
    expect(times).toEqual([
      ['2026-03-02', 'March 2, 2026'],
      ['2026-04-15', 'April 15, 2026'],
      ['2026-09-01', 'September 1, 2026'],
      ['2027-09-01', 'September 1, 2027'],
    ])
  })

  it('names the reviewer with credentials when a sign-off covers the text', () => {
    const text = toText(page('every-node-type'))
    expect(text).toContain('Written by Ada Writer, MPH')
    expect(text).toContain('Medically reviewed by Rita Reviewer, MD, FAAP')
    expect(text).not.toContain('edited since its last medical review')
    const edited = toText(page('citation-repeated'))
    expect(edited).toContain('Review notice: Last medically reviewed on September 1, 2026; this text has changed since')
    expect(edited).not.toContain('Medically reviewed by')
  })

  it('carries MedicalWebPage JSON-LD that hostile text cannot break out of', () => {
    const html = readFileSync(path.join(RENDER_FIXTURES, 'hostile-text/expected/index.html'), 'utf8')
    const scripts = elements(fromHtml(html), 'script')
    expect(scripts).toHaveLength(1)
    expect(scripts[0]!.properties.type).toBe('application/ld+json')
    const data = JSON.parse(toText(scripts[0]!)) as Record<string, unknown>
    const input = JSON.parse(
      readFileSync(path.join(RENDER_FIXTURES, 'hostile-text/article.json'), 'utf8'),
    ) as SourceArticle
    expect(data).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'MedicalWebPage',
      headline: input.title,
      description: input.summary,
      inLanguage: 'en',
      author: [{'@type': 'Person', name: input.authors![0]!.name, honorificSuffix: input.authors![0]!.credentials}],
      datePublished: '2026-03-02',
      dateModified: '2026-03-02',
      publisher: {'@type': 'Organization', name: 'Northfield Health Library', url: 'https://health.example.org'},
    })
    // Nothing in the page other than the one script element is script.
    expect(html.match(/<script/gi)).toHaveLength(1)
  })

  it('lists reviewedBy and lastReviewed in the JSON-LD only when the sign-off covers the text', () => {
    const script = elements(page('every-node-type'), 'script')[0]!
    const covered = JSON.parse(toText(script)) as {reviewedBy: unknown; lastReviewed: string}
    const rita = {'@type': 'Person', name: 'Rita Reviewer', honorificSuffix: 'MD, FAAP', jobTitle: 'Pediatrician'}
    expect(covered.reviewedBy).toEqual(rita)
    expect(covered.lastReviewed).toBe('2026-09-01')
    // citation-repeated was edited after its review: schema.org's reviewedBy/lastReviewed would vouch for this text.
    const edited = JSON.parse(toText(elements(page('citation-repeated'), 'script')[0]!)) as Record<string, unknown>
    expect(edited).not.toHaveProperty('reviewedBy')
    expect(edited).not.toHaveProperty('lastReviewed')
  })

  it('puts the body in its place once, whatever marker text a writer types around and inside it', async () => {
    // The page is serialised around a marker that the body's HTML then replaces (page-document.ts): typed text is
    // escaped everywhere, so the same characters in the title, summary, notice or body never count as the marker.
    const marker = `${FRAGMENT_MARKER} <vetted-fragment-slot>`
    const article = {
      ...articleWithBody([
        {
          _type: 'block',
          _key: 'b1',
          style: 'normal',
          markDefs: [],
          children: [{_type: 'span', _key: 's1', text: `Body text ${marker} here.`, marks: []}],
        },
      ]),
      title: `Title ${marker}`,
      summary: `Summary ${marker}`,
      safetyNotice: `Notice ${marker}`,
    }
    const rendered = await renderForTest(article)
    const html = rendered.files['index.html']
    const body = (rendered.articleJson as {body: {html: string}}).body.html
    expect(html.split(body)).toHaveLength(2)
    expect(html).not.toContain(FRAGMENT_MARKER)
    const text = toText(fromHtml(html))
    for (const typed of ['Title', 'Summary', 'Notice', 'Body text']) expect(text).toContain(`${typed} ${marker}`)
  })

  it('lists the citations in the JSON-LD', () => {
    const tree = page('citation-repeated')
    const data = JSON.parse(toText(elements(tree, 'script')[0]!)) as {citation: Array<{name: string; url?: string}>}
    expect(data.citation.map((citation) => citation.url)).toEqual([
      'https://doi.org/10.1093/pch/21.5.239',
      'https://www.cdc.gov/ncbddd/childdevelopment/positiveparenting/infants.html',
      'https://www.who.int/publications/i/item/9789241514064',
    ])
  })
})

describe('npx vetted render', () => {
  function io(): CommandIo & {out: string[]; err: string[]} {
    const out: string[] = []
    const err: string[] = []
    return {
      out,
      err,
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      env: {},
      cwd: REPO_ROOT,
      isTty: false,
    }
  }

  it('writes the five files for an article of the embedded dataset', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vetted-render-'))
    try {
      const console = io()
      const code = await runCommand(
        ['render', 'infant-mental-health', '--out', dir, '--as-of', AS_OF],
        commands,
        console,
      )
      expect(console.err.join('')).toBe('')
      expect(code).toBe(0)
      expect(console.out.join('')).toContain('Rendered article.infant-mental-health (overdue, as of 2026-11-26)')
      const expected = path.join(RENDER_FIXTURES, 'reference-article/expected')
      for (const file of ['index.html', 'fragment.html', 'article.txt', 'article.md']) {
        expect(readFileSync(path.join(dir, file), 'utf8')).toBe(readFileSync(path.join(expected, file), 'utf8'))
      }
      const json = JSON.parse(readFileSync(path.join(dir, 'article.json'), 'utf8')) as {source: unknown}
      expect(json.source).toEqual({
        dataset: 'studio/dataset/production.ndjson',
        documentId: 'article.infant-mental-health',
        revision: expect.any(String),
      })
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('selects the citation style by flag', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vetted-render-'))
    try {
      const code = await runCommand(
        ['render', 'article.infant-mental-health', '--out', dir, '--as-of', AS_OF, '--style', 'ama'],
        commands,
        io(),
      )
      expect(code).toBe(0)
      // article.txt wraps its lines; the entry reads the same once they are joined.
      expect(readFileSync(path.join(dir, 'article.txt'), 'utf8').replace(/\s+/g, ' ')).toContain(
        '6. Clinton J, Feller AF, Williams RC. The importance of infant mental health. Paediatr Child Health. ' +
          '2016;21(5):239-241.',
      )
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })

  it('refuses an unknown style and an unknown article with exit code 2', async () => {
    const badStyle = io()
    expect(await runCommand(['render', 'infant-mental-health', '--style', 'mla'], commands, badStyle)).toBe(2)
    expect(badStyle.err.join('')).toContain('--style must be one of apa, vancouver, ama')
    const missing = io()
    expect(await runCommand(['render', 'no-such-article', '--as-of', AS_OF], commands, missing)).toBe(2)
    expect(missing.err.join('')).toContain('no published article has the slug or id `no-such-article`')
  })
})

/** Text of an mdast node (values of its text-like descendants). */
function mdastText(node: object): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  return 'children' in node && Array.isArray(node.children)
    ? node.children.map((child: object) => mdastText(child)).join('')
    : ''
}

describe('article.md', () => {
  it('starts with front matter a YAML reader gets the article facts from', async () => {
    const {parse} = await import('yaml')
    const markdown = readFileSync(path.join(RENDER_FIXTURES, 'reference-article/expected/article.md'), 'utf8')
    const [, frontMatter] = /^---\n([\s\S]*?)\n---\n/.exec(markdown) ?? []
    expect(parse(frontMatter!)).toMatchObject({
      title: 'The importance of infant mental health',
      slug: 'infant-mental-health',
      published: '2023-07-11',
      lastEdited: '2023-09-22',
      lastReviewed: '2023-07-11',
      nextReviewDue: '2024-07-11',
      authors: [{id: 'person.sean-jackson', name: 'Sean Jackson'}],
      reviewers: [{id: 'person.morgan-blair', name: 'Morgan Blair', credentials: 'MA, LPCC'}],
      reviewStatus: 'overdue',
    })
  })

  it('reads back as Markdown with literal [n] markers and a numbered reference list', async () => {
    const {fromMarkdown} = await import('mdast-util-from-markdown')
    const markdown = readFileSync(path.join(RENDER_FIXTURES, 'reference-article/expected/article.md'), 'utf8').replace(
      /^---\n[\s\S]*?\n---\n/,
      '',
    )
    const tree = fromMarkdown(markdown)
    // No marker reads as a link: the only links are the editorial policy's (review notice, "About this content")
    // and the publisher's, in "Published by …".
    const links = JSON.stringify(tree).match(/"type":"link"[^}]*"url":"[^"]*"/g)
    expect(links).toEqual([
      '"type":"link","title":null,"url":"https://health.example.org/editorial-policy/"',
      '"type":"link","title":null,"url":"https://health.example.org/editorial-policy/"',
      '"type":"link","title":null,"url":"https://health.example.org"',
    ])
    expect(mdastText(tree)).toContain('indicators of poor infant and early childhood mental health:[2][9]')
    const referencesHeading = tree.children.findIndex(
      (node) => node.type === 'heading' && mdastText(node) === 'References',
    )
    const list = tree.children[referencesHeading + 1]
    expect(list?.type === 'list' && list.ordered ? list.children.length : 0).toBe(10)
  })
})
