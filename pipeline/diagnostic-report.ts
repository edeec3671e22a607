import {formatPath, type Diagnostic, type DiagnosticGroup, type Severity} from './diagnostic.ts'

/**
 * The printed report of diagnostics: one block per group, each finding's place and reason wrapped to the width with
 * its rule id, the advice on its own indented line, repeated findings grouped, and a closing tally.
 *
 * Written here rather than with vfile-reporter: vfile-reporter pads every row to the longest message and has no
 * width, wrapping or grouping option, so a thousand-article report was ~600 characters a line and 3,594 lines.
 */

export type ReportLevel = 'quiet' | 'normal' | 'verbose'

export interface ReportOptions {
  /** Colour the severities (ANSI). @defaultValue false */
  color?: boolean
  /** Longest line, in characters: the terminal's columns, else 160. @defaultValue 160 */
  width?: number
  /**
   * `quiet`: errors only; `normal`: a rule that fires on `groupAt` articles or more is one line; `verbose`: every
   * finding. @defaultValue 'normal'
   */
  level?: ReportLevel
  /** How many articles a warning or info rule fires on before it is grouped. @defaultValue 5 */
  groupAt?: number
}

/** The width used when output is not a terminal. */
export const REPORT_WIDTH = 160
const MIN_WIDTH = 40
const LABEL = 9 // "  warning" — two spaces and the longest severity
const INDENT = ' '.repeat(LABEL + 2)
const NOTE_INDENT = ' '.repeat(LABEL + 4)
const COLORS: Record<Severity, string> = {error: '\u001b[31m', warning: '\u001b[33m', info: '\u001b[36m'}

export function reportDiagnostics(groups: readonly DiagnosticGroup[], options: ReportOptions = {}): string {
  const pieces: string[] = []
  writeDiagnostics(groups, options, (piece) => pieces.push(piece))
  return pieces.join('')
}

/**
 * `reportDiagnostics` piece by piece, an article's block at a time (the export's report of 10,000 articles is
 * written as it is made, never held as one string).
 */
export function writeDiagnostics(
  groups: readonly DiagnosticGroup[],
  options: ReportOptions,
  write: (piece: string) => void,
): void {
  const width = Math.max(MIN_WIDTH, Math.min(options.width ?? REPORT_WIDTH, 1000))
  const level = options.level ?? 'normal'
  const grouped = level === 'normal' ? groupedRules(groups, options.groupAt ?? 5) : new Map<string, number>()
  const shown = (item: Diagnostic): boolean =>
    level === 'quiet' ? item.severity === 'error' : !grouped.has(ruleKey(item))
  let written = false
  const block = (text: string): void => {
    write(written ? `\n\n${text}` : text)
    written = true
  }
  for (const group of groups) {
    const items = group.diagnostics.filter(shown)
    if (items.length === 0) continue
    const name = group.name || group.documentId || 'dataset'
    const lines = [options.color ? `\u001b[4m${name}\u001b[24m` : name]
    for (const item of items) lines.push(...findingLines(item, group, width, options.color === true))
    block(lines.join('\n'))
  }
  const summaries = [...grouped].map(([key, count]) => {
    const [ruleId, severity] = key.split('\0') as [string, Severity]
    const text = `${ruleId}: ${count.toLocaleString('en-US')} articles (${severity}), see \`--json\` or --verbose`
    return wrap(text, width, '', '  ').join('\n')
  })
  if (summaries.length > 0) block(summaries.join('\n'))
  const tally = tallyLine(groups, level)
  if (tally !== '') block(tally)
  if (written) write('\n')
}

function findingLines(item: Diagnostic, group: DiagnosticGroup, width: number, color: boolean): string[] {
  const {documentId, path} = item.place
  const other = group.documentId !== undefined && documentId !== null && documentId !== group.documentId
  // A problem in a dataset file names its file, line and field in its words already.
  const named = item.place.file === undefined ? [other ? documentId : '', formatPath(path)] : []
  const where = named.filter(Boolean).join(' › ')
  const label = `  ${item.severity.padEnd(LABEL - 2)}  `
  const text = `${where ? `${where}: ` : ''}${item.reason} [${item.ruleId}]`
  const lines = wrap(text, width, label, INDENT)
  if (color)
    lines[0] = `  ${COLORS[item.severity]}${item.severity}\u001b[39m${lines[0]!.slice(2 + item.severity.length)}`
  if (item.note) lines.push(...wrap(item.note, width, NOTE_INDENT, NOTE_INDENT))
  if (item.url) lines.push(...wrap(item.url, width, NOTE_INDENT, NOTE_INDENT))
  return lines
}

/** Warning and info rules that fire on `groupAt` articles or more, by rule and severity, with how many articles. */
function groupedRules(groups: readonly DiagnosticGroup[], groupAt: number): Map<string, number> {
  const articles = new Map<string, Set<string>>()
  for (const group of groups) {
    for (const item of group.diagnostics) {
      if (item.severity === 'error') continue // what blocks is always listed article by article
      const key = ruleKey(item)
      const seen = articles.get(key) ?? new Set<string>()
      seen.add(group.documentId ?? group.name)
      articles.set(key, seen)
    }
  }
  const out = new Map<string, number>()
  for (const [key, seen] of [...articles].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (seen.size >= groupAt) out.set(key, seen.size)
  }
  return out
}

function ruleKey(item: Diagnostic): string {
  return `${item.ruleId}\0${item.severity}`
}

function tallyLine(groups: readonly DiagnosticGroup[], level: ReportLevel): string {
  const counts: Record<Severity, number> = {error: 0, warning: 0, info: 0}
  for (const group of groups) for (const item of group.diagnostics) counts[item.severity]++
  const parts = (['error', 'warning', 'info'] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity].toLocaleString('en-US')} ${severity}${counts[severity] === 1 ? '' : 's'}`)
  if (parts.length === 0) return ''
  const hidden = level === 'quiet' && counts.warning + counts.info > 0 ? ' (only errors shown: --quiet)' : ''
  return `${parts.join(', ')}${hidden}`
}

/**
 * Greedy word wrap: the first line starts with `first`, the others with `rest`; a word longer than a line (a URL)
 * is cut, so no line is wider than `width`.
 */
export function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = []
  let line = first
  let empty = true
  const push = (): void => {
    lines.push(line.trimEnd())
    line = rest
    empty = true
  }
  for (let word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) push()
    while (line.length + (empty ? 0 : 1) + word.length > width) {
      const room = width - line.length - (empty ? 0 : 1)
      if (room < 10 && !empty) {
        push()
        continue
      }
      line += `${empty ? '' : ' '}${word.slice(0, room)}`
      word = word.slice(room)
      push()
    }
    if (word === '') continue
    line += `${empty ? '' : ' '}${word}`
    empty = false
  }
  if (!empty || lines.length === 0) lines.push(line.trimEnd())
  return lines
}
