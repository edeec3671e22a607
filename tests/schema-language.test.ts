import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {LANGUAGE_TAG, languageTagRule} from '../schemas/rules/fields/index.ts'

describe('the article’s language tag (language-tag)', () => {
  it('is the expression article.json’s schema states the language with', () => {
    const schema = JSON.parse(readFileSync(new URL('../pipeline/render/article.schema.json', import.meta.url), 'utf8'))
    expect(LANGUAGE_TAG.source).toBe(schema.properties.language.pattern)
  })

  it('passes BCP 47 tags and an unset field (the required rule speaks then), and says what to write otherwise', () => {
    for (const value of ['en', ' en-GB ', 'zh-Hant-TW', 'es-419', '', null, undefined])
      expect(languageTagRule.check(value, undefined)).toEqual([])
    expect(languageTagRule.check('English', undefined)).toEqual([
      {message: '“English” is not a language tag. Write a BCP 47 tag, such as en, en-GB or es-419.'},
    ])
    expect(languageTagRule.check('en GB', undefined)).toHaveLength(1)
  })
})
