export {citationExistsRule} from './citations.ts'
export {dateOrderRule, isoDateRule, issuedFormatRule, reviewDateRule} from './dates.ts'
export {
  figureAltLengthRule,
  figureAltMissingRule,
  figureAltPrefixRule,
  figureAssetMissingRule,
  figureCaptionRepeatsAltRule,
  figureCreditMissingRule,
  figureDecorativeAltRule,
  figureLicenceMissingRule,
  figureRules,
  type FigureValue,
} from './figures.ts'
export {headingOrderRule} from './headings.ts'
export {journalAbbreviationRule} from './journal-abbreviation.ts'
export {LANGUAGE_TAG, languageTagRule} from './language.ts'
export {orphanMarkerRule, orphanMarkersIn} from './orphan-markers.ts'
export {doiFormatRule, pmcidFormatRule, pmidFormatRule} from './identifiers.ts'
export {authorRoleRule, reviewerQualifiedRule} from './people.ts'
export {publishedId, slugFormatRule, slugUniqueRule, type SlugUniqueContext} from './slug.ts'
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
