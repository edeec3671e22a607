import {createHash} from 'node:crypto'
import type {ElementContent} from 'hast'
import {toText} from 'hast-util-to-text'
import {citationToCsl} from '../render/citations/csl-json.ts'
import {formatReference} from '../render/citations/format-references.ts'
import type {CitationStyle, SourceCitation} from '../render/types.ts'
import type {DatasetDocument} from './dataset.ts'
import {readReference, type CitationFields} from './reference-entry.ts'

/** A `citation` document's fields as the import writes them: always with the entry as written in `rawText`. */
export type ImportedCitation = CitationFields & {rawText: string}

export interface StructuredReference {
  citation: ImportedCitation
  /**
   * How far the entry could be read: `exact` when the reading formats back to exactly the entry (nothing lost,
   * the export writes the same text), `read` when it has the APA shape but the house style words it differently,
   * `identifiers` when only identifiers and the year could be found (the text is kept as written).
   */
  quality: 'exact' | 'read' | 'identifiers'
  /** The entry as the export will write it (the house style), for `read` entries. */
  formatted?: string
}

const LOCALE = 'en-US'
/** "2002;346(6):393-403", "2002 Feb 7;346(6):393", "2013;346:f1325": where Vancouver and AMA put a journal article. */
const JOURNAL_LOCATION = /\b\d{4}(?: [A-Z][a-z]{2}(?: \d{1,2})?)?;\s?\d+(?:\([^)]+\))?:\s?[A-Za-z]?\d+/

/**
 * Reads one reference-list entry into citation fields. A reading is trusted when citation-js formats it, in the
 * article's citation style, back into exactly the entry's text. An entry written by `vetted export` (`exported`)
 * that no reading reproduces was a source kept as written, so it is imported the same way (title left empty and
 * the text in `rawText`): any other reading would change the reference on the next export. In hand-written files
 * an APA-shaped entry is taken as read, and the caller says how the house style will word it.
 */
export function structureReference(
  text: string,
  links: readonly string[],
  style: CitationStyle,
  exported: boolean,
  emphasis?: readonly string[],
): StructuredReference {
  const read = readReference(text)
  const identifiers = {...read.identifiers}
  for (const link of links) {
    const doi = /^https?:\/\/(?:dx\.)?doi\.org\/(10\.\S+)$/i.exec(link)?.[1]
    if (doi && !identifiers.doi) identifiers.doi = doi
    else if (!doi && !identifiers.url && /^https?:\/\//i.test(link)) identifiers.url = link
  }
  // Readings that format to the same words may differ in what is italic ("_Title_. Site" or "_Title. Site_"): when
  // the entry says, the one that matches it too wins.
  const exact = read.readings.filter((reading) => formatCitation(reading, style) === text)
  const best = (emphasis && exact.find((reading) => sameRuns(italicRuns(reading, style), emphasis))) ?? exact[0]
  if (best) return {citation: {...best, rawText: text}, quality: 'exact'}
  const first = read.readings[0]
  if (first && !exported) {
    const citation: ImportedCitation = {...first, ...fill(first, identifiers), rawText: text}
    return {citation, quality: 'read', formatted: formatCitation(citation, style)}
  }
  // Typed from what the entry has: an identifier of a journal article, or a journal's "Year;Vol(Issue):pages".
  const journalLike = JOURNAL_LOCATION.test(text) || Boolean(identifiers.doi || identifiers.pmid || identifiers.pmcid)
  const cslType = journalLike ? 'article-journal' : 'webpage'
  return {citation: {cslType, ...identifiers, rawText: text}, quality: 'identifiers'}
}

/** The italic runs of the reference as the renderer formats it. */
function italicRuns(fields: CitationFields, style: CitationStyle): string[] {
  const source = fields.title ? toSourceCitation(fields) : null
  if (!source) return []
  const runs: string[] = []
  const walk = (nodes: readonly ElementContent[]) => {
    for (const node of nodes) {
      if (node.type !== 'element') continue
      if (node.tagName === 'i' || node.tagName === 'em') runs.push(toText(node).replace(/\s+/g, ' ').trim())
      else walk(node.children)
    }
  }
  walk(formatReference(citationToCsl(source), style, LOCALE).children)
  return runs
}

function sameRuns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((run, index) => run === b[index])
}

