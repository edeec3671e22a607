import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Browser} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Manifest} from '../pipeline/export/release/manifest.ts'
import {launchChromium} from './trust/browser.ts'
import {runCli} from './trust/cli.ts'
import {ARTIFACTS, newFigures, recordFigures} from './trust/figures.ts'
import {inspectPage, type PageReport, screenshot, trustContext, type TrustContext} from './trust/page-check.ts'
import {HOST_PREFIX, type ReleaseServer, serveRelease} from './trust/release-server.ts'

/**
 * Every page of the embedded dataset's export, as readers get it: exported by the real CLI, served by the shipped
 * server on 127.0.0.1, loaded in Chromium. Article pages, each fragment inside a partner's page, and the catalogue
 * load without a console error, a failed request or a request to another origin, and pass axe-core (WCAG 2.0–2.2
 * A/AA and best practices) without a single violation.
 */

const AS_OF = '2026-11-26'
const REFERENCE_SLUG = 'infant-mental-health'
const figures = newFigures()

/** A page with one of everything the suite must catch, to prove each check can fail. */
const SELF_TEST = '/_self-test/'
const SELF_TEST_PAGE = [
  '<!doctype html><html><head><meta charset="utf-8"><title>Self-test</title></head><body>',
  '<img src="https://elsewhere.example/pixel.png" alt=""><img src="/missing.png" alt="">',
  '<div onclick="void 0">x</div><script>alert("live")</script><script>console.error("live")</script>',
  '</body></html>',
].join('\n')

let out: string
let manifest: Manifest
let server: ReleaseServer
let browser: Browser
let trust: TrustContext
const reports: PageReport[] = []

beforeAll(async () => {
  out = mkdtempSync(path.join(tmpdir(), 'vetted-trust-pages-'))
  const [exported, launched] = await Promise.all([
    runCli(['export', '--out', out, '--as-of', AS_OF, '--no-fsync']),
    launchChromium(),
  ])
  browser = launched
  expect(exported.code, exported.stderr).toBe(0)
  manifest = JSON.parse(readFileSync(path.join(out, 'current', 'manifest.json'), 'utf8')) as Manifest
  server = await serveRelease(out, {pages: {[SELF_TEST]: SELF_TEST_PAGE}})
  trust = await trustContext(browser, {origin: server.url})
}, 180_000)

afterAll(async () => {
  for (const report of reports) {
    figures.pagesChecked += 1
    figures.violations += report.violations.reduce((sum, violation) => sum + violation.nodes.length, 0)
    figures.executions += report.executions.length
    figures.consoleErrors += report.consoleErrors.length
    figures.failedRequests += report.failedRequests.length
    figures.foreignRequests += report.foreignRequests.length
  }
  recordFigures('pages', figures)
  await trust?.close()
  await browser?.close()
  await server?.close()
  if (out) rmSync(out, {recursive: true, force: true})
})

