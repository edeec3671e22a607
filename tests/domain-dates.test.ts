import {describe, expect, it} from 'vitest'
import {addMonths, daysBetween, isIsoDate} from '../domain/dates.ts'

describe('isIsoDate', () => {
  it('accepts calendar days written YYYY-MM-DD, leap days included', () => {
    for (const day of ['2024-02-29', '2026-11-26', '2000-02-29', '0100-01-01', '9999-12-31']) {
      expect(isIsoDate(day), day).toBe(true)
    }
  })

  it('refuses days that do not exist and other spellings, the second time as the first', () => {
    const refused = ['2023-02-29', '1900-02-29', '2026-13-01', '2026-04-31', '2026-00-10', '0099-01-01', '2026-1-01']
    const more = ['2026-11-26T00:00:00Z', ' 2026-11-26', '', '２０２６-11-26', 20261126, null, undefined]
    for (const round of [1, 2]) {
      for (const value of [...refused, ...more]) expect(isIsoDate(value), `${String(value)} (${round})`).toBe(false)
    }
  })

  it('is what the date arithmetic relies on', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(() => daysBetween('2023-02-29', '2023-03-01')).toThrow(TypeError)
  })
})
