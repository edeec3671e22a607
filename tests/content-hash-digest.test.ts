import {describe, expect, it} from 'vitest'
import {canonicalJson} from '../domain/canonical-json.ts'
import {contentHash, reviewableContent, type HashableArticle} from '../domain/content-hash.ts'

/**
 * Under Node `contentHash` hashes with node:crypto, in the browser (the Studio's sign-off) with Web Crypto: both must
 * give the same hex digest of the same UTF-8 bytes, lone surrogates and astral characters included.
 */
async function webCryptoHash(article: HashableArticle): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(reviewableContent(article, () => null)))
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes)
  return Buffer.from(digest).toString('hex')
}

const block = (text: string) => ({
  _type: 'block',
  _key: 'a',
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: 's', text, marks: []}],
})

describe('contentHash under Node', () => {
  it.each([
    ['plain text', 'Wash your hands.'],
    ['accents and symbols', 'Café – 5 µg ≥ 2 °C “quoted”'],
    ['an astral character', 'Emoji 🙂 and 𝑥'],
    ['a lone surrogate', 'broken \ud800 pair \udc00 here'],
    ['a NUL and controls', 'a\u0000b\u0007c'],
  ])('equals the Web Crypto digest for %s', async (_, text) => {
    const article: HashableArticle = {title: text, summary: null, body: [block(text)], safetyNotice: text}
    expect(await contentHash(article, () => null)).toBe(await webCryptoHash(article))
  })
})
