import {REVIEW_STATUSES} from '../../schemas/rules/review-status.ts'
import {ARTICLE_STATUSES} from './manifest.ts'
import type {ExportResult} from './run-export.ts'
import type {ExportFinding} from './types.ts'

/** The end-of-export summary for people: what happened, every finding, and where the release is. */
export function exportReport(result: ExportResult, outLabel: string, formatFindings: (findings: readonly ExportFinding[]) => string): string {
  const {counts} = result.manifest
  const {rendered, reused, kept, blocked} = result.summary
  const lines: string[] = []
  if (result.findings.length > 0) lines.push(formatFindings(result.findings).trimEnd(), '')
  for (const problem of result.sourceProblems) lines.push(`source: ${problem.message} [${problem.ruleId}]`)
  lines.push(
    `Articles: ${counts.articles} (${ARTICLE_STATUSES.map((status) => `${counts.byStatus[status]} ${status}`).join(', ')})`,
    `Review status: ${REVIEW_STATUSES.map((status) => `${counts.byReviewStatus[status]} ${status}`).join(', ')}`,
    `Work: ${rendered} rendered, ${reused} reused unchanged, ${kept} kept at their last good version, ${blocked} blocked`,
    `Release: ${joinPath(outLabel, result.release)} (${joinPath(outLabel, 'current')} now points to it)`,
  )
  if (kept + blocked > 0) lines.push('Some articles were not published as they stand: fix the findings above and export again.')
  return `${lines.join('\n')}\n`
}

/** Findings grouped by article, one line each, in a writer's terms: where, what, which rule. */
export function plainFindings(findings: readonly ExportFinding[]): string {
  const byDocument = new Map<string, ExportFinding[]>()
  for (const finding of findings) byDocument.set(finding.documentId, [...(byDocument.get(finding.documentId) ?? []), finding])
  const blocks = [...byDocument].map(([documentId, list]) => {
    const slug = list.find((finding) => finding.slug)?.slug
    const rows = list.map((finding) => `  ${finding.severity.padEnd(7)} ${pathText(finding.path).padEnd(12)} ${finding.message}  ${finding.ruleId}`)
    return `${documentId}${slug ? ` (${slug})` : ''}\n${rows.join('\n')}`
  })
  const errors = findings.filter((finding) => finding.severity === 'error').length
  const warnings = findings.filter((finding) => finding.severity === 'warning').length
  return `${blocks.join('\n\n')}\n\n${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}\n`
}

function pathText(path: ExportFinding['path']): string {
  if (path.length === 0) return '(article)'
  return path
    .map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : typeof segment === 'string' ? `${index === 0 ? '' : '.'}${segment}` : `[_key=="${segment._key}"]`))
    .join('')
}

function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`
}