/** What a clean page reports: nothing. Kept per page so a failure names the page and what went wrong. */
function problemsOf(report: PageReport) {
  const problems = {
    consoleErrors: report.consoleErrors,
    failedRequests: report.failedRequests,
    foreignRequests: report.foreignRequests,
    executions: report.executions,
    scripts: report.dom.scripts,
    handlers: report.dom.handlers,
    violations: report.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.slice(0, 3).join(' | ')}`,
    ),
  }
  return Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0))
}

async function check(urlPath: string): Promise<PageReport> {
  const report = await inspectPage(trust, `${server.url}${urlPath}`, {axe: true})
  reports.push(report)
  return report
}

function exportedSlugs(): string[] {
  return manifest.articles.filter((article) => article.status === 'exported').map((article) => article.slug!)
}

describe('the embedded dataset, exported and served, in Chromium', () => {
  it('catches a script that runs, a handler, a console error, a missing file, another origin and an axe violation (the checks are live)', async () => {
    const report = await inspectPage(trust, `${server.url}${SELF_TEST}`, {axe: true})
    expect(report.executions).toEqual(['alert(live)'])
    expect(report.dom.scripts).toHaveLength(2)
    expect(report.dom.handlers).toEqual(['div[onclick]'])
    expect(report.consoleErrors.some((error) => error.includes('live'))).toBe(true)
    expect(report.foreignRequests).toEqual(['https://elsewhere.example/pixel.png'])
    expect(report.failedRequests.some((failure) => failure.includes('/missing.png: HTTP 404'))).toBe(true)
    expect(report.violations.map((violation) => violation.id)).toContain('html-has-lang')
  })

  it('exports all seven articles of the embedded dataset', () => {
    expect(exportedSlugs()).toHaveLength(7)
    expect(exportedSlugs()).toContain(REFERENCE_SLUG)
  })

  it('every article page loads cleanly and passes axe-core', async () => {
    const failures: Record<string, unknown> = {}
    for (const slug of exportedSlugs()) {
      const report = await check(`/articles/${slug}/index.html`)
      const problems = problemsOf(report)
      if (Object.keys(problems).length > 0) failures[slug] = problems
      expect(report.dom.jsonLd).toHaveLength(1)
    }
    expect(failures).toEqual({})
  })

  it('every fragment, embedded in a minimal partner page, loads cleanly and passes axe-core', async () => {
    const failures: Record<string, unknown> = {}
    for (const slug of exportedSlugs()) {
      const report = await check(`${HOST_PREFIX}${slug}/`)
      const problems = problemsOf(report)
      if (Object.keys(problems).length > 0) failures[slug] = problems
      // The fragment is body and references only: no JSON-LD, no script of any kind.
      expect(report.dom.jsonLd).toEqual([])
    }
    expect(failures).toEqual({})
  })

  it('the catalogue loads cleanly, passes axe-core, and every link in it opens', async () => {
    const report = await check('/')
    expect(problemsOf(report)).toEqual({})
    const page = await trust.context.newPage()
    try {
      await page.goto(`${server.url}/`)
      const links = await page.$$eval('a[href]', (anchors) =>
        anchors.map((anchor) => (anchor as HTMLAnchorElement).href),
      )
      expect(links.length).toBeGreaterThanOrEqual(exportedSlugs().length)
      for (const link of links) {
        expect(new URL(link).origin, link).toBe(server.url)
        expect((await page.request.get(link)).status(), link).toBe(200)
      }
    } finally {
      await page.close()
    }
  })

  it('draws every label and count of the catalogue chart inside the chart at 390 px (none cut off at an edge)', async () => {
    const page = await trust.context.newPage()
    try {
      await page.setViewportSize({width: 390, height: 844})
      await page.goto(`${server.url}/`)
      const outside = await page.$eval('.due-chart', (chart) => {
        const box = chart.getBoundingClientRect()
        return Array.from(chart.querySelectorAll('.due-month, .due-count'))
          .map((text) => ({label: text.textContent, rect: text.getBoundingClientRect()}))
          .filter(
            ({rect}) =>
              rect.width === 0 ||
              rect.left < box.left ||
              rect.right > box.right ||
              rect.top < box.top ||
              rect.bottom > box.bottom,
          )
          .map(({label}) => label)
      })
      expect(outside).toEqual([])
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      )
      expect(overflow).toBeLessThanOrEqual(0)
    } finally {
      await page.close()
    }
  })

  it('shows each date of the reference article beside its label (label and date on one line)', async () => {
    const page = await trust.context.newPage()
    try {
      await page.goto(`${server.url}/articles/${REFERENCE_SLUG}/index.html`)
      const rows = await page.$$eval('.dates dt', (terms) =>
        terms.map((term) => {
          const value = term.nextElementSibling!
          return {
            label: term.textContent,
            sameLine: Math.abs(term.getBoundingClientRect().top - value.getBoundingClientRect().top) < 2,
            valueRight: value.getBoundingClientRect().left > term.getBoundingClientRect().left,
          }
        }),
      )
      expect(rows.map((row) => row.label)).toEqual(['Published', 'Last edited', 'Last reviewed', 'Next review due'])
      for (const row of rows) expect(row, String(row.label)).toMatchObject({sameLine: true, valueRight: true})
    } finally {
      await page.close()
    }
  })

  it('writes screenshots of the reference article and the catalogue for people to look at', async () => {
    mkdirSync(ARTIFACTS, {recursive: true})
    const article = path.join(ARTIFACTS, `${REFERENCE_SLUG}.png`)
    const catalogue = path.join(ARTIFACTS, 'catalogue.png')
    await screenshot(trust, `${server.url}/articles/${REFERENCE_SLUG}/index.html`, article)
    await screenshot(trust, `${server.url}/`, catalogue)
    // A real PNG of a real page, not an empty image.
    for (const file of [article, catalogue]) {
      const png = readFileSync(file)
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG')
      expect(png.readUInt32BE(20)).toBeGreaterThan(800)
    }
  })
})
