export {defineRule, type PathSegment, type RuleDefinition, type RuleFinding, type RuleIssue, type Severity} from './rule.ts'
export {
  authorRoleRule,
  citationExistsRule,
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
