export {canonicalJson} from './canonical-json.ts'
export {contentHash, reviewableContent, type CitationLookup, type HashableArticle} from './content-hash.ts'
export {addMonths, daysBetween, isIsoDate, isoDateOf} from './dates.ts'
export {
  DEFAULT_DUE_SOON_DAYS,
  DEFAULT_REVIEW_INTERVAL_MONTHS,
  REVIEW_STATUSES,
  reviewState,
  type ReviewPolicy,
  type ReviewRecord,
  type ReviewState,
  type ReviewStatus,
} from './review-status.ts'
export {defineRule, type PathSegment, type RuleDefinition, type RuleFinding, type RuleIssue, type Severity} from './rule.ts'
export {
  authorRoleRule,
  citationExistsRule,
  citationUrlProblems,
  citationUrlRule,
  dateOrderRule,
  doiFormatRule,
  effectiveScheme,
  headingOrderRule,
  isoDateRule,
  isSafeLinkUrl,
  issuedFormatRule,
  linkUrlProblems,
  linkUrlRule,
  pmcidFormatRule,
  pmidFormatRule,
  publishedId,
  reviewDateRule,
  reviewerQualifiedRule,
  slugFormatRule,
  slugUniqueRule,
  summaryLengthRule,
  type SlugUniqueContext,
} from './fields/index.ts'
export {defineLookupRule, documentLookup, type DocumentLookup, type LinkedDocument, type LookupRuleDefinition} from './lookup.ts'
