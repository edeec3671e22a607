import type {SourceCitation} from '../types.ts'
import {httpForm} from '../http-form.ts'

/** The CSL-JSON fields the renderer produces (a subset of the CSL 1.0.2 item schema). */
export interface CslName {
  family?: string
  given?: string
  literal?: string
}

export interface CslDate {
  'date-parts'?: Array<Array<number>>
  literal?: string
}

export interface CslItem {
  id: string
  type: string
  author?: CslName[]
  title?: string
  'container-title'?: string
  /** The journal's NLM abbreviation, printed by Vancouver and AMA (CSL's `form="short"`). */
  'container-title-short'?: string
  issued?: CslDate
  accessed?: CslDate
  volume?: string
  issue?: string
  page?: string
  publisher?: string
  DOI?: string
  PMID?: string
  PMCID?: string
  URL?: string
}

type TextField =
  | 'title'
  | 'container-title'
  | 'container-title-short'
  | 'volume'
  | 'issue'
  | 'page'
  | 'publisher'
  | 'DOI'
  | 'PMID'
  | 'PMCID'
  | 'URL'

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' → CSL date-parts; anything else is kept as a literal so nothing is lost. */
export function cslDate(value: string | null | undefined): CslDate | undefined {
  if (!value) return undefined
  const match = PARTIAL_DATE.exec(value.trim())
  if (!match) return {literal: value}
  return {
    'date-parts': [
      match
        .slice(1)
        .filter((part): part is string => part !== undefined)
        .map(Number),
    ],
  }
}

/**
 * A citation document as CSL-JSON: people → `author[{family, given}]`, an organisation → `author[{literal}]`
 * (after any people, so a source with both keeps them all), hyphenated page ranges for CSL to reformat.
 */
export function citationToCsl(citation: SourceCitation): CslItem {
  const people: CslName[] = (citation.authors ?? [])
    .map((name) => ({...(name.family ? {family: name.family} : {}), ...(name.given ? {given: name.given} : {})}))
    .filter((name) => name.family !== undefined || name.given !== undefined)
  const authors = citation.organization ? [...people, {literal: citation.organization}] : people
  const item: CslItem = {id: citation._id, type: citation.cslType ?? 'article-journal'}
  if (authors.length > 0) item.author = authors
  const text = (field: TextField, value: string | null) => {
    const trimmed = value?.trim()
    if (trimmed) item[field] = trimmed
  }
  text('title', citation.title)
  text('container-title', citation.containerTitle)
  text('container-title-short', citation.containerTitleShort)
  const issued = cslDate(citation.issued)
  if (issued) item.issued = issued
  const accessed = cslDate(citation.accessed)
  if (accessed) item.accessed = accessed
  text('volume', citation.volume)
  text('issue', citation.issue)
  text('page', citation.pages?.replace(/\s*[–—-]\s*/g, '-') ?? null)
  text('publisher', citation.publisher)
  text('DOI', citation.doi?.replace(/^https?:\/\/(dx\.)?doi\.org\//i, '') ?? null)
  text('PMID', citation.pmid)
  text('PMCID', citation.pmcid)
  // A value no browser reads as an http(s) address is kept as given: the citation-url rule blocks its article.
  const url = citation.url?.trim()
  text('URL', url ? (httpForm(url) ?? url) : null)
  return item
}
