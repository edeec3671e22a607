import {defineRule} from '../rule.ts'

const DOI = /^10\.\d{4,9}\/\S+$/
const PMID = /^[1-9]\d{0,8}$/
const PMCID = /^PMC\d+$/

/** A DOI is stored bare (`10.1093/pch/21.5.239`) so every citation style can print it its own way. */
export const doiFormatRule = defineRule<string | null | undefined>({
  id: 'doi-format',
  severity: 'error',
  description: 'A DOI looks like 10.NNNN/suffix, without https://doi.org/ in front.',
  check(value) {
    if (typeof value !== 'string' || value === '' || DOI.test(value)) return []
    const bare = value.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:\s*)/i, '')
    if (bare !== value && DOI.test(bare)) {
      return [{message: `Write the DOI without the prefix: ${bare}`}]
    }
    return [
      {
        message: `“${value}” is not a DOI. A DOI starts with 10., four or more digits and a slash, such as 10.1093/pch/21.5.239. Copy it from the article’s page, or leave the field empty.`,
      },
    ]
  },
})

export const pmidFormatRule = defineRule<string | null | undefined>({
  id: 'pmid-format',
  severity: 'error',
  description: 'A PubMed id (PMID) is 1 to 9 digits.',
  check(value) {
    if (typeof value !== 'string' || value === '' || PMID.test(value)) return []
    const digits = value.replace(/^\s*PMID:?\s*/i, '').trim()
    if (digits !== value && PMID.test(digits)) return [{message: `Write only the digits of the PMID: ${digits}`}]
    return [
      {
        message: `“${value}” is not a PubMed id. A PMID is 1 to 9 digits, such as 27398055. Copy it from PubMed, or leave the field empty.`,
      },
    ]
  },
})

export const pmcidFormatRule = defineRule<string | null | undefined>({
  id: 'pmcid-format',
  severity: 'error',
  description: 'A PubMed Central id (PMCID) is PMC followed by digits.',
  check(value) {
    if (typeof value !== 'string' || value === '' || PMCID.test(value)) return []
    const compact = value.replace(/\s+/g, '').toUpperCase()
    if (PMCID.test(compact)) return [{message: `Write the PMCID as ${compact}.`}]
    if (/^\d+$/.test(compact)) return [{message: `Write PMC in front of the digits: PMC${compact}.`}]
    return [
      {
        message: `“${value}” is not a PubMed Central id. A PMCID is PMC followed by digits, such as PMC4933077. Copy it from PubMed Central, or leave the field empty.`,
      },
    ]
  },
})
