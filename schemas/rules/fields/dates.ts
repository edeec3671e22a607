import {isIsoDate} from '../../../domain/dates.ts'
import {defineRule} from '../rule.ts'

const ISSUED = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** CSL dates may be partial: a journal issue often has only a year or a month. */
export const issuedFormatRule = defineRule<string | null | undefined>({
  id: 'issued-format',
  severity: 'error',
  description: 'The issued date is a year, a year and month, or a full date: 2016, 2017-05 or 2021-11-29.',
  check(value) {
    if (typeof value !== 'string' || value === '') return []
    const match = ISSUED.exec(value)
    const month = match?.[2] === undefined ? 1 : Number(match[2])
    const valid = match !== null && month >= 1 && month <= 12 && (match[3] === undefined || isIsoDate(value))
    if (valid) return []
    return [
      {
        message: `“${value}” is not a date the reference list can use. Write the year (2016), the year and month (2017-05) or the full date (2021-11-29); leave it empty when the source has no date.`,
      },
    ]
  },
})

/** Dates travel into JSON-LD and sitemaps, which need real calendar dates. */
export const isoDateRule = defineRule<string | null | undefined>({
  id: 'date-format',
  severity: 'error',
  description: 'Dates are real calendar dates written YYYY-MM-DD.',
  check(value) {
    if (typeof value !== 'string' || value === '' || isIsoDate(value)) return []
    return [
      {
        message: `“${value}” is not a calendar date written as YYYY-MM-DD (such as 2023-07-11). Pick the date again with the date picker.`,
      },
    ]
  },
})

/** A substantive edit cannot happen before the article existed. */
export const dateOrderRule = defineRule<string | null | undefined, {publishedAt: string | null | undefined}>({
  id: 'date-order',
  severity: 'error',
  description: 'The last-edited date is on or after the published date.',
  check(lastEditedAt, {publishedAt}) {
    if (!isIsoDate(lastEditedAt) || !isIsoDate(publishedAt) || lastEditedAt >= publishedAt) return []
    return [
      {
        message: `The last-edited date (${lastEditedAt}) is before the published date (${publishedAt}). Correct one of the two dates.`,
      },
    ]
  },
})

/** A sign-off vouches for content as it was; a future date would make an article look reviewed before it was. */
export const reviewDateRule = defineRule<string | null | undefined, {today: string}>({
  id: 'review-date-not-future',
  severity: 'error',
  description: 'A review date is not in the future.',
  check(reviewedOn, {today}) {
    if (!isIsoDate(reviewedOn) || reviewedOn <= today) return []
    return [
      {
        message: `The review date ${reviewedOn} is in the future (today is ${today}). Set the date on which the review actually took place.`,
      },
    ]
  },
})
