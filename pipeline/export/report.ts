import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {REVIEW_STATUSES} from '../../domain/review-status.ts'
import {pathToString} from '../validate/path.ts'
import {ARTICLE_STATUSES} from './manifest.ts'
import type {ExportResult} from './run-export.ts'
import {SLUG_PATTERN} from './slug.ts'
import type {ArticleFindings} from './plan-article.ts'

/** The end-of-export summary for people: what happened, every finding, and where the release is. */
export function exportReport(result: ExportResult, outLabel: string, formatFindings: (findings: readonly ArticleFindings[]) => string): string {
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
  if (reused > 0) lines.push(`Reused articles were not checked again (their inputs are unchanged); \`npx vetted validate\` lists every finding.`)
  if (kept + blocked > 0) lines.push('Some articles were not published as they stand: fix the findings above and export again.')
  return `${lines.join('\n')}\n`
}

/**
 * Findings the way `npx vetted validate` shows them: vfile-reporter, one group per article, the document path
 * leading each message, and a closing tally.
 */
export function reportFindings(articles: readonly ArticleFindings[], options: {color?: boolean} = {}): string {
  const files = articles.map((article) => {
    const file = new VFile({path: article.slug && SLUG_PATTERN.test(article.slug) ? article.slug : article.id})
    for (const finding of article.findings) {
      // A finding about another document (a cited source, an author) names it before the field path.
      const where = [finding.documentId === article.id ? '' : finding.documentId, pathToString(finding.path)].filter(Boolean).join(' › ')
      const message = file.message(where ? `${where}: ${finding.message}` : finding.message, {ruleId: finding.ruleId, source: finding.source ?? 'vetted'})
      // vfile's convention: fatal true is an error, false a warning, undefined an info.
      message.fatal = finding.severity === 'error' ? true : finding.severity === 'warning' ? false : undefined
    }
    return file
  })
  return files.length > 0 ? `${reporter(files, {color: options.color ?? false})}\n` : ''
}

function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`
}
