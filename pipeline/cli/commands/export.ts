import {availableParallelism} from 'node:os'
import path from 'node:path'
import {runExport, type ExportOptions, type ExportResult, type ExportStages} from '../../export/index.ts'
import type {ArticleFindings} from '../../export/plan.ts'
import {FORMATS, type Format} from '../../export/options.ts'
import {ExportLockedError} from '../../export/release/lock.ts'
import {ExportError} from '../../export/release/safety.ts'
import {createProgress, writeExportJson, writeExportReport} from '../../export/report.ts'
import {SourceError} from '../../source/errors.ts'
import {openSource} from '../../source/open.ts'
import {chunked} from '../../stream-file.ts'
import {parseOptions, resolveAsOf} from '../options.ts'
import {reportFlags, reportOptions} from '../report-options.ts'
import {parsePolicy, parseSeverity} from '../review-options.ts'
import {UsageError} from '../run.ts'
import type {Command, CommandIo} from '../run.ts'
import {exportCommandBase} from '../export-bounded.ts'
import {defaultMaxMemory, exportHeapLimits, parseMaxMemory} from '../memory.ts'

/** What the command runs: the shipped stages, or stand-ins in the kill test, which exercises only the release mechanics. */
export interface ExportCommandStages {
  stages: () => Promise<ExportStages>
}

export function createExportCommand(wiring: ExportCommandStages): Command {
  return {...exportCommandBase, run: (argv, io) => runExportCommand(argv, io, wiring)}
}

/** The real stages load on first use, so `--help` and the other commands do not pay for the renderer's modules. */
export const exportCommand: Command = createExportCommand({
  stages: async () => (await import('../../export/stages.ts')).realExportStages(),
})

async function runExportCommand(argv: string[], io: CommandIo, wiring: ExportCommandStages): Promise<number> {
  const parsed = parseOptions(argv, {
    accept: ['dataset', 'as-of', 'strict', 'out', 'json'],
    extra: {
      formats: {type: 'string'},
      keep: {type: 'string'},
      workers: {type: 'string'},
      'max-memory': {type: 'string'},
      full: {type: 'boolean'},
      'allow-shrink': {type: 'boolean'},
      'no-fsync': {type: 'boolean'},
      timings: {type: 'string'},
      severity: {type: 'string', multiple: true},
      policy: {type: 'string', multiple: true},
      report: {type: 'string'},
      ...reportFlags,
    },
  })
  const report = reportOptions(parsed.extra, io)
  const reportAll = reportWhich(parsed.extra.report) === 'all'
  const severity = parseSeverity(parsed.extra.severity)
  const policy = parsePolicy(parsed.extra.policy)
  const outLabel = parsed.out ?? 'output'
  const workers = workerCount(parsed.extra.workers)
  const options: ExportOptions = {
    outDir: outLabel,
    dataset: parsed.dataset,
    asOf: resolveAsOf(parsed.asOf, io.env),
    strict: parsed.strict,
    ...(Object.keys(severity).length > 0 ? {severity} : {}),
    ...(Object.keys(policy).length > 0 ? {policy} : {}),
    formats: parseFormats(parsed.extra.formats),
    keep: positiveInteger(parsed.extra.keep, '--keep', 3),
    full: parsed.extra.full === true,
    allowShrink: parsed.extra['allow-shrink'] === true,
    fsync: parsed.extra['no-fsync'] !== true,
    workers,
    heapLimits: threadLimits(parsed.extra['max-memory'], workers),
    ...(typeof parsed.extra.timings === 'string' ? {timings: path.resolve(io.cwd, parsed.extra.timings)} : {}),
    cwd: io.cwd,
    env: io.env,
  }
  const columns = io.columns?.stderr
  const progress = createProgress({isTty: io.isTty, write: io.stderr, ...(columns ? {columns} : {})})
  let result
  try {
    result = await runExport(options, await wiring.stages(), {onProgress: progress.update})
  } catch (error) {
    progress.finish()
    if (error instanceof SourceError || error instanceof ExportLockedError || error instanceof ExportError) {
      // The problems first (a failed verify's), so the last line, which `serve` reports, is what happened.
      if (error instanceof ExportError) for (const problem of error.problems) io.stderr(`  ${problem}\n`)
      io.stderr(`vetted export: ${error.message} No release was switched.\n`)
      return 2
    }
    throw error
  }
  progress.finish()
  // Written as it is made, in chunks of ~64 KiB: a report of 10,000 articles is never one string.
  const out = chunked(io.stdout)
  if (parsed.json) {
    writeExportJson(result, outLabel, out.write)
  } else {
    const reused = reportAll && result.summary.reused > 0 ? await reusedFindings(result, options) : undefined
    writeExportReport(result, outLabel, {...report, ...(reused ? {reused} : {})}, out.write)
  }
  out.end()
  const {kept, blocked} = result.summary
  return kept + blocked > 0 ? 1 : 0
}

