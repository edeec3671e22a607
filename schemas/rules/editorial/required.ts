import {defineRule, type RuleIssue} from '../rule.ts'

/**
 * The article fields the schema marks required (`Rule.required()`), for the pipeline: Sanity runs those
 * checks only inside its own validation, so an article imported or written through the API can lack them.
 * The export cannot build a page without a title, slug or body. Authors and the published date are the
 * trust rules' business.
 */
export const REQUIRED_ARTICLE_FIELDS = {
  title: 'Give the article a title.',
  slug: 'Generate a slug from the title.',
  summary: 'Write a short summary of the article.',
  language: 'Set the language of the article, such as en.',
  body: 'Write the body of the article.',
} as const

export type RequiredArticleFields = {[K in keyof typeof REQUIRED_ARTICLE_FIELDS]?: unknown}

export const requiredFieldsRule = defineRule<RequiredArticleFields>({
  id: 'required-field',
  severity: 'error',
  description: 'The article has a title, slug, summary, language and body.',
  check(article) {
    const issues: RuleIssue[] = []
    for (const [field, message] of Object.entries(REQUIRED_ARTICLE_FIELDS)) {
      const value = article[field as keyof RequiredArticleFields]
      const empty =
        value === null ||
        value === undefined ||
        (typeof value === 'string' && value.trim() === '') ||
        (Array.isArray(value) && value.length === 0)
      if (empty) issues.push({path: [field], message})
    }
    return issues
  },
})
