import {describe, expect, it} from 'vitest'
import {importMarkdownFiles, readReference, structureReference} from '../pipeline/import/index.ts'
import {embeddedDataset, exportedMarkdown} from './import-support.ts'

describe('reading a reference-list entry', () => {
  it('finds DOI, PMID, PMCID, URL and year in any style, without looking anything up', () => {
    const vancouver =
      'Knowler WC, Barrett-Connor E, Fowler SE. Reduction in the incidence of type 2 diabetes. N Engl J Med. 2002;346(6):393-403. doi:10.1056/NEJMoa012512. PMID: 11832527; PMCID: PMC1370926.'
    expect(readReference(vancouver).identifiers).toEqual({
      doi: '10.1056/NEJMoa012512',
      pmid: '11832527',
      pmcid: 'PMC1370926',
      issued: '2002',
    })
    expect(readReference(vancouver).readings).toEqual([])
    expect(
      readReference(
        'World Health Organization. (n.d.). Diabetes. Retrieved September 10, 2026, from https://www.who.int/news-room/fact-sheets/detail/diabetes',
      ).identifiers,
    ).toEqual({
      url: 'https://www.who.int/news-room/fact-sheets/detail/diabetes',
      accessed: '2026-09-10',
    })
  })

  it('reads an APA journal article into authors, date, title, journal, volume, issue and pages', () => {
    const entry =
      'Clinton, J., Feller, A. F., & Williams, R. C. (2016). The importance of infant mental health. Paediatrics & Child Health, 21(5), 239–241. https://doi.org/10.1093/pch/21.5.239'
    expect(readReference(entry).readings[0]).toEqual({
      cslType: 'article-journal',
      authors: [
        {family: 'Clinton', given: 'J.'},
        {family: 'Feller', given: 'A. F.'},
        {family: 'Williams', given: 'R. C.'},
      ],
      issued: '2016',
      doi: '10.1093/pch/21.5.239',
      title: 'The importance of infant mental health',
      containerTitle: 'Paediatrics & Child Health',
      containerTitleShort: 'Paediatr Child Health',
      volume: '21',
      issue: '5',
      pages: '239-241',
    })
  })

  it('splits identifiers after the entry out of its title and types it from its journal, volume and pages', () => {
    const entry =
      'Moon, R. Y., Carlin, R. F., & Hand, I. (2022). Sleep-related infant deaths: Updated 2022 recommendations for ' +
      'reducing infant deaths in the sleep environment. Pediatrics, 150(1), e2022057990. PMID: 35726558'
    expect(structureReference(entry, [], 'apa', false).citation).toMatchObject({
      cslType: 'article-journal',
      title:
        'Sleep-related infant deaths: updated 2022 recommendations for reducing ' +
        'infant deaths in the sleep environment',
      containerTitle: 'Pediatrics',
      volume: '150',
      issue: '1',
      pages: 'e2022057990',
      pmid: '35726558',
    })
    const both = 'Doe, J. (2020). A study. Journal of Things, 1(2), 3–4. doi:10.5555/x.1. PMID: 12345; PMCID: PMC67'
    const ids = {doi: '10.5555/x.1', pmid: '12345', pmcid: 'PMC67'}
    expect(readReference(both).readings[0]).toMatchObject({title: 'A study', ...ids})
  })

  it('types an entry it cannot read as a journal article when it has a journal’s year;volume(issue):pages', () => {
    const ama =
      'Hong YR, Park JS. Impact of attachment, temperament and parenting on human development. ' +
      'Korean J Pediatr. 2012;55(12):449-454.'
    expect(structureReference(ama, [], 'apa', true)).toMatchObject({
      quality: 'identifiers',
      citation: {cslType: 'article-journal', issued: '2012'},
    })
    const page = 'Penn State Extension. Temperament – What is it? Accessed May 19, 2023.'
    expect(structureReference(page, [], 'apa', true).citation.cslType).toBe('webpage')
  })

  it('stores a subtitle as PubMed writes it and fills the NLM abbreviation of a journal it knows', () => {
    const entry =
      'Simpson, T. E., & Condon, E. (2016). Demystifying infant mental health: ' +
      'What the primary care provider needs to know. Journal of Pediatric Health Care, 30(1), 38–48.'
    expect(readReference(entry).readings[0]).toMatchObject({
      title: 'Demystifying infant mental health: what the primary care provider needs to know',
      containerTitleShort: 'J Pediatr Health Care',
    })
    const acronym = readReference('Org. (2020). Living with COVID-19: COVID-19 at home.').readings[0]
    expect(acronym?.title).toBe('Living with COVID-19: COVID-19 at home')
  })

  it('trusts a reading that formats back to exactly the entry, and keeps the entry as written', () => {
    const entry =
      'Clinton, J., Feller, A. F., & Williams, R. C. (2016). The importance of infant mental health. Paediatrics & Child Health, 21(5), 239–241. https://doi.org/10.1093/pch/21.5.239'
    const structured = structureReference(entry, [], 'apa', true)
    expect(structured.quality).toBe('exact')
    expect(structured.citation).toMatchObject({
      title: 'The importance of infant mental health',
      doi: '10.1093/pch/21.5.239',
      rawText: entry,
    })
  })

  it('keeps an exported entry no reading reproduces as written, title empty, so the next export writes the same text', () => {
    const entry =
      'Knowler WC, Barrett-Connor E. Reduction in the incidence of type 2 diabetes. N Engl J Med. 2002;346(6):393–403. doi:10.1056/NEJMoa012512'
    const structured = structureReference(entry, [], 'apa', true)
    expect(structured.quality).toBe('identifiers')
    expect(structured.citation).toEqual({
      cslType: 'article-journal',
      doi: '10.1056/NEJMoa012512',
      issued: '2002',
      rawText: entry,
    })
  })

  it('takes a DOI or URL from the entry’s link when its text does not show it', () => {
    const structured = structureReference(
      'NHS. Hand washing leaflet.',
      ['https://doi.org/10.1000/xyz123'],
      'apa',
      false,
    )
    expect(structured.citation.doi).toBe('10.1000/xyz123')
  })
})

