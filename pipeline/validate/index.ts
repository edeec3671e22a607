export {articleChecks} from './checks.ts'
export {pathToString} from './path.ts'
export type {ArticleValidation, Finding, FindingSource, ValidateArticleInput} from './types.ts'
export {findingsToMessages, validateArticle, type DocumentMessage} from './validate-article.ts'
