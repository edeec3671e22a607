import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {type Browser, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {RENDER_FIXTURES, renderForTest, TEST_SETTINGS} from './render-support.ts'

/**
 * What the channels pulling bundles and the readers of a page get from the site settings: the canonical link,
 * og: tags and JSON-LD address from `siteUrl`; the review notice as a visible, accessible note that links the
 * editorial policy; references that link to their DOI, URL or PubMed record in every format.
 */

const fixture = (name: string): SourceArticle =>
  JSON.parse(readFileSync(path.join(RENDER_FIXTURES, name, 'article.json'), 'utf8')) as SourceArticle

const URL = 'https://health.example.org/articles/citation-single/'

describe('site address (siteUrl)', () => {
  it('gives the page a canonical link, og: tags and the JSON-LD url and @id', async () => {
    const {files} = await renderForTest(fixture('citation-single'))
    const page = files['index.html']
    expect(page).toContain(`<link rel="canonical" href="${URL}">`)
    expect(page).toContain('<meta property="og:type" content="article">')
    expect(page).toContain('<meta property="og:title" content="')
    expect(page).toContain('<meta property="og:description" content="')
    expect(page).toContain(`<meta property="og:url" content="${URL}">`)
    expect(page).toContain('<meta property="og:site_name" content="Northfield Health Library">')
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!) as Record<
      string,
      unknown
    >
    expect(jsonLd).toMatchObject({'@id': URL, url: URL})
    expect(JSON.parse(files['article.json'])).toMatchObject({url: URL})
    expect(files['article.md']).toContain(`\nurl: ${URL}\n`)
  })

  it('leaves them all out without a siteUrl, or with one that is not http(s)', async () => {
    for (const siteUrl of [null, 'javascript:alert(1)', 'not a url']) {
      const {files} = await renderForTest(fixture('citation-single'), {settings: {...TEST_SETTINGS, siteUrl}})
      expect(files['index.html']).not.toMatch(/rel="canonical"|property="og:|"@id"|\/articles\/citation-single\//)
      expect(JSON.parse(files['article.json'])).toMatchObject({url: null})
      expect(files['article.md']).not.toMatch(/^url:/m)
    }
  })
})

describe('review notice and editorial policy', () => {
  it('is a role="note" notice with the policy link in the page, the fragment, the text and the Markdown', async () => {
    const {files} = await renderForTest(fixture('citation-single'))
    const policy = 'https://health.example.org/editorial-policy/'
    expect(files['index.html']).toMatch(
      new RegExp(
        `<div class="review-notice" role="note"><strong>Review notice:</strong> [^<]+ <a href="${policy}">Read our editorial policy</a>\\.</div>`,
      ),
    )
    expect(files['fragment.html']).toContain(`role="note"><strong>Review notice:</strong>`)
    expect(files['fragment.html']).toContain(`<a href="${policy}">Read our editorial policy</a>.</p>`)
    expect(files['article.txt'].replace(/\s+/g, ' ')).toContain(`Read our editorial policy <${policy}>.`)
    expect(files['article.md']).toContain(`[Read our editorial policy](${policy}).`)
  })

  it('has no link without an editorialPolicyUrl setting', async () => {
    const {files} = await renderForTest(fixture('citation-single'), {
      settings: {...TEST_SETTINGS, editorialPolicyUrl: null},
    })
    expect(Object.values(files).join('\n')).not.toContain('editorial policy')
  })
})

describe('reference links', () => {
  it('link a source with only a PMID to its PubMed record, in every format', async () => {
    const article = fixture('citation-single')
    const citations = article.citations.map((citation) => ({...citation, doi: null, url: null, pmid: '27398055'}))
    const {files} = await renderForTest({...article, citations})
    const pubmed = 'https://pubmed.ncbi.nlm.nih.gov/27398055/'
    expect(files['fragment.html']).toContain(`<a href="${pubmed}">${pubmed}</a>`)
    expect(files['article.txt']).toContain(pubmed)
    expect(files['article.md']).toContain(pubmed)
    const json = JSON.parse(files['article.json']) as {citations: Array<{html: string}>}
    expect(json.citations[0]!.html).toContain(`<a href="${pubmed}">`)
    expect(files['index.html']).toContain(`"url": "${pubmed}"`)
  })

  it('keep the DOI link of a source that has one', async () => {
    const {files} = await renderForTest(fixture('citation-single'))
    expect(files['fragment.html']).toContain('href="https://doi.org/10.1093/pch/21.5.239"')
    expect(files['fragment.html']).not.toContain('pubmed.ncbi.nlm.nih.gov')
  })
})

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

describe('the page with a review notice in Chromium at 390 px', () => {
  let browser: Browser
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
    browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']})
  })
  afterAll(async () => {
    await browser?.close()
  })

  it('shows the notice as a note, in body text colour on its tint (at least 7:1), and passes axe', async () => {
    const {files} = await renderForTest(fixture('citation-single'))
    const page = await browser.newPage({viewport: {width: 390, height: 844}})
    try {
      await page.setContent(files['index.html'])
      const notice = page.getByRole('note').filter({hasText: 'Review notice:'})
      await expect(notice.isVisible()).resolves.toBe(true)
      const colours = await notice.evaluate((node) => {
        const style = getComputedStyle(node)
        const byline = document.querySelector('.byline, .dates')
        return {
          color: style.color,
          background: style.backgroundColor,
          border: style.borderLeftWidth,
          bylineColor: byline ? getComputedStyle(byline).color : null,
        }
      })
      expect(colours.color).not.toBe(colours.bylineColor)
      expect(colours.border).toBe('4px')
      expect(contrast(colours.color, colours.background)).toBeGreaterThanOrEqual(7)
      const width = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(width).toBeLessThanOrEqual(0)
      mkdirSync('test-artifacts', {recursive: true})
      await page.screenshot({path: path.join('test-artifacts', 'page-review-notice-390.png')})
      await page.addScriptTag({content: AXE_SOURCE})
      const violations = await page.evaluate(async () => {
        const axe = (
          globalThis as unknown as {
            axe: {run: (context: unknown, options: unknown) => Promise<{violations: Array<{id: string}>}>}
          }
        ).axe
        const result = await axe.run(document, {
          runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']},
        })
        return result.violations.map((violation) => violation.id)
      })
      expect(violations).toEqual([])
    } finally {
      await page.close()
    }
  })
})

/** WCAG contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string): number => {
    const [r, g, bl] = (colour.match(/\d+/g) ?? []).slice(0, 3).map((value) => {
      const c = Number(value) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }) as [number, number, number]
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}
