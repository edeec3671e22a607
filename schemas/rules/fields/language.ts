import {defineRule} from '../rule.ts'

/**
 * A BCP 47 tag as article.json states the language (language, optional script, region and variants): the same
 * expression as its schema's `language` (`tests/schema-language.test.ts` holds them equal), so an article the rule
 * passes is never refused at export.
 */
export const LANGUAGE_TAG =
  /^[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$/

/** Readers' software (screen readers, translation, hyphenation) reads the article's language from its tag. */
export const languageTagRule = defineRule<string | null | undefined>({
  id: 'language-tag',
  severity: 'error',
  description: 'The language is a BCP 47 tag, such as en or en-GB.',
  check(value) {
    const tag = typeof value === 'string' ? value.trim() : ''
    if (tag === '' || LANGUAGE_TAG.test(tag)) return []
    return [{message: `“${tag}” is not a language tag. Write a BCP 47 tag, such as en, en-GB or es-419.`}]
  },
})
