import {defineRule} from '../rule.ts'

export const SUMMARY_SOFT_LIMIT = 160
export const SUMMARY_HARD_LIMIT = 300

/** Search results and link previews cut a description after about 160 characters. */
export const summaryLengthRule = defineRule<string | null | undefined>({
  id: 'summary-length',
  severity: 'warning',
  description: `The summary is at most ${SUMMARY_SOFT_LIMIT} characters (a warning above that, an error above ${SUMMARY_HARD_LIMIT}).`,
  check(value) {
    if (typeof value !== 'string') return []
    // Count what a reader sees: code points, not UTF-16 units.
    const length = [...value.trim()].length
    if (length > SUMMARY_HARD_LIMIT) {
      return [
        {
          severity: 'error',
          message: `The summary is ${length} characters long, more than the ${SUMMARY_HARD_LIMIT} allowed. Cut it to one or two sentences of at most ${SUMMARY_SOFT_LIMIT} characters.`,
        },
      ]
    }
    if (length > SUMMARY_SOFT_LIMIT) {
      return [
        {
          message: `The summary is ${length} characters long; search results and link previews cut it after about ${SUMMARY_SOFT_LIMIT}. Shorten it by ${length - SUMMARY_SOFT_LIMIT} characters.`,
        },
      ]
    }
    return []
  },
})
