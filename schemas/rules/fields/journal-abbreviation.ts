import {defineRule} from '../rule.ts'

/**
 * The journal's abbreviation as the NLM Catalog gives it (its "NLM Title Abbreviation", e.g. `J Pediatr Health Care`):
 * Vancouver and AMA print it instead of the full title. NLM abbreviations carry no full stops.
 */
export const journalAbbreviationRule = defineRule<string | null | undefined>({
  id: 'journal-abbreviation',
  severity: 'error',
  description: 'A journal abbreviation is the NLM title abbreviation, without full stops: J Pediatr Health Care.',
  check(value) {
    if (value === null || value === undefined) return []
    if (value.trim() === '') {
      return [{message: 'Leave it empty or give the NLM title abbreviation, such as J Pediatr Health Care.'}]
    }
    const spaced = value.trim().replace(/\s+/g, ' ')
    if (value !== spaced && !value.includes('.')) return [{message: `Remove the extra spaces: ${spaced}`}]
    if (value.includes('.')) {
      const bare = spaced.replace(/\./g, '').replace(/\s+/g, ' ').trim()
      return [{message: `NLM abbreviations have no full stops: write ${bare}, as the NLM Catalog does.`}]
    }
    return []
  },
})
