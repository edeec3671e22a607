export {citationExistsRule} from './citations.ts'
export {dateOrderRule, isoDateRule, issuedFormatRule, reviewDateRule} from './dates.ts'
export {headingOrderRule} from './headings.ts'
export {doiFormatRule, pmcidFormatRule, pmidFormatRule} from './identifiers.ts'
export {authorRoleRule, reviewerQualifiedRule} from './people.ts'
export {publishedId, RESERVED_SLUGS, SLUG_MAX_LENGTH, SLUG_PATTERN, WINDOWS_DEVICE_NAMES, slugFormatRule, slugUniqueRule, type SlugUniqueContext} from './slug.ts'
export {SUMMARY_HARD_LIMIT, SUMMARY_SOFT_LIMIT, summaryLengthRule} from './summary.ts'
export {
  ALLOWED_LINK_SCHEMES,
  citationUrlProblems,
  citationUrlRule,
  effectiveScheme,
  isSafeLinkUrl,
  linkUrlProblems,
  linkUrlRule,
} from './urls.ts'
