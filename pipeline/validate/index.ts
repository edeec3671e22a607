export {articleChecks} from './checks.ts'
export {formatReport, formatRules, jsonFindings, summaryLine} from './report.ts'
export type {ArticleValidation, FindingSource, ReviewSeverity, ValidateArticleInput} from './types.ts'
export {checkArticle, validateArticle} from './validate-article.ts'
export {
  validateSource,
  type SourceValidation,
  type ValidatedArticle,
  type ValidateSourceOptions,
} from './validate-source.ts'
