import {describe, expect, it} from 'vitest'
import {webUrl} from '../pipeline/render/site-url.ts'

describe('web addresses from settings (site, publisher, policy)', () => {
  it('keeps an http(s):// address as given, and takes one with an upper-case scheme as a browser resolves it', () => {
    expect(webUrl(' https://example.org ')).toBe('https://example.org')
    expect(webUrl('HTTPS://Example.org/About')).toBe('https://example.org/About')
  })

  it('gives null for anything else, so no page or article.json carries it', () => {
    for (const value of [
      null,
      undefined,
      '',
      'mailto:editor@example.org',
      'example.org',
      'https://exa mple.org',
      'javascript:alert(1)',
    ])
      expect(webUrl(value)).toBeNull()
  })
})