/** The heap limits of the threads the export starts, from `--max-memory` (the CLI bounds the export's own thread). */
function threadLimits(value: unknown, workers: number): ExportOptions['heapLimits'] {
  const {worker, formatter} = exportHeapLimits(parseMaxMemory(value) ?? defaultMaxMemory(workers), workers)
  return {worker, formatter}
}

function reportWhich(value: unknown): 'all' | 'changed' {
  if (value === undefined || value === 'changed' || value === 'all') return value ?? 'changed'
  throw new UsageError(`--report takes \`changed\` or \`all\`, got \`${String(value)}\`.`)
}

/**
 * `--report all`: the findings of the articles the export reused without reading them, from validating the same
 * source again. Validation alone is cheap beside rendering; the reuse index stores no findings, and the manifest
 * only a blocked or kept article's.
 */
async function reusedFindings(result: ExportResult, options: ExportOptions): Promise<ArticleFindings[]> {
  const source = await openSource({dataset: options.dataset, env: options.env, cwd: options.cwd, damaged: 'report'})
  let validation
  try {
    // Loaded here: the rules' modules are a tenth of a re-export's start-up, and only `--report all` needs them.
    const {validateSource} = await import('../../validate/validate-source.ts')
    validation = await validateSource(source, {
      asOf: options.asOf,
      strict: options.strict,
      ...(options.severity ? {severity: options.severity} : {}),
    })
  } finally {
    await source.close()
  }
  const reported = new Set(result.findings.map((article) => article.id))
  const exported = new Set(result.manifest.articles.filter((a) => a.status === 'exported').map((a) => a.id))
  return validation.articles
    .filter((entry) => exported.has(entry.documentId) && !reported.has(entry.documentId))
    .filter((entry) => entry.validation.findings.length > 0)
    .map((entry) => ({id: entry.documentId, slug: entry.slug, findings: [...entry.validation.findings]}))
}

function parseFormats(value: unknown): Format[] {
  if (typeof value !== 'string') return [...FORMATS]
  const asked = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
  const unknown = asked.filter((item) => !(FORMATS as readonly string[]).includes(item))
  if (unknown.length > 0 || asked.length === 0) {
    throw new UsageError(`--formats takes a comma-separated list of ${FORMATS.join(', ')}; got \`${value}\`.`)
  }
  return FORMATS.filter((format) => asked.includes(format))
}

function positiveInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${option} takes a whole number of at least 1, got \`${String(value)}\`.`)
  return number
}

/** `--workers`: each worker holds a renderer and a citation engine (~150 MB), so more than the machine runs at once only costs memory. */
function workerCount(value: unknown): number {
  const workers = positiveInteger(value, '--workers', 1)
  const maxWorkers = availableParallelism()
  if (workers > maxWorkers) {
    const got = `got \`${workers}\``
    throw new UsageError(`--workers takes at most ${maxWorkers} on this machine (its available parallelism), ${got}.`)
  }
  return workers
}
