import {isIsoDate} from '../../../domain/dates.ts'

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** A Sanity date or datetime as ISO `YYYY-MM-DD`, or null when it is missing or not a date. */
export function isoDay(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null
  const day = value.slice(0, 10)
  return isIsoDate(day) ? day : null
}

/**
 * "July 11, 2023": spelled out so no reader confuses day and month, and computed without `Intl` so the output is
 * the same on every machine and in every browser.
 */
export function displayDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number)
  return `${MONTHS[month! - 1]} ${day}, ${year}`
}
