import {defineRule} from '../rule.ts'

/**
 * The journal's abbreviation as the NLM Catalog gives it (its "NLM Title Abbreviation", e.g. `J Pediatr Health Care`):
 * Vancouver and AMA print it instead of the full title. NLM abbreviations carry no full stops.
 */
export const journalAbbreviationRule = defineRule<string | null | undefined>({
  id: 'journal-abbreviation',
  severity: 'error',
  description: 'A journal abbreviation is the NLM title abbreviation: words without full stops, such as J Pediatr Health Care.',
  check(value) {
    if (value === null || value === undefined) return []
    if (value.trim() === '') return [{message: 'Leave the abbreviation empty or give the NLM title abbreviation, such as J Pediatr Health Care.'}]
    if (value !== value.trim() || /\s{2,}/.test(value)) return [{message: `Remove the extra spaces: ${value.trim().replace(/\s+/g, ' ')}`}]
    if (value.includes('.')) {
      return [{message: `NLM abbreviations have no full stops: write ${value.replace(/\./g, '').replace(/\s+/g, ' ').trim()}, as the NLM Catalog does.`}]
    }
    return []
  },
})
