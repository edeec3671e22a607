import path from 'node:path'
import {REVIEW_STATUSES} from '../../domain/review-status.ts'
import {diagnosticText, reportDiagnostics, type Diagnostic} from '../diagnostic.ts'
import type {ExportResult} from './index.ts'
import {SLUG_PATTERN, type ArticleFindings} from './plan.ts'
import {ARTICLE_STATUSES} from './release/manifest.ts'

/**
 * What the export tells people: the progress while it runs (stderr), and at the end what happened, every
 * diagnostic, and where the release is (stdout).
 */

/** The end-of-export summary. */
export function exportReport(result: ExportResult, outLabel: string, options: {color?: boolean} = {}): string {
  const {counts} = result.manifest
  const {rendered, reused, kept, blocked} = result.summary
  const lines: string[] = []
  if (result.findings.length > 0) lines.push(reportFindings(result.findings, options).trimEnd(), '')
  for (const problem of result.sourceProblems) lines.push(`source: ${problem.message} [${problem.ruleId}]`)
  lines.push(
    `Articles: ${counts.articles} (${ARTICLE_STATUSES.map((status) => `${counts.byStatus[status]} ${status}`).join(', ')})`,
    `Review status: ${REVIEW_STATUSES.map((status) => `${counts.byReviewStatus[status]} ${status}`).join(', ')}`,
    `Work: ${rendered} rendered, ${reused} reused unchanged, ${kept} kept at their last good version, ${blocked} blocked`,
    `Release: ${joinPath(outLabel, result.release)} (${joinPath(outLabel, 'current')} now points to it)`,
  )
  if (reused > 0)
    lines.push(
      `Reused articles were not checked again (their inputs are unchanged); \`npx vetted validate\` lists every finding.`,
    )
  if (kept + blocked > 0)
    lines.push('Some articles were not published as they stand: fix the findings above and export again.')
  return `${lines.join('\n')}\n`
}

/** The summary as JSON (`--json`): the result, each diagnostic flat with its text in `message`, as the manifest has it. */
export function exportJson(result: ExportResult, outLabel: string): string {
  const {releaseId, summary, sourceProblems, removedLeftovers, prunedReleases, manifest} = result
  const findings = result.findings.map((article) => ({
    ...article,
    findings: article.findings.map((finding) => flatFinding(finding, article.slug)),
  }))
  const release = path.join(outLabel, result.release)
  const json = {
    releaseId,
    release,
    summary,
    findings,
    sourceProblems,
    removedLeftovers,
    prunedReleases,
    counts: manifest.counts,
    asOf: manifest.asOf,
  }
  return `${JSON.stringify(json, null, 2)}\n`
}

function flatFinding(finding: Diagnostic, slug: string | null): Record<string, unknown> {
  const {ruleId, severity, place, source} = finding
  return {
    ruleId,
    severity,
    documentId: place.documentId,
    path: place.path,
    message: diagnosticText(finding),
    slug,
    source,
  }
}

/** Diagnostics the way `npx vetted validate` shows them: one group per article, then a closing tally. */
export function reportFindings(articles: readonly ArticleFindings[], options: {color?: boolean} = {}): string {
  const groups = articles.map((article) => ({
    name: article.slug && SLUG_PATTERN.test(article.slug) ? article.slug : article.id,
    documentId: article.id,
    diagnostics: article.findings,
  }))
  return groups.length > 0 ? `${reportDiagnostics(groups, options)}\n` : ''
}

function joinPath(dir: string, name: string): string {
  return `${dir.replace(/\/+$/, '')}/${name}`
}

/**
 * Progress on stderr. On a terminal: one redrawn bar (done/total, rate, ETA), at most ten times a second.
 * In CI or a pipe: a plain line every `every` articles and at the end, so logs stay short and greppable.
 * Times here are for people watching; nothing measured here reaches a release.
 */

export interface ProgressOptions {
  isTty: boolean
  write: (text: string) => void
  /** Plain mode: print a line every this many articles. @defaultValue 100 */
  every?: number
  /** Injectable clock (milliseconds) for tests. @defaultValue performance.now */
  now?: () => number
  /** Bar width in characters. @defaultValue 30 */
  width?: number
}

export interface Progress {
  update: (done: number, total: number) => void
  finish: () => void
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const every = options.every ?? 100
  const width = options.width ?? 30
  const started = now()
  let lastDraw = -Infinity
  let drawn = false
  let last = {done: 0, total: 0}

  const line = (done: number, total: number): string => {
    const seconds = Math.max((now() - started) / 1000, 1e-3)
    const rate = done / seconds
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : null
    return `${done}/${total} articles · ${rate.toFixed(rate < 10 ? 1 : 0)}/s · ETA ${eta === null ? '?' : formatSeconds(eta)}`
  }

  return {
    update(done, total) {
      last = {done, total}
      if (options.isTty) {
        const time = now()
        if (time - lastDraw < 100 && done < total) return
        lastDraw = time
        const filled = total > 0 ? Math.round((done / total) * width) : width
        options.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(done, total)}\u001b[K`)
        drawn = true
      } else if (done % every === 0 || done === total) {
        options.write(`export: ${line(done, total)}\n`)
      }
    },
    finish() {
      if (options.isTty && drawn) options.write('\r\u001b[K')
      else if (!options.isTty && last.done % every !== 0 && last.done !== last.total)
        options.write(`export: ${line(last.done, last.total)}\n`)
    },
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
}