describe('matching references to the dataset’s citations', () => {
  const dataset = embeddedDataset()

  it('finds a citation by its DOI however the entry is written', async () => {
    const markdown = `---\ntitle: Preventing diabetes\nauthors: [Priya Raman]\n---\n\nLifestyle change works.[1]\n\n## References\n\n1. Knowler WC, et al. Reduction in the incidence of type 2 diabetes. NEJM 2002. doi:10.1056/nejmoa012512\n`
    const result = await importMarkdownFiles([{path: 'diabetes.md', value: markdown}], dataset)
    expect(result.changes.filter((change) => change.type === 'citation')).toEqual([
      {kind: 'unchanged', id: 'citation.knowler-2002', type: 'citation', file: 'diabetes.md'},
    ])
    expect(result.files[0]!.messages).toEqual([])
  })

  it('gives a new citation an id derived from its DOI, the same on every import', async () => {
    const markdown = `---\ntitle: A new source\nauthors: [Priya Raman]\n---\n\nA finding.[1]\n\n## References\n\n1. Doe J. A study. J Test. 2020;1:1-2. doi:10.5555/TEST.1\n`
    const first = await importMarkdownFiles([{path: 'a.md', value: markdown}], dataset)
    const second = await importMarkdownFiles([{path: 'a.md', value: markdown}], first.documents)
    const id = first.changes.find((change) => change.type === 'citation')!.id
    expect(id).toMatch(/^citation\.doi-[0-9a-f]{12}$/)
    expect(second.changes.every((change) => change.kind === 'unchanged')).toBe(true)
    expect(second.documents).toEqual(first.documents)
  })

  it('round-trips an article exported in Vancouver style, whose entries are kept as written', async () => {
    const vancouver = dataset.map((document) =>
      document._id === 'settings' ? {...document, citationStyle: 'vancouver'} : document,
    )
    const id = 'article.type-2-diabetes-prevention'
    const first = await exportedMarkdown(vancouver, id)
    expect(first).toContain('citationStyle: vancouver')
    const fresh = vancouver.filter((document) => document._type === 'settings' || document._type === 'review')
    const result = await importMarkdownFiles([{path: 'vancouver.md', value: first}], fresh)
    // The content hash covers the citations' fields, which here are the entries as written.
    const withoutHash = (markdown: string) => markdown.replace(/^contentHash: .*$/m, '')
    expect(withoutHash(await exportedMarkdown(result.documents, id))).toBe(withoutHash(first))
    expect(
      result.imported
        .filter((document) => document._type === 'citation')
        .every((document) => document.title === undefined && typeof document.rawText === 'string'),
    ).toBe(true)
  }, 120_000)
})
