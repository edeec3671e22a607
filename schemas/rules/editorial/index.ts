export {bodyProse, bodyReadability, type BodyProse, type BodyReadability} from './body-readability.ts'
export {doubledWordRule} from './doubled-words.ts'
export {emptyBlockRule} from './empty-blocks.ts'
export {linkTextRule, VAGUE_LINK_TEXTS} from './link-text.ts'
export {INLINE_OBJECT, proseBlocks, textBlocks, type ProseValue, type TextBlock} from './portable-text.ts'
export {READING_GRADE_TARGETS, readingGradeRule, type ReadingGradeContext} from './reading-grade.ts'
export {reviewSignerRule, reviewUnsignedRule, type ReviewProvenanceValue} from './provenance.ts'
export {REQUIRED_ARTICLE_FIELDS, requiredFieldsRule} from './required.ts'
export type {ResolvedArticle, ResolvedCitation, ResolvedPerson, ResolvedReview} from './resolved.ts'
export {
  DEFAULT_REVIEW_SEVERITY,
  reviewChangesRequestedRule,
  reviewCurrencyRules,
  reviewDueSoonRule,
  reviewEditedRule,
  reviewOverdueRule,
  reviewUnreviewedRule,
  severityFor,
  type ReviewCurrencyContext,
  type ReviewSeverity,
} from './review-currency.ts'
export {missingSpaceRule} from './sentence-spacing.ts'
export {citationAccessedRule, citationCompleteRule, citationLocatorRule} from './sources.ts'
export {
  authorRequiredRule,
  PRE_PUBLICATION_REVIEW_DAYS,
  publicationDatesRule,
  reviewerPresentRule,
  reviewTimingRule,
} from './trust.ts'
