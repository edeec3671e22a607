import {mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The trust suite's figures (vectors tried, pages checked, accessibility violations, executions, ...). Each test
 * file counts its own and, when it finishes, writes them to `test-artifacts/trust/<file>.json`, then sums every
 * file's figures into `test-artifacts/trust-summary.json` and prints the summary line. Test files run in separate
 * processes, so the figures meet on disk; the file that finishes last prints the whole suite's totals.
 */

export const ARTIFACTS = path.resolve(fileURLToPath(new URL('../../test-artifacts', import.meta.url)))
const PARTS = path.join(ARTIFACTS, 'trust')

export const FIGURE_NAMES = [
  'vectorsTried',
  'placements',
  'pagesChecked',
  'violations',
  'executions',
  'consoleErrors',
  'failedRequests',
  'foreignRequests',
  'hostileSlugs',
  'canaryRuns',
  'leaks',
  'fuzzCases',
  'uncaught',
] as const
export type FigureName = (typeof FIGURE_NAMES)[number]
export type Figures = Record<FigureName, number>

export function newFigures(): Figures {
  return Object.fromEntries(FIGURE_NAMES.map((name) => [name, 0])) as Figures
}

export function recordFigures(part: string, figures: Figures): {summary: Figures; line: string} {
  mkdirSync(PARTS, {recursive: true})
  writeFileSync(
    path.join(PARTS, `${part}.json`),
    `${JSON.stringify({part, finishedAt: new Date().toISOString(), figures}, null, 2)}\n`,
  )
  const summary = newFigures()
  const parts: Record<string, Figures> = {}
  for (const name of readdirSync(PARTS)
    .filter((file) => file.endsWith('.json'))
    .sort()) {
    const entry = JSON.parse(readFileSync(path.join(PARTS, name), 'utf8')) as {part: string; figures: Partial<Figures>}
    parts[entry.part] = {...newFigures(), ...entry.figures}
    for (const figure of FIGURE_NAMES) summary[figure] += entry.figures[figure] ?? 0
  }
  writeFileSync(path.join(ARTIFACTS, 'trust-summary.json'), `${JSON.stringify({summary, parts}, null, 2)}\n`)
  const line =
    `trust suite: ${summary.vectorsTried} vectors tried (${summary.placements} placements), ${summary.pagesChecked} pages checked, ` +
    `${summary.violations} accessibility violations, ${summary.executions} script executions, ` +
    `${summary.consoleErrors + summary.failedRequests + summary.foreignRequests} console errors or failed/foreign requests, ` +
    `${summary.hostileSlugs} hostile slugs, ${summary.canaryRuns} canary runs with ${summary.leaks} leaks, ` +
    `${summary.fuzzCases} fuzz cases with ${summary.uncaught} uncaught exceptions (${Object.keys(parts).length} parts: ${Object.keys(parts).join(', ')})`
  process.stdout.write(`\n${line}\n`)
  return {summary, line}
}
