import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {type Browser, chromium} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {catalogueHtml, sortByUrgency} from '../pipeline/export/release/catalogue.ts'
import {countByMonth} from '../pipeline/export/release/catalogue.ts'
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
      /Never reviewed<\/td><td class="status-unreviewed">Not reviewed<\/td><td>None<\/td><td>None<\/td><td class="status-blocked">Blocked: not published/,
    )
  })

  it('charts review dates by month for the year ahead, with the same numbers in a table', () => {
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
    expect(html).toMatch(/<svg [^>]*role="img" aria-labelledby="due-chart-title due-chart-desc"/)
    expect(html).toContain('<tr><th scope="row">Overdue</th><td>2</td></tr>')
    expect(html).toContain('<tr><th scope="row">2027-03</th><td>1</td></tr>')
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

  it('has no violations', async () => {
    const page = await browser.newPage()
    await page.setContent(html)
    await page.addScriptTag({content: AXE_SOURCE})
    const violations = await page.evaluate(async () => {
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
      return result.violations.map((violation) => ({id: violation.id, nodes: violation.nodes.map((node) => node.html)}))
    })
    expect(violations).toEqual([])
  })
})
