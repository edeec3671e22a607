import type {Citation} from '../../schemas/sanity.types.ts'
import {nlmAbbreviation} from './journal-abbreviations.ts'

/**
 * The fields of a `citation` document the import can fill from an entry's text (the schema's fields, as typegen
 * wrote them, without Sanity's system fields and array keys); the embedded dataset's sources are written in them too.
 */
export type CitationFields = Omit<
  Citation,
  '_id' | '_type' | '_createdAt' | '_updatedAt' | '_rev' | 'cslType' | 'authors' | 'rawText'
> & {
  cslType: NonNullable<Citation['cslType']>
  authors?: Array<{family: string; given: string}>
}

/** What one reference-list entry says, read without any network lookup. */
export interface ReadReference {
  /** Identifiers and dates found by their unmistakable shapes, whatever the style of the entry. */
  identifiers: Pick<CitationFields, 'doi' | 'pmid' | 'pmcid' | 'url' | 'issued' | 'accessed'>
  /**
   * Full readings of an APA 7 entry (author or organisation, date, title, and journal or site), most likely first.
   * Several when the text allows more than one split (a title containing a full stop); empty when the entry is not
   * APA-shaped.
   */
  readings: CitationFields[]
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]
const DOI = /\b(10\.\d{4,9}\/[^\s"<>]+)/i
const DOI_URL = /\s*https?:\/\/(?:dx\.)?doi\.org\/(10\.\d{4,9}\/\S+?)[.,;]?$/i
const URL = /\bhttps?:\/\/[^\s<>"]+/i
const RETRIEVED = /\s*Retrieved ([A-Z][a-z]+ \d{1,2}, \d{4}),? from(?:\s+(https?:\/\/\S+?))?[.,;]?$/
const TRAILING_URL = /\s+(https?:\/\/\S+?)[.,;]?$/i
const APA_HEAD = /^(.+?)\s\((\d{4})[a-z]?(?:, ([A-Z][a-z]+)(?: (\d{1,2}))?)?\)\.\s+(.+)$|^(.+?)\s\(n\.d\.\)\.\s+(.+)$/s
const JOURNAL_TAIL = /^(.+?),\s+(\d+)(?:\(([^)]+)\))?(?:,\s+([A-Za-z]?\d+(?:\s*[–—-]\s*[A-Za-z]?\d+)?))?\.$/s
const INITIALS = /^(?:[A-Z][a-zA-Z]?\.(?:[\s-]|$))+$/
/** An identifier written after the entry proper ("… 239–241. PMID: 27441014"), as PubMed and many lists add them. */
const TRAILING_IDENTIFIER = /[.,;]?\s*(?:PMID:?\s*(\d{1,9})|PMCID:?\s*(PMC\d{1,9})|doi:\s*(10\.\d{4,9}\/\S+?))[.,;]?$/i

export function readReference(text: string): ReadReference {
  return {identifiers: identifiersOf(text), readings: apaReadings(text)}
}

function identifiersOf(text: string): ReadReference['identifiers'] {
  const found: ReadReference['identifiers'] = {}
  const doi = DOI.exec(text)?.[1]
  if (doi) found.doi = trimPunctuation(doi)
  const pmid = /\bPMID:?\s*(\d{1,9})\b/i.exec(text)?.[1]
  if (pmid) found.pmid = pmid
  const pmcid = /\b(PMC\d{1,9})\b/.exec(text)?.[1]
  if (pmcid) found.pmcid = pmcid
  const url = [...text.matchAll(new RegExp(URL.source, 'gi'))]
    .map((match) => trimPunctuation(match[0]))
    .find((candidate) => !/^https?:\/\/(?:dx\.)?doi\.org\//i.test(candidate))
  if (url) found.url = url
  // The year of publication, not of a link or of the day the page was retrieved; "(n.d.)" says there is none.
  const dated = text
    .replace(new RegExp(URL.source, 'gi'), ' ')
    .replace(DOI, ' ')
    .replace(/Retrieved [^,]+, \d{4}/g, ' ')
  const year = /\(n\.d\.\)/.test(dated)
    ? undefined
    : (/\((\d{4})[a-z]?[,)]/.exec(dated)?.[1] ?? /\b(1[89]\d{2}|20\d{2})\b/.exec(dated)?.[1])
  if (year) found.issued = year
  const retrieved = /Retrieved ([A-Z][a-z]+ \d{1,2}, \d{4})/.exec(text)?.[1]
  const accessed = retrieved ? monthDayYear(retrieved) : undefined
  if (accessed) found.accessed = accessed
  return found
}

/** Readings of `Author, A. A., & Author, B. (2016, May 1). Title. Journal, 30(1), 38–48. https://doi.org/…`. */
function apaReadings(entry: string): CitationFields[] {
  let text = entry.trim()
  const tail: Pick<CitationFields, 'doi' | 'pmid' | 'pmcid' | 'url' | 'accessed'> = {}
  // Identifiers after the entry belong to no title: "… Updated 2022 recommendations. PMID: 35726558".
  for (let found = TRAILING_IDENTIFIER.exec(text); found; found = TRAILING_IDENTIFIER.exec(text)) {
    const [, pmid, pmcid, doi] = found
    if (pmid) tail.pmid ??= pmid
    if (pmcid) tail.pmcid ??= pmcid.toUpperCase()
    if (doi) tail.doi ??= trimPunctuation(doi)
    text = text.slice(0, found.index).trim()
    if (!/[.?!]$/.test(text)) text = `${text}.`
  }
  const doi = DOI_URL.exec(text)
  if (doi) {
    tail.doi ??= trimPunctuation(doi[1]!)
    text = text.slice(0, doi.index).trim()
  }
  const retrieved = RETRIEVED.exec(text)
  if (retrieved) {
    const accessed = monthDayYear(retrieved[1]!)
    if (!accessed) return []
    tail.accessed = accessed
    if (retrieved[2]) tail.url = retrieved[2]
    text = text.slice(0, retrieved.index).trim()
  } else if (!doi) {
    const url = TRAILING_URL.exec(text)
    if (url) {
      tail.url = url[1]!
      text = text.slice(0, url.index).trim()
    }
  }
  const head = APA_HEAD.exec(text)
  if (!head) return []
  const [, authorText = head[6]!, year, month, day, remainder = head[7]!] = head
  const issued = year ? partialDate(year, month, day) : null
  if (issued === undefined) return []
  const creators = creatorsOf(authorText)
  const base = {...creators, ...(issued ? {issued} : {}), ...tail}
  const readings: CitationFields[] = []
  for (const split of splitPoints(remainder)) {
    const title = subtitleInLowerCase(remainder.slice(0, split.titleEnd))
    const rest = remainder.slice(split.restStart).trim()
    const journal = JOURNAL_TAIL.exec(rest)
    if (journal) {
      const [, containerTitle, volume, issue, pages] = journal
      const abbreviation = nlmAbbreviation(containerTitle!)
      readings.push({
        cslType: 'article-journal',
        ...base,
        title,
        containerTitle: containerTitle!,
        ...(abbreviation ? {containerTitleShort: abbreviation} : {}),
        volume: volume!,
        ...(issue ? {issue} : {}),
        ...(pages ? {pages: pages.replace(/\s*[–—-]\s*/, '-')} : {}),
      })
    }
  }
  const whole = /^(.+?)\.?$/s.exec(remainder)![1]!
  const titleOnly = subtitleInLowerCase(remainder.endsWith('?') || remainder.endsWith('!') ? remainder : whole)
  for (const cslType of ['webpage', 'report', 'book'] as const) readings.push({cslType, ...base, title: titleOnly})
  for (const split of splitPoints(remainder)) {
    const rest = remainder.slice(split.restStart).trim()
    if (!rest.endsWith('.') || JOURNAL_TAIL.test(rest)) continue
    const title = subtitleInLowerCase(remainder.slice(0, split.titleEnd))
    readings.push({cslType: 'webpage', ...base, title, containerTitle: rest.slice(0, -1)})
  }
  return readings
}

/**
 * Titles are stored as PubMed writes them: APA capitalizes the first word after a colon, Vancouver and AMA do not
 * (the APA renderer capitalizes it again). Only a plain capitalized word is lowered ("What", "A"); an acronym, a
 * word with inner capitals or digits, or one followed by another capitalized word ("New York") is kept. A proper
 * noun on its own ("Cochrane") cannot be told apart: the editor restores it.
 */
export function subtitleInLowerCase(title: string): string {
  const lower = (match: string, mark: string, first: string, rest: string, offset: number): string => {
    const after = title.slice(offset + match.length)
    if (/^\s+\p{Lu}/u.test(after) || /^[\p{L}\d]/u.test(after)) return match
    return `${mark}${first.toLowerCase()}${rest}`
  }
  return title.replace(/(:\s+)(\p{Lu})(\p{Ll}*)/gu, lower)
}

/** Where a title may end: after `.`, `?` or `!` followed by a space (the full stop is not part of the title). */
function splitPoints(text: string): Array<{titleEnd: number; restStart: number}> {
  const points: Array<{titleEnd: number; restStart: number}> = []
  for (const match of text.matchAll(/[.?!]\s/g)) {
    const mark = match[0][0]
    points.push({titleEnd: mark === '.' ? match.index : match.index + 1, restStart: match.index + 1})
  }
  return points
}

/** `Simpson, T. E., Condon, E., & Ordway, M. R.` → people; anything else is an organisation. */
function creatorsOf(text: string): Pick<CitationFields, 'authors' | 'organization'> {
  const parts = text.replace(/,?\s*&\s+/g, ', ').split(/,\s+/)
  const people: Array<{family: string; given: string}> = []
  if (parts.length >= 2 && parts.length % 2 === 0) {
    for (let index = 0; index < parts.length; index += 2) {
      const family = parts[index]!.trim()
      const given = parts[index + 1]!.trim()
      if (!family || /[.]$/.test(family) || !INITIALS.test(given)) {
        people.length = 0
        break
      }
      people.push({family, given})
    }
  }
  if (people.length > 0) return {authors: people}
  return {organization: text.replace(/\.$/, '').trim()}
}

function partialDate(year: string, month: string | undefined, day: string | undefined): string | null | undefined {
  if (!month) return year
  const index = MONTHS.indexOf(month.toLowerCase())
  if (index === -1) return undefined
  const mm = String(index + 1).padStart(2, '0')
  return day ? `${year}-${mm}-${day.padStart(2, '0')}` : `${year}-${mm}`
}

function monthDayYear(text: string): string | undefined {
  const match = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text)
  if (!match) return undefined
  const index = MONTHS.indexOf(match[1]!.toLowerCase())
  return index === -1 ? undefined : `${match[3]}-${String(index + 1).padStart(2, '0')}-${match[2]!.padStart(2, '0')}`
}

function trimPunctuation(value: string): string {
  return value.replace(/[.,;:)\]]+$/, '')
}
