import {readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS, type ManifestArticle} from '../pipeline/export/release/manifest.ts'
import {sitemapXml} from '../pipeline/export/release/catalogue.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {testStages} from './helpers/export-doubles.ts'
import {editDocument, generatedDataset, readDocuments, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** The release's sitemap.xml: the published pages' public addresses, dated by their last edit. */

const HASH = 'a'.repeat(64)

function entry(slug: string, fields: Partial<ManifestArticle>): ManifestArticle {
  return {
    id: `article.${slug}`,
    slug,
    title: slug,
    revision: 'r1',
    contentHash: HASH,
    reviewStatus: 'current',
    lastReviewed: null,
    nextReviewDue: null,
    status: 'exported',
    inputHash: HASH,
    sourceHash: HASH,
    files: {},
    ...fields,
  }
}

describe('sitemapXml', () => {
  it('lists exported and kept pages in address order with lastmod, never blocked ones', () => {
    const xml = sitemapXml([
      entry('zinc', {url: 'https://example.org/articles/zinc/', lastEdited: '2026-03-01'}),
      entry('blocked', {url: 'https://example.org/articles/blocked/', status: 'blocked'}),
      entry('kept', {url: 'https://example.org/articles/kept/', status: 'kept', lastEdited: '2025-01-09'}),
      entry('undated', {url: 'https://example.org/articles/undated/?a=1&b=2'}),
      entry('no-site', {lastEdited: '2026-01-01'}),
    ])
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
        '  <url>',
        '    <loc>https://example.org/articles/kept/</loc>',
        '    <lastmod>2025-01-09</lastmod>',
        '  </url>',
        '  <url>',
        '    <loc>https://example.org/articles/undated/?a=1&#38;b=2</loc>',
        '  </url>',
        '  <url>',
        '    <loc>https://example.org/articles/zinc/</loc>',
        '    <lastmod>2026-03-01</lastmod>',
        '  </url>',
        '</urlset>',
        '',
      ].join('\n'),
    )
  })

  it('is null when no page has a public address (no siteUrl)', () => {
    expect(sitemapXml([entry('a', {lastEdited: '2026-01-01'})])).toBeNull()
  })
})

describe('the release sitemap', () => {
  async function exportWith(siteUrl: string | null) {
    const dir = tempDir('vetted-sitemap-')
    const dataset = await generatedDataset(dir, 4)
    if (siteUrl) editDocument(dataset, 'settings', (settings) => ({...settings, siteUrl}))
    const result = await runExport(
      {
        outDir: 'out',
        dataset,
        asOf: '2026-11-26',
        strict: false,
        formats: FORMATS,
        keep: 3,
        fsync: false,
        cwd: dir,
        env: {},
      },
      testStages(),
    )
    return {dataset, release: path.join(dir, 'out', result.release), manifest: result.manifest}
  }

  it('is written beside the catalogue, listed in the manifest and accepted by verify', async () => {
    const {dataset, release, manifest} = await exportWith('https://health.example.org/')
    expect(Object.keys(manifest.files)).toContain('sitemap.xml')
    const xml = readFileSync(path.join(release, 'sitemap.xml'), 'utf8')
    const published = manifest.articles.filter((article) => article.status !== 'blocked')
    expect(published.length).toBeGreaterThan(0)
    const articles = new Map(readDocuments(dataset).map((document) => [document._id, document]))
    for (const article of published) {
      const url = `https://health.example.org/articles/${article.slug}/`
      expect(article.url).toBe(url)
      const source = articles.get(article.id) as {lastEditedAt?: string; publishedAt?: string}
      const lastmod = (source.lastEditedAt ?? source.publishedAt ?? '').slice(0, 10)
      expect(article.lastEdited).toBe(lastmod)
      expect(xml).toContain(`<loc>${url}</loc>\n    <lastmod>${lastmod}</lastmod>`)
    }
    for (const article of manifest.articles.filter((entry) => entry.status === 'blocked'))
      expect(xml).not.toContain(`/articles/${article.slug}/`)
    expect(verifyRelease(release).problems).toEqual([])
  })

  it('is left out without a siteUrl setting', async () => {
    const {release, manifest} = await exportWith(null)
    expect(Object.keys(manifest.files)).not.toContain('sitemap.xml')
    expect(verifyRelease(release).problems).toEqual([])
    expect(() => readFileSync(path.join(release, 'sitemap.xml'))).toThrow()
  })
})
