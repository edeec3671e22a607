import {describe, expect, it} from 'vitest'
import {mostUrgentFirst, REVIEW_URGENCY, type UrgencyFields} from '../domain/urgency.ts'

/** "Most urgent first", written once: the Studio's review queue and the release catalogue both order by it. */

const entry = (id: string, fields: Partial<UrgencyFields> = {}): UrgencyFields => ({
  id,
  title: id,
  status: 'current',
  nextReviewDue: null,
  ...fields,
})
const ids = (entries: readonly UrgencyFields[]) => mostUrgentFirst(entries, (item) => item).map((item) => item.id)

describe('mostUrgentFirst', () => {
  it('puts a request for changes first, then a lapsed sign-off, then one that no longer covers the text, then none, then due soon', () => {
    expect(REVIEW_URGENCY).toEqual([
      'changes-requested',
      'overdue',
      'edited-since-review',
      'unreviewed',
      'due-soon',
      'current',
    ])
    const entries = REVIEW_URGENCY.map((status) => entry(status, {status})).reverse()
    expect(ids(entries)).toEqual([...REVIEW_URGENCY])
  })

  it('orders one status by next review, soonest (or longest overdue) first and undated last', () => {
    const entries = [entry('c'), entry('b', {nextReviewDue: '2027-01-01'}), entry('a', {nextReviewDue: '2026-01-01'})]
    expect(ids(entries)).toEqual(['a', 'b', 'c'])
  })

  it('breaks ties by title, then id, by code point, a missing title counting as an empty one', () => {
    const entries = [
      entry('x', {title: 'apple'}),
      entry('w', {title: 'Banana'}),
      entry('v', {title: null}),
      entry('u', {title: 'Banana'}),
    ]
    expect(ids(entries)).toEqual(['v', 'u', 'w', 'x'])
  })

  it('returns a new array and leaves its input as it was', () => {
    const entries = [entry('b'), entry('a')]
    const sorted = mostUrgentFirst(entries, (item) => item)
    expect(sorted).not.toBe(entries)
    expect(entries.map((item) => item.id)).toEqual(['b', 'a'])
  })
})
