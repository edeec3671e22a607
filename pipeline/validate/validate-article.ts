import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {documentLookup, type LinkedDocument} from '../../schemas/rules/lookup.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import {articleChecks} from './checks.ts'
import type {ArticleContext} from './check.ts'
import {pathToString} from './path.ts'
import type {ArticleValidation, Finding, ValidateArticleInput} from './types.ts'

/**
 * Runs every rule on one resolved article and reports the findings twice: as plain objects (for `--json`,
 * the export's gate and tests) and as vfile messages (for vfile-reporter). Synchronous and free of I/O:
 * the caller resolves the article, its review state and the as-of date.
 */
export function validateArticle(input: ValidateArticleInput): ArticleValidation {
  const context: ArticleContext = {
    article: input.article,
    settings: input.settings,
    review: input.review,
    asOf: input.asOf,
    severity: reviewSeverity(input),
    slugOwners: input.slugOwners,
    lookup: documentLookup(linkedDocuments(input.article)),
  }
  const findings = articleChecks.flatMap((check) => check.run(context))
  const blocked = findings.some((finding) => finding.severity === 'error' || (input.strict === true && finding.severity === 'warning'))
  return {findings, blocked, messages: findingsToMessages(input.article, findings)}
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

/**
 * One file per article, named by its slug. vfile places are lines and columns, which documents do not have,
 * so the document path leads the reason (`body[_key=="a1"].children[_key=="s2"]: …`) and is kept on the
 * message as `documentId` and `fieldPath` for programs; the finding's own words are unchanged in `Finding`.
 */
export function findingsToMessages(article: {_id: string; slug: string | null}, findings: readonly Finding[]): DocumentMessage[] {
  // An empty slug is no name (vfile refuses an empty path): the id names the file then.
  const file = new VFile({path: article.slug || article._id})
  return findings.map((finding) => {
    const where = [finding.documentId === article._id ? '' : finding.documentId, pathToString(finding.path)].filter(Boolean).join(' › ')
    const [problem, advice] = splitAdvice(finding.message)
    const reason = `${where ? `${where}: ` : ''}${problem}${advice ? `\n    ${advice}` : ''}`
    const message = file.message(reason, {ruleId: finding.ruleId, source: finding.source}) as DocumentMessage
    // vfile's convention: fatal true is an error, false a warning, undefined an info.
    message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined
    message.documentId = finding.documentId
    message.fieldPath = pathToString(finding.path)
    return message
  })
}

/**
 * What is wrong, then what to do: vfile-reporter prints a reason's first line in its table and the rest below,
 * so the advice goes on its own line and the table stays readable.
 */
function splitAdvice(message: string): [string, string] {
  const match = /(?<=[.!?”)])\s+(?=[A-Z“])/.exec(message)
  return match ? [message.slice(0, match.index), message.slice(match.index + match[0].length)] : [message, '']
}

export interface DocumentMessage extends VFileMessage {
  documentId: string
  fieldPath: string
}
