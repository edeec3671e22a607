import {REVIEW_STATUSES} from '../../domain/review-status.ts'
import {diagnosticJson, fromSourceProblem, type DiagnosticGroup, type DiagnosticJson} from '../diagnostic.ts'
import {REPORT_WIDTH, reportDiagnostics, wrap, type ReportOptions} from '../diagnostic-report.ts'
import {articleChecks} from './checks.ts'
import type {SourceValidation} from './validate-source.ts'

/** The printed report: one block per article with findings, then the source's problems, the tally and the summary. */
export function formatReport(result: SourceValidation, options: ReportOptions = {}): string {
  const groups: DiagnosticGroup[] = result.articles.map((entry) => ({
    name: entry.slug || entry.documentId,
    documentId: entry.documentId,
    diagnostics: entry.validation.findings,
  }))
  if (result.problems.length > 0) groups.push({name: result.label, diagnostics: result.problems.map(fromSourceProblem)})
  const body = reportDiagnostics(groups, options)
  const summary = wrap(summaryLine(result), options.width ?? REPORT_WIDTH, '', '  ').join('\n')
  return `${body}${body ? '\n' : ''}${summary}\n`
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
  const problems =
    result.problems.length > 0
      ? ` · ${result.problems.length} source problem${result.problems.length === 1 ? '' : 's'} in ${result.label}`
      : ''
  const noun = result.articles.length === 1 ? 'article' : 'articles'
  return `${result.articles.length} ${noun} as of ${result.asOf}: ${blocked} blocked · ${counts.join(', ')}${problems}`
}

/** One `--json` line per diagnostic: the articles' (with the article's slug), then the source's problems. */
export function jsonFindings(result: SourceValidation): DiagnosticJson[] {
  const findings = result.articles.flatMap((entry) =>
    entry.validation.findings.map((finding) => diagnosticJson(finding, entry.slug)),
  )
  return [...findings, ...result.problems.map((problem) => diagnosticJson(fromSourceProblem(problem), null))]
}

/** Every rule the engine runs, once each: id, default severity, source and what it checks. */
export function formatRules(): string {
  const rows = articleChecks.filter(
    (check, index) => articleChecks.findIndex((other) => other.ruleId === check.ruleId) === index,
  )
  const width = Math.max(...rows.map((check) => check.ruleId.length))
  return `${rows.map((check) => `${check.ruleId.padEnd(width)}  ${check.severity.padEnd(7)}  ${check.description}`).join('\n')}\n`
}
