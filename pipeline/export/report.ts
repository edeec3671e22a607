import path from 'node:path'
import {REVIEW_STATUSES} from '../../domain/review-status.ts'
import {REPORT_WIDTH, wrap, writeDiagnostics, type ReportOptions} from '../diagnostic-report.ts'
import {diagnosticText, type Diagnostic} from '../diagnostic.ts'
import {writePrettyJson} from '../stream-file.ts'
import type {ExportResult} from './index.ts'
import {SLUG_PATTERN, type ArticleFindings} from './plan.ts'
import {ARTICLE_STATUSES} from './release/manifest.ts'

/**
 * What the export tells people: the progress while it runs (stderr), and at the end what happened, every
 * diagnostic, and where the release is (stdout).
 */

/** The end-of-export summary. */
export function exportReport(
  result: ExportResult,
  outLabel: string,
  options: ReportOptions & {reused?: readonly ArticleFindings[]} = {},
): string {
  const pieces: string[] = []
  writeExportReport(result, outLabel, options, (piece) => pieces.push(piece))
  return pieces.join('')
}

/** `exportReport` piece by piece: the findings an article at a time, then the summary lines. */
export function writeExportReport(
  result: ExportResult,
  outLabel: string,
  options: ReportOptions & {reused?: readonly ArticleFindings[]},
  write: (piece: string) => void,
): void {
  const {counts} = result.manifest
  const {rendered, reused, kept, blocked} = result.summary
  const lines: string[] = []
  // `--report all`: the reused articles' findings, validated again for the report, in id order with the others.
  const findings = [...result.findings, ...(options.reused ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))
  if (findings.length > 0) {
    let any = false
    writeFindings(findings, options, (piece) => {
      any = true
      write(piece)
    })
    // The findings end in a newline; a blank line parts them from the summary.
    write(any ? '\n' : '\n\n')
  }
  for (const problem of result.sourceProblems) lines.push(`source: ${problem.message} [${problem.ruleId}]`)
  lines.push(
    `Articles: ${counts.articles} (${ARTICLE_STATUSES.map((status) => `${counts.byStatus[status]} ${status}`).join(', ')})`,
    `Review status: ${REVIEW_STATUSES.map((status) => `${counts.byReviewStatus[status]} ${status}`).join(', ')}`,
    `Work: ${rendered} rendered, ${reused} reused unchanged, ${kept} kept at their last good version, ${blocked} blocked`,
    `Release: ${joinPath(outLabel, result.release)} (${joinPath(outLabel, 'current')} now points to it)`,
  )
  if (reused > 0 && options.reused !== undefined)
    lines.push('Reused articles were validated again for this report (--report all); their render warnings are not.')
  else if (reused > 0)
    lines.push(
      `Reused articles were not checked again (their inputs are unchanged): \`--report all\` or \`npx vetted validate\` lists every finding.`,
    )
  if (kept + blocked > 0)
    lines.push('Some articles were not published as they stand: fix the findings above and export again.')
  const width = options.width ?? REPORT_WIDTH
  // The summary lines are wrapped here (the findings are fitted already).
  const fitted = lines.map((line) =>
    line.length > width && !line.includes('\n') ? wrap(line, width, '', '  ').join('\n') : line,
  )
  write(`${fitted.join('\n')}\n`)
}

/** The summary as JSON (`--json`): the result, each diagnostic flat with its text in `message`, as the manifest has it. */
export function exportJson(result: ExportResult, outLabel: string): string {
  const pieces: string[] = []
  writeExportJson(result, outLabel, (piece) => pieces.push(piece))
  return pieces.join('')
}

/** `exportJson` piece by piece, an article's findings at a time. */
export function writeExportJson(result: ExportResult, outLabel: string, write: (piece: string) => void): void {
  const {releaseId, summary, sourceProblems, removedLeftovers, prunedReleases, manifest} = result
  // Flattened lazily, an article at a time, as the array is written.
  const findings = result.findings.map((article) => ({
    toJSON: () => ({
      ...article,
      findings: article.findings.map((finding) => flatFinding(finding, article.slug)),
    }),
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
  writePrettyJson(json, 'findings', write)
  write('\n')
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
export function reportFindings(articles: readonly ArticleFindings[], options: ReportOptions = {}): string {
  const pieces: string[] = []
  writeFindings(articles, options, (piece) => pieces.push(piece))
  return pieces.join('')
}

function writeFindings(
  articles: readonly ArticleFindings[],
  options: ReportOptions,
  write: (piece: string) => void,
): void {
  const groups = articles.map((article) => ({
    name: article.slug && SLUG_PATTERN.test(article.slug) ? article.slug : article.id,
    documentId: article.id,
    diagnostics: article.findings,
  }))
  if (groups.length > 0) writeDiagnostics(groups, options, write)
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
  /** Longest bar in characters; it shrinks to fit `columns`. @defaultValue 30 */
  width?: number
  /** The terminal's width: the redrawn line never wraps. @defaultValue 80 */
  columns?: number
}

export interface Progress {
  update: (done: number, total: number) => void
  finish: () => void
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const every = options.every ?? 100
  const columns = options.columns ?? 80
  // The rate and ETA count from the first finished article: start-up (opening the source, loading the renderer,
  // reading the reuse index) is not per-article work, and counted in, it made a 25 s job open at "33m40s".
  let first: {time: number; done: number} | null = null
  let lastDraw = -Infinity
  let drawn = false
  let last = {done: 0, total: 0}

  const line = (done: number, total: number): string => {
    const time = now()
    const counted = first === null ? 0 : done - first.done
    const seconds = first === null ? 0 : (time - first.time) / 1000
    const rate = counted > 0 && seconds > 0 ? counted / seconds : null
    const eta = rate === null ? null : Math.ceil((total - done) / rate)
    const shown = rate === null ? '?' : rate.toFixed(rate < 10 ? 1 : 0)
    return `${done}/${total} articles · ${shown}/s · ETA ${done === total ? '0s' : eta === null ? '?' : formatSeconds(eta)}`
  }

  return {
    update(done, total) {
      last = {done, total}
      if (first === null && done > 0) first = {time: now(), done}
      if (options.isTty) {
        const time = now()
        if (time - lastDraw < 100 && done < total) return
        lastDraw = time
        const text = line(done, total)
        // "[" + bar + "] " + text, one column spare so the cursor never wraps.
        const width = Math.min(options.width ?? 30, columns - text.length - 4)
        const bar = width >= 5 ? `[${barOf(done, total, width)}] ` : ''
        options.write(`\r${bar}${text.slice(0, Math.max(columns - 1, 1))}\u001b[K`)
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

function barOf(done: number, total: number, width: number): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width
  return `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
}
