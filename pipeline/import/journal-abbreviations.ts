/**
 * NLM title abbreviations ("NLM Title Abbreviation" in the NLM Catalog) of the embedded dataset's journals. The import
 * fills a citation's `containerTitleShort` from here when the journal's title is one of these; any other journal is
 * left for the editor to look up in the NLM Catalog (https://www.ncbi.nlm.nih.gov/nlmcatalog/journals).
 *
 * How each was checked (2026-12-03): against an NLM record of an article of the dataset (PubMed Central: Am J Public
 * Health, PMC2446461; J Pediatr Health Care, PMC4684956; JAMA, PMC9582631. PubMed: Paediatr Child Health, PMID
 * 27441014); against PubMed's own citation format (Sleep, PMID 26039963) or PMC's journal search field (Philos Trans
 * R Soc Lond B Biol Sci); only against the journal's or third parties' citations, not yet an NLM record (BMJ, N Engl J
 * Med, Korean J Pediatr): confirm those in the NLM Catalog.
 */
const ABBREVIATIONS: ReadonlyArray<readonly [title: string, abbreviation: string]> = [
  ['American Journal of Public Health', 'Am J Public Health'],
  ['BMJ', 'BMJ'],
  ['JAMA', 'JAMA'],
  ['Journal of Pediatric Health Care', 'J Pediatr Health Care'],
  ['Korean Journal of Pediatrics', 'Korean J Pediatr'],
  ['New England Journal of Medicine', 'N Engl J Med'],
  ['Paediatrics & Child Health', 'Paediatr Child Health'],
  [
    'Philosophical Transactions of the Royal Society of London. Series B, Biological Sciences',
    'Philos Trans R Soc Lond B Biol Sci',
  ],
  ['Sleep', 'Sleep'],
]

const BY_TITLE = new Map(ABBREVIATIONS.map(([title, abbreviation]) => [journalKey(title), abbreviation]))

/** The NLM abbreviation of a journal known here, whatever the case, a leading "The" or "and" for "&". */
export function nlmAbbreviation(journal: string): string | undefined {
  return BY_TITLE.get(journalKey(journal))
}

function journalKey(title: string): string {
  return title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/\s+and\s+/g, ' & ')
    .replace(/[.,:]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}
