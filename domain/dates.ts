/** Calendar dates as ISO `YYYY-MM-DD` strings, computed in UTC so no time zone shifts a day. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || value.length !== 10) return false
  let valid = checkedDates.get(value)
  if (valid === undefined) {
    const match = ISO_DATE.exec(value)
    valid =
      match !== null &&
      new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === value
    if (checkedDates.size >= CHECKED_DATES_LIMIT) checkedDates.clear()
    checkedDates.set(value, valid)
  }
  return valid
}

/**
 * Answers by date string: an export checks each article's few dates in a dozen places (rules, review state,
 * render), and a `Date` round trip per check was 0.5% of its CPU; articles share most of their dates. Bounded so a
 * long-running Studio session cannot grow it without limit.
 */
const checkedDates = new Map<string, boolean>()
const CHECKED_DATES_LIMIT = 10_000

function toUtc(value: string): Date {
  if (!isIsoDate(value)) throw new TypeError(`Expected an ISO date (YYYY-MM-DD), got \`${value}\``)
  return new Date(`${value}T00:00:00Z`)
}

/** Adds calendar months; the day is clamped to the end of a shorter month (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(value: string, months: number): string {
  const date = toUtc(value)
  const day = date.getUTCDate()
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000)
}

/** The date of an epoch-seconds value (SOURCE_DATE_EPOCH) or of a Date, in UTC. */
export function isoDateOf(value: Date | number): string {
  const date = typeof value === 'number' ? new Date(value * 1000) : value
  return date.toISOString().slice(0, 10)
}
