import {plugins} from '@citation-js/core'
import {describe, expect, it, vi} from 'vitest'
import {citationToCsl, cslDate} from '../pipeline/render/citations/csl-json.ts'
import {formatReference} from '../pipeline/render/citations/format-references.ts'
import {AMA_STYLE_NAME} from '../pipeline/render/citations/styles/ama.ts'
import {scriptSafeJson} from '../pipeline/render/formats/script-json.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'

type SourceCitation = SourceArticle['citations'][number]

const empty: SourceCitation = {
  _id: 'citation.x',
  _rev: 'r',
  cslType: null,
  authors: null,
  organization: null,
  title: null,
  containerTitle: null,
  containerTitleShort: null,
  issued: null,
  volume: null,
  issue: null,
  pages: null,
  publisher: null,
  doi: null,
  pmid: null,
  pmcid: null,
  url: null,
  accessed: null,
  rawText: null,
}

const journal: SourceCitation = {
  ...empty,
  _id: 'citation.simpson-2016',
  cslType: 'article-journal',
  authors: [
    {family: 'Simpson', given: 'T. E.'},
    {family: 'Condon', given: 'E.'},
  ],
  title: 'Demystifying infant mental health: What the primary care provider needs to know',
  containerTitle: 'Journal of Pediatric Health Care',
  issued: '2016-01',
  volume: '30',
  issue: '1',
  pages: '38 – 48',
  doi: 'https://doi.org/10.1016/j.pedhc.2015.09.011',
  pmid: '26525882',
  pmcid: 'PMC4681602',
}

const webpage: SourceCitation = {
  ...empty,
  _id: 'citation.cdc',
  cslType: 'webpage',
  organization: 'Centers for Disease Control and Prevention',
  title: 'Infants (0-1 years of age)',
  issued: '2021-11-29',
  url: 'https://www.cdc.gov/infants',
  accessed: '2023-05-19',
}

describe('CSL-JSON from a citation document', () => {
  it('maps people, dates, identifiers and pages', () => {
    expect(citationToCsl(journal)).toEqual({
      id: 'citation.simpson-2016',
      type: 'article-journal',
      author: [
        {family: 'Simpson', given: 'T. E.'},
        {family: 'Condon', given: 'E.'},
      ],
      title: 'Demystifying infant mental health: What the primary care provider needs to know',
      'container-title': 'Journal of Pediatric Health Care',
      issued: {'date-parts': [[2016, 1]]},
      volume: '30',
      issue: '1',
      page: '38-48',
      DOI: '10.1016/j.pedhc.2015.09.011',
      PMID: '26525882',
      PMCID: 'PMC4681602',
    })
  })

  it('makes an organisation a literal author and keeps the accessed date and URL', () => {
    expect(citationToCsl(webpage)).toEqual({
      id: 'citation.cdc',
      type: 'webpage',
      author: [{literal: 'Centers for Disease Control and Prevention'}],
      title: 'Infants (0-1 years of age)',
      issued: {'date-parts': [[2021, 11, 29]]},
      accessed: {'date-parts': [[2023, 5, 19]]},
      URL: 'https://www.cdc.gov/infants',
    })
  })

  it('keeps a URL as given where it reads http(s)://…, else takes it as a browser resolves it', () => {
    const url = (value: string) => citationToCsl({...webpage, url: value}).URL
    expect(url(' https://www.CDC.gov/Infants ')).toBe('https://www.CDC.gov/Infants')
    expect(url('HTTPS://www.CDC.gov/Infants')).toBe('https://www.cdc.gov/Infants')
    expect(url('https:www.cdc.gov/infants')).toBe('https://www.cdc.gov/infants')
    expect(url('https:\\\\www.cdc.gov\\infants')).toBe('https://www.cdc.gov/infants')
  })

  it('reads YYYY, YYYY-MM and YYYY-MM-DD, and keeps anything else as a literal date', () => {
    expect(cslDate('2016')).toEqual({'date-parts': [[2016]]})
    expect(cslDate('2017-05')).toEqual({'date-parts': [[2017, 5]]})
    expect(cslDate('Spring 2019')).toEqual({literal: 'Spring 2019'})
    expect(cslDate(null)).toBeUndefined()
  })
})

describe('formatted references', () => {
  it('formats APA 7 by default', () => {
    expect(formatReference(citationToCsl(journal), 'apa', 'en-US').text).toBe(
      'Simpson, T. E., & Condon, E. (2016). Demystifying infant mental health: What the primary care provider needs to know. Journal of Pediatric Health Care, 30(1), 38–48. https://doi.org/10.1016/j.pedhc.2015.09.011',
    )
  })

  it('formats Vancouver', () => {
    expect(formatReference(citationToCsl(webpage), 'vancouver', 'en-US').text).toBe(
      'Centers for Disease Control and Prevention. Infants (0-1 years of age) [Internet]. ' +
        '2021 Nov 29 [cited 2023 May 19]. Available from: https://www.cdc.gov/infants',
    )
  })

  it('formats AMA 11 with the style shipped in the project', () => {
    expect(plugins.config.get('@csl').styles.has(AMA_STYLE_NAME)).toBe(true)
    expect(formatReference(citationToCsl(journal), 'ama', 'en-US').text).toBe(
      'Simpson TE, Condon E. Demystifying infant mental health: What the primary care provider needs to know. Journal of Pediatric Health Care. 2016;30(1):38-48. doi:10.1016/j.pedhc.2015.09.011',
    )
    expect(formatReference(citationToCsl(webpage), 'ama', 'en-US').text).toBe(
      'Centers for Disease Control and Prevention. Infants (0-1 years of age). Published November 29, 2021. Accessed May 19, 2023. https://www.cdc.gov/infants',
    )
    const seven = citationToCsl({
      ...journal,
      authors: ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((family) => ({family, given: 'Q.'})),
    })
    expect(formatReference(seven, 'ama', 'en-US').text).toMatch(/^A Q, B Q, C Q, et al\. /)
  })

  it('links DOIs and URLs in the HTML form', () => {
    const {children} = formatReference(citationToCsl(journal), 'ama', 'en-US')
    expect(children).toContainEqual(
      expect.objectContaining({tagName: 'a', properties: {href: 'https://doi.org/10.1016/j.pedhc.2015.09.011'}}),
    )
  })

  it('formats a source once per style and content, whatever its id', () => {
    const csl = plugins.config.get('@csl')
    const engine = vi.spyOn(csl, 'engine')
    try {
      const item = citationToCsl({...journal, title: 'A title formatted only once'})
      const first = formatReference(item, 'vancouver', 'en-US')
      const again = formatReference({...item, id: 'citation.another-id'}, 'vancouver', 'en-US')
      expect(again).toEqual(first)
      expect(engine).toHaveBeenCalledTimes(1)
      formatReference(item, 'ama', 'en-US')
      expect(engine).toHaveBeenCalledTimes(2)
    } finally {
      engine.mockRestore()
    }
  })
})

describe('JSON in a script element', () => {
  it('cannot end the script or open a comment, and parses back to the same data', () => {
    const data = {headline: 'a </script><script>alert(1)</script> <!-- b --> c\u2028d\u2029e & f'}
    const text = scriptSafeJson(data)
    expect(text).not.toMatch(/<\/script|<!--|[\u2028\u2029<>&]/i)
    expect(JSON.parse(text)).toEqual(data)
  })
})
