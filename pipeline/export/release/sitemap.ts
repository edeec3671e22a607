import type {ManifestArticle} from './manifest.ts'

/**
 * The release's `sitemap.xml` (sitemaps.org 0.9): one `<url>` per exported or kept article that has a public
 * address (the `siteUrl` setting), with `<lastmod>` from its last substantive edit. Made only from the manifest
 * entries, in slug order, so it is as deterministic as the manifest. Null when no article has an address (no
 * `siteUrl`): the release then has no sitemap.
 */
export function sitemapXml(articles: readonly ManifestArticle[]): string | null {
  const urls = articles
    .filter((article) => article.status !== 'blocked' && article.url !== undefined)
    .map((article) => ({loc: article.url as string, lastmod: article.lastEdited}))
    .sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0))
  if (urls.length === 0) return null
  const entries = urls.map(({loc, lastmod}) =>
    [
      '  <url>',
      `    <loc>${escapeXml(loc)}</loc>`,
      ...(lastmod ? [`    <lastmod>${lastmod}</lastmod>`] : []),
      '  </url>',
    ].join('\n'),
  )
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...entries,
    '</urlset>',
    '',
  ].join('\n')
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
