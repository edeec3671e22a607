import type {CitationStyle} from '../types.ts'
import type {CslItem} from './csl-json.ts'

/**
 * What a style's manual asks of the data that CSL cannot say. Titles are stored as PubMed writes them (sentence
 * case, the word after a colon in lower case unless it is a proper noun), which Vancouver (Citing Medicine ch. 1)
 * and AMA 11 (§3.9) print as they are; APA 7 capitalizes the first word of a subtitle (§6.17), which only needs
 * an upper-case letter (a lower-case one would need to know proper nouns). APA 7 leaves out a publisher that is
 * also the author (§9.24); Vancouver and AMA print it.
 */
export function itemForStyle(item: CslItem, style: CitationStyle): CslItem {
  if (style !== 'apa') return item
  const out: CslItem = {...item}
  if (out.title) out.title = capitalizeSubtitle(out.title)
  const organisation = out.author?.length === 1 ? out.author[0]!.literal : undefined
  if (organisation && out.publisher && sameName(organisation, out.publisher)) delete out.publisher
  return out
}

/** `Effect of hand hygiene: a meta-analysis` → `Effect of hand hygiene: A meta-analysis`. */
export function capitalizeSubtitle(title: string): string {
  const capital = (_match: string, mark: string, letter: string) => `${mark}${letter.toUpperCase()}`
  return title.replace(/([:?!]\s+)(\p{Ll})/gu, capital)
}

function sameName(a: string, b: string): boolean {
  const normal = (value: string) =>
    value
      .normalize('NFC')
      .replace(/^the\s+/i, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  return normal(a) === normal(b)
}
