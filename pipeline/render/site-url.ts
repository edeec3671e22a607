import {httpForm} from './http-form.ts'
import type {CslItem} from './citations/csl-json.ts'

/** An http(s) URL from settings, else null: only such addresses become links, canonical URLs and og: tags. */
export function webUrl(value: string | null | undefined): string | null {
  const url = value?.trim()
  return url && /^https?:\/\//i.test(url) ? httpForm(url) : null
}

/**
 * The article's public address: `siteUrl` + `/articles/<slug>/`, the release's own layout, so a site that serves the
 * release as it is needs no mapping. Null without a usable `siteUrl`. The pages (canonical link, og:url, JSON-LD)
 * and the release's sitemap.xml both take it from here.
 */
export function articleUrl(siteUrl: string | null | undefined, slug: string): string | null {
  const base = webUrl(siteUrl)
  return base ? `${base.replace(/\/+$/, '')}/articles/${encodeURIComponent(slug)}/` : null
}

/** Where a reference leads: its DOI (https://doi.org/…), else its URL, else its PubMed record (a numeric PMID). */
export function citationUrl(csl: Pick<CslItem, 'DOI' | 'URL' | 'PMID'>): string | null {
  if (csl.DOI) return `https://doi.org/${csl.DOI}`
  if (csl.URL) return csl.URL
  return csl.PMID && /^\d{1,9}$/.test(csl.PMID.trim()) ? `https://pubmed.ncbi.nlm.nih.gov/${csl.PMID.trim()}/` : null
}