/** The reference as the renderer writes it in Markdown and text. */
export function formatCitation(fields: CitationFields | SourceCitation, style: CitationStyle): string {
  const source = 'title' in fields && fields.title ? toSourceCitation(fields) : null
  if (!source) return ''
  return formatReference(citationToCsl(source), style, LOCALE).text
}

/**
 * An existing citation the entry is: same DOI, PMID, PMCID or URL, or the same text once case, spacing, dashes and
 * quotes are set aside (compared with the citation's original text and with how it is formatted in `style`).
 */
export function matchCitation(
  citation: ImportedCitation,
  existing: readonly DatasetDocument[],
  style: CitationStyle,
): DatasetDocument | undefined {
  const citations = existing.filter(
    (document) =>
      document._type === 'citation' && !document._id.startsWith('drafts.') && !document._id.startsWith('versions.'),
  )
  const same = (field: 'doi' | 'pmid' | 'pmcid' | 'url', normalise: (value: string) => string) => {
    const wanted = citation[field]
    if (!wanted) return undefined
    return citations.find(
      (document) => typeof document[field] === 'string' && normalise(document[field]) === normalise(wanted),
    )
  }
  const byIdentifier =
    same('doi', (value) => value.toLowerCase().replace(/^https?:\/\/(dx\.)?doi\.org\//, '')) ??
    same('pmid', (value) => value.trim()) ??
    same('pmcid', (value) => value.trim().toUpperCase()) ??
    same('url', (value) => value.trim().replace(/\/+$/, ''))
  if (byIdentifier) return byIdentifier
  const text = normaliseReference(citation.rawText)
  return citations.find(
    (document) =>
      (typeof document.rawText === 'string' && normaliseReference(document.rawText) === text) ||
      normaliseReference(formatCitation(toSourceCitation(document), style)) === text,
  )
}

/** A deterministic id: from the DOI, PMID, PMCID or URL when there is one, else from the normalised text. */
export function citationId(citation: ImportedCitation): string {
  const [kind, key] = citation.doi
    ? ['doi', citation.doi.toLowerCase()]
    : citation.pmid
      ? ['pmid', citation.pmid]
      : citation.pmcid
        ? ['pmcid', citation.pmcid.toUpperCase()]
        : citation.url
          ? ['url', citation.url]
          : ['text', normaliseReference(citation.rawText)]
  return `citation.${kind}-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`
}

export function normaliseReference(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/[\s.]+$/, '')
    .trim()
}

function fill(reading: CitationFields, identifiers: Partial<CitationFields>): Partial<CitationFields> {
  const out: Partial<CitationFields> = {}
  for (const field of ['doi', 'pmid', 'pmcid', 'url', 'accessed'] as const) {
    if (!reading[field] && identifiers[field]) out[field] = identifiers[field]
  }
  return out
}

function toSourceCitation(fields: Record<string, unknown> | CitationFields): SourceCitation {
  const record = fields as Record<string, unknown>
  const text = (name: string): string | null => (typeof record[name] === 'string' ? (record[name] as string) : null)
  const authors = Array.isArray(record.authors)
    ? record.authors.map((name: unknown) => {
        const person = (typeof name === 'object' && name !== null ? name : {}) as Record<string, unknown>
        return {
          family: typeof person.family === 'string' ? person.family : null,
          given: typeof person.given === 'string' ? person.given : null,
        }
      })
    : null
  const cslType = text('cslType')
  return {
    _id: 'entry',
    _rev: '',
    cslType:
      cslType === 'article-journal' ||
      cslType === 'book' ||
      cslType === 'chapter' ||
      cslType === 'report' ||
      cslType === 'webpage'
        ? cslType
        : null,
    authors,
    organization: text('organization'),
    title: text('title'),
    containerTitle: text('containerTitle'),
    containerTitleShort: text('containerTitleShort'),
    issued: text('issued'),
    volume: text('volume'),
    issue: text('issue'),
    pages: text('pages'),
    publisher: text('publisher'),
    doi: text('doi'),
    pmid: text('pmid'),
    pmcid: text('pmcid'),
    url: text('url'),
    accessed: text('accessed'),
    rawText: text('rawText'),
  }
}
