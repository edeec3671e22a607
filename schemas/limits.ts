import {SUMMARY_HARD_LIMIT} from './rules/fields/summary.ts'

/**
 * Bounds on values, written once: the Studio enforces them as field validation (`rule.max(…)`, `rule.min(…)`) and
 * the pipeline's decoder checks every document against the same numbers where it enters (see
 * `pipeline/source/decode/`). Lengths count code points, as the Studio does.
 *
 * Keyed by document type, then by field path (`authors[].family` for the items of a list of objects).
 */
export interface ValueLimit {
  /** Longest text, in characters. */
  maxLength?: number
  /** Most items in a list. */
  maxItems?: number
  /** Smallest and largest number, inclusive. */
  minimum?: number
  maximum?: number
  /** Whole numbers only. */
  integer?: boolean
}

export const TITLE_MAX_LENGTH = 200
export const NAME_MAX_LENGTH = 200
export const BODY_MAX_BLOCKS = 2000
export const LONG_TEXT_MAX_LENGTH = 10_000
/**
 * Alternative text longer than this is read out in one breath by a screen reader: a warning (rule
 * `figure-alt-length`), not a bound the decoder enforces.
 */
export const FIGURE_ALT_SOFT_LIMIT = 250

export const REVIEW_INTERVAL_MONTHS = {minimum: 1, maximum: 60, integer: true} as const
export const DUE_SOON_DAYS = {minimum: 0, maximum: 365, integer: true} as const

export const FIELD_LIMITS: Readonly<Record<string, Readonly<Record<string, ValueLimit>>>> = {
  article: {
    title: {maxLength: TITLE_MAX_LENGTH},
    summary: {maxLength: SUMMARY_HARD_LIMIT},
    body: {maxItems: BODY_MAX_BLOCKS},
    safetyNotice: {maxLength: LONG_TEXT_MAX_LENGTH},
  },
  person: {
    name: {maxLength: NAME_MAX_LENGTH},
    credentials: {maxLength: NAME_MAX_LENGTH},
    jobTitle: {maxLength: NAME_MAX_LENGTH},
    bio: {maxLength: LONG_TEXT_MAX_LENGTH},
  },
  citation: {
    title: {maxLength: LONG_TEXT_MAX_LENGTH},
    organization: {maxLength: NAME_MAX_LENGTH},
    'authors[].family': {maxLength: NAME_MAX_LENGTH},
    'authors[].given': {maxLength: NAME_MAX_LENGTH},
  },
  settings: {
    reviewIntervalMonths: REVIEW_INTERVAL_MONTHS,
    dueSoonDays: DUE_SOON_DAYS,
  },
}
