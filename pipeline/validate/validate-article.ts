import {VFile} from 'vfile'
import {toVFileMessage, type Diagnostic} from '../diagnostic.ts'
import {documentLookup, type LinkedDocument} from '../../schemas/rules/lookup.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import {withSharedTextBlocks} from '../../schemas/rules/editorial/portable-text.ts'
import {articleChecks} from './checks.ts'
import type {ArticleContext} from './check.ts'
import type {ArticleValidation, ValidateArticleInput} from './types.ts'

/**
 * Runs every rule on one resolved article and reports the diagnostics twice: as plain objects (for `--json`,
 * the export's gate and tests) and as vfile messages on one file named after the article. Synchronous and free of I/O:
 * the caller resolves the article, its review state and the as-of date.
 */
export function validateArticle(input: ValidateArticleInput): ArticleValidation {
  const {findings, blocked} = checkArticle(input)
  // An empty slug is no name (vfile refuses an empty path): the id names the file then.
  const file = new VFile({path: input.article.slug || input.article._id})
  return {findings, blocked, messages: findings.map((finding) => toVFileMessage(finding, file))}
}

/**
 * `validateArticle` without the vfile messages: what the export's gate reads (a message costs more to build than
 * the finding it repeats).
 */
export function checkArticle(input: ValidateArticleInput): Pick<ArticleValidation, 'findings' | 'blocked'> {
  const context: ArticleContext = {
    article: input.article,
    settings: input.settings,
    review: input.review,
    asOf: input.asOf,
    severity: reviewSeverity(input),
    slugOwners: input.slugOwners,
    lookup: documentLookup(linkedDocuments(input.article)),
  }
  // The language rules and the readability measure read the same Portable Text: extracted once for all of them.
  const findings = withSharedTextBlocks(() => {
    const all: Diagnostic[] = []
    for (const check of articleChecks) all.push(...check.run(context))
    return all
  })
  const blocked = findings.some(
    (finding) => finding.severity === 'error' || (input.strict === true && finding.severity === 'warning'),
  )
  return {findings, blocked}
}

/** The settings' field names for the review statuses (Sanity field names cannot contain hyphens). */
const SETTINGS_SEVERITY_FIELDS = {
  unreviewed: 'unreviewed',
  overdue: 'overdue',
  editedSinceReview: 'edited-since-review',
  changesRequested: 'changes-requested',
  dueSoon: 'due-soon',
} as const

/** Settings' `reviewSeverity` over the defaults, then the caller's (`--severity`) over both. */
function reviewSeverity(input: ValidateArticleInput): ReviewSeverity {
  const configured = input.settings?.reviewSeverity ?? {}
  const fromSettings: ReviewSeverity = {}
  for (const [field, status] of Object.entries(SETTINGS_SEVERITY_FIELDS)) {
    const level = configured[field as keyof typeof SETTINGS_SEVERITY_FIELDS]
    if (level) fromSettings[status] = level
  }
  return {...fromSettings, ...input.severity}
}

function linkedDocuments(article: ValidateArticleInput['article']): LinkedDocument[] {
  const people = [...(article.authors ?? []), ...article.reviews.map((review) => review.reviewer)]
  return [
    ...people.filter((person) => person !== null).map((person) => ({...person, _type: 'person'})),
    ...article.citations.map((citation) => ({_id: citation._id, _type: 'citation'})),
  ]
}
