import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {REVIEW_STATUSES} from '../../schemas/rules/review-status.ts'
import {articleChecks} from './checks.ts'
import type {SourceProblem} from '../source/types.ts'
import {pathToString} from './path.ts'
import type {Severity} from './types.ts'
import type {SourceValidation} from './validate-source.ts'

/** One `--json` line: a finding, or a source problem (which has no slug and maybe no document). */
export interface JsonFinding {
  ruleId: string
  severity: Severity
  documentId: string | null
  slug: string | null
  path: string
  message: string
  source: string
}

/** vfile-reporter output, one group per article (articles without findings included), then the source's problems. */
export function formatReport(result: SourceValidation, options: {color?: boolean} = {}): string {
  const files = result.articles.map((entry) => {
    const file = new VFile({path: entry.slug ?? entry.documentId})
    file.messages.push(...entry.validation.messages)
    return file
  })
  if (result.problems.length > 0) {
    const file = new VFile({path: result.label})
    for (const problem of result.problems) {
      const message = file.message(problem.message, {ruleId: problem.ruleId, source: 'vetted:source'})
      message.fatal = true
    }
    files.push(file)
  }
  const body = files.length > 0 ? reporter(files, {color: options.color ?? false}) : ''
  return `${body}${body ? '\n\n' : ''}${summaryLine(result)}\n`
}

/**
 * “7 articles as of 2026-11-26: 1 blocked · unreviewed 0, current 2, due-soon 1, …”. A blocked article is counted
 * as blocked only, never under a review status: a count of `current` promises articles that go out with that claim.
 */
export function summaryLine(result: SourceValidation): string {
  const blocked = result.articles.filter((entry) => entry.validation.blocked).length
  const publishable = result.articles.filter((entry) => !entry.validation.blocked)
  const counts = REVIEW_STATUSES.map((status) => {
    const count = publishable.filter((entry) => entry.status === status).length
    return `${status} ${count}`
  })
  const problems = result.problems.length > 0 ? ` · ${result.problems.length} source problem${result.problems.length === 1 ? '' : 's'} in ${result.label}` : ''
  const noun = result.articles.length === 1 ? 'article' : 'articles'
  return `${result.articles.length} ${noun} as of ${result.asOf}: ${blocked} blocked · ${counts.join(', ')}${problems}`
}

export function jsonFindings(result: SourceValidation): JsonFinding[] {
  const findings: JsonFinding[] = result.articles.flatMap((entry) =>
    entry.validation.findings.map((finding) => ({
      ruleId: finding.ruleId,
      severity: finding.severity,
      documentId: finding.documentId,
      slug: finding.slug,
      path: pathToString(finding.path),
      message: finding.message,
      source: finding.source,
    })),
  )
  return [...findings, ...result.problems.map(problemToJson)]
}

function problemToJson(problem: SourceProblem): JsonFinding {
  const place = problem.path ?? (problem.file && problem.line !== undefined ? `${problem.file}:${problem.line}` : '')
  return {ruleId: problem.ruleId, severity: 'error', documentId: problem.documentId ?? null, slug: null, path: place, message: problem.message, source: 'vetted:source'}
}

/** Every rule the engine runs, once each: id, default severity, source and what it checks. */
export function formatRules(): string {
  const rows = articleChecks.filter((check, index) => articleChecks.findIndex((other) => other.ruleId === check.ruleId) === index)
  const width = Math.max(...rows.map((check) => check.ruleId.length))
  return `${rows.map((check) => `${check.ruleId.padEnd(width)}  ${check.severity.padEnd(7)}  ${check.description}`).join('\n')}\n`
}
