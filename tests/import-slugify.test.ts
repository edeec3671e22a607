import {describe, expect, it} from 'vitest'
import {slugify} from '../domain/slug.ts'

describe('slugify (import)', () => {
  it('transliterates letters outside ASCII instead of dropping them', () => {
    expect(slugify('Straße und Ärzte')).toBe('strasse-und-aerzte')
    expect(slugify('Ωμέγα-3')).toBe('omega-3')
    expect(slugify('Müller')).toBe('mueller')
    expect(slugify('Санкт-Петербург')).toBe('sankt-peterburg')
  })

  it('keeps ASCII titles as before', () => {
    expect(slugify('The importance of infant mental health')).toBe('the-importance-of-infant-mental-health')
    expect(slugify('Type 2 diabetes: prevention & care')).toBe('type-2-diabetes-prevention-and-care')
  })

  it('gives a slug the schema accepts: lowercase, digits, single hyphens, at most 96 characters', () => {
    for (const title of ['A'.repeat(200), '--a--b--', '💊 Medicines 💊', 'a/../b', 'x'.repeat(95) + ' yz']) {
      const slug = slugify(title)
      expect(slug).toMatch(/^([a-z0-9]+(-[a-z0-9]+)*)?$/)
      expect(slug.length).toBeLessThanOrEqual(96)
    }
  })
})
