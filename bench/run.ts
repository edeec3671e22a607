import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {benchImages, imageBenchSummary} from './images.ts'
import {readNdjsonLines} from '../pipeline/source/ndjson-lines.ts'
import {writeDataset} from './write-dataset.ts'

/**
 * `npm run bench [-- --n 10000 --small-n 1000 --workers 2 --runs 3 --quick --no-fsync --keep-data]`
 *
 * On one generated dataset, in one run: baselines A and B (bench/baseline.ts); the real CLI's cold export with the
 * citation cache empty and with it prefilled, 1 worker and `--workers` interleaved; a re-export with nothing changed;
 * a re-export with one article changed in steady state (releases at the keep limit, so the run prunes one); the same
 * cold exports at a small N for its peak RSS; then any extra sections. Every export is a child process of the real
 * CLI with the export's defaults (fsync on), timed by GNU time (wall, user+sys CPU of all its threads, peak RSS), so
 * start-up, workers and fsync count. Prints a table and the targets, and writes bench-results.json.
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const {values: args} = parseArgs({
  options: {
    n: {type: 'string'},
    'small-n': {type: 'string'},
    workers: {type: 'string', default: '2'},
    runs: {type: 'string'},
    quick: {type: 'boolean', default: false},
    'no-fsync': {type: 'boolean', default: false},
    'keep-data': {type: 'boolean', default: false},
    out: {type: 'string', default: path.join(root, 'bench-results.json')},
  },
})
const quick = args.quick === true
const n = Number(args.n ?? (quick ? 50 : 10_000))
const smallN = Number(args['small-n'] ?? (quick ? Math.max(10, Math.floor(n / 5)) : Math.min(1000, n)))
const workers = Number(args.workers)
const runs = Number(args.runs ?? (quick ? 1 : 3))
const fsync = args['no-fsync'] !== true
const AS_OF = '2026-11-26'
/** The export's default `--keep`: the one-changed runs start with this many releases, so each prunes one. */
const KEEP = 3
/** Where the export keeps its formatted references (`pipeline/export/citation-cache.ts`), relative to `--out`. */
const CITATION_CACHE = path.join('.cache', 'citations.ndjson')
const work = path.join(tmpdir(), 'vetted-bench')
mkdirSync(work, {recursive: true})
/** Output folders of finished runs, moved aside by `discard` and deleted after the last measured run. */
const trash = path.join(work, 'trash')
let discarded = 0

/**
 * Moves a finished run's output folder aside instead of deleting it. The cached cold rows, each right after a
 * deletion of 50,000 files, came out slower than the uncached ones, and `perf record` of an export after such a
 * deletion showed ext4 scanning its inode bitmaps for inodes not freed recently (`recently_deleted`,
 * `find_inode_bit`): most likely the cause, not yet confirmed by a full run. A user's export does not follow one.
 */
function discard(dir: string): void {
  if (!existsSync(dir)) return
  mkdirSync(trash, {recursive: true})
  renameSync(dir, path.join(trash, `${process.pid}-${discarded++}`))
}

export interface Measure {
  wallMs: number
  cpuMs: number
  maxRssMb: number
  /** The 1-minute load average just before the run (the machine is shared: a busy one slows every figure). */
  load1: number
  /** `cpuMs` split: the kernel's share (file-system work) moves with the disk's state, not with the code. */
  userMs: number
  sysMs: number
}

/** One row of the table and of bench-results.json (the smoke test reads them). */
export interface Row {
  name: string
  articles: number
  /** Articles actually validated and rendered (0 when everything was reused). */
  rendered: number
  wallMs: number
  cpuMs: number
  cpuMsPerArticle: number
  articlesPerSecond: number
  p50Ms: number | null
  p99Ms: number | null
  maxRssMb: number
  vsA: number | null
  vsB: number | null
  runs: Measure[]
  /** Wall ms of each step of the export (`--timings` stage lines, median over the runs): the profile behind the row. */
  stages?: Record<string, number>
}

/** One line of the target table. `met` is null when this run cannot tell (a size or worker count not asked). */
export interface Target {
  target: string
  goal: string
  measured: string
  met: boolean | null
}

/** What an extra section is given: the datasets, the baselines and the means to run and time a command. */
export interface BenchContext {
  root: string
  work: string
  n: number
  smallN: number
  runs: number
  quick: boolean
  fsync: boolean
  /** The generated datasets (NDJSON files), by size. */
  dataset: (count: number) => Promise<string>
  /** Baseline B's render CPU ms per article. */
  baselineB: number
  timed: typeof timed
  log: (line: string) => void
}

/** What an extra section adds to the table, the targets, the printed notes and bench-results.json (`sections`). */
export interface SectionResult {
  rows?: Row[]
  targets?: Target[]
  lines?: string[]
  data?: unknown
}

export interface BenchSection {
  name: string
  run: (context: BenchContext) => Promise<SectionResult>
}

/** Sections measured after the export rows, in this order (e.g. a per-image cost). */
const extraSections: BenchSection[] = [
  {
    // Issue 21: a cost per image, and a re-export with unchanged images that writes none of their bytes.
    name: 'images',
    run: async ({quick}) => {
      const data = await benchImages(quick ? {images: 3, articles: 6} : {})
      return {data, lines: [imageBenchSummary(data)]}
    },
  },
]

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Runs a command under GNU time; resolves with its measures and stdout. */
function timed(
  command: string[],
  options: {env?: NodeJS.ProcessEnv} = {},
): Promise<Measure & {stdout: string; code: number}> {
  const timeFile = path.join(work, `time-${process.pid}.txt`)
  const load1 = Number(loadavg()[0]!.toFixed(2))
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, ...command], {
      cwd: root,
      env: {...process.env, ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => {
      const [wall, user, sys, rss] = readFileSync(timeFile, 'utf8')
        .trim()
        .split('\n')
        .at(-1)!
        .split(' ')
        .map(Number) as [number, number, number, number]
      if (code !== 0 && code !== 1) {
        reject(new Error(`${command.join(' ')} exited ${code}: ${stderr.slice(-2000)}`))
        return
      }
      const measure = {
        wallMs: wall * 1000,
        cpuMs: (user + sys) * 1000,
        maxRssMb: rss / 1024,
        load1,
        userMs: user * 1000,
        sysMs: sys * 1000,
      }
      resolve({...measure, stdout, code: code ?? 0})
    })
  })
}

/** Only the figures go into bench-results.json (a command's output can be megabytes). */
function measureOf(result: Measure): Measure {
  const {wallMs, cpuMs, maxRssMb, load1, userMs, sysMs} = result
  return {wallMs, cpuMs, maxRssMb, load1, userMs, sysMs}
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2
}

function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

/** The dataset for (n, seed), generated once per version of the generator and kept in the temp folder. */
async function dataset(count: number): Promise<string> {
  const generator = createHash('sha256')
    .update(readFileSync(new URL('./generate.ts', import.meta.url)))
    .digest('hex')
    .slice(0, 8)
  const file = path.join(work, `dataset-${count}-${generator}.ndjson`)
  if (!existsSync(file)) {
    log(`generating ${count} articles → ${file}`)
    await writeDataset(`${file}.tmp`, {n: count, seed: 1, asOf: AS_OF})
    renameSync(`${file}.tmp`, file)
  }
  return file
}

function isPublishedArticle(doc: {_id: string; _type: string}): boolean {
  return (
    doc._type === 'article' &&
    doc._id.includes('.') &&
    !doc._id.startsWith('drafts.') &&
    !doc._id.startsWith('versions.')
  )
}

/** The distinct sources the published articles cite: what a cold export formats, each once. */
async function distinctCitedSources(file: string): Promise<number> {
  const sources = new Set<string>()
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) for (const item of value) collect(item)
    else if (typeof value === 'object' && value !== null) {
      const node = value as {_type?: unknown; citation?: {_ref?: unknown}; children?: unknown}
      if (node._type === 'citationMarker' && typeof node.citation?._ref === 'string') sources.add(node.citation._ref)
      if (node.children) collect(node.children)
    }
  }
  for await (const line of readNdjsonLines(file)) {
    if (line.bytes === null || line.length === 0) continue
    const doc = JSON.parse(line.bytes.toString('utf8')) as {_id: string; _type: string; body?: unknown}
    if (isPublishedArticle(doc)) collect(doc.body)
  }
  return sources.size
}

/** A copy of the dataset with one article's first span edited (same path each time, so the dataset label is unchanged). */
function editOneArticle(from: string, to: string, variant: number): void {
  const lines = readFileSync(from, 'utf8').split('\n')
  const index = lines.findIndex((line) => line.includes('"_id":"article.a000001"'))
  lines[index] = (lines[index] as string).replace('"text":"', `"text":"Edited ${variant}. `)
  writeFileSync(`${to}.tmp`, lines.join('\n'))
  renameSync(`${to}.tmp`, to)
}

const nodeBin = process.execPath
const cli = path.join(root, 'bin/vetted.js')

/** The export as a user runs it: its defaults (fsync, `--keep`), only the worker count and timings file added. */
function exportCommand(data: string, out: string, worker: number, timings?: string): string[] {
  return [
    nodeBin,
    cli,
    'export',
    '--dataset',
    data,
    '--out',
    out,
    '--as-of',
    AS_OF,
    ...(worker > 1 ? ['--workers', String(worker)] : []),
    ...(fsync ? [] : ['--no-fsync']),
    ...(timings ? ['--timings', timings] : []),
  ]
}

function readTimings(file: string): number[] {
  if (!existsSync(file)) return []
  return (
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as {id?: string; ms?: number})
      // The citation pre-pass adds a `{"citations": …}` line: only per-article lines are article times.
      .flatMap((line) => (typeof line.id === 'string' && typeof line.ms === 'number' ? [line.ms] : []))
  )
}

/** The export's steps and their wall ms (`{"stage": …, "ms": …}` lines of `--timings`), in order. */
function readStages(file: string): Array<[string, number]> {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as {stage?: string; ms?: number})
    .flatMap((line) => (typeof line.stage === 'string' && typeof line.ms === 'number' ? [[line.stage, line.ms]] : []))
}

function renderedCount(stdout: string): number {
  return Number(/(\d+) rendered/.exec(stdout)?.[1] ?? 0)
}

/**
 * A baseline's runs, each in a child process: measured all at once (`measureAll`), or one at a time between the
 * exports it is compared with (`measureOnce`), so a change in the machine's speed falls on both.
 */
class Baseline {
  private readonly measures: Measure[] = []
  private readonly perRun: Array<{renderCpuMs: number; times: number[]; articles: number}> = []

  private readonly mode: 'a' | 'b'
  private readonly data: string

  constructor(mode: 'a' | 'b', data: string) {
    this.mode = mode
    this.data = data
  }

  async measureOnce(): Promise<void> {
    log(`baseline ${this.mode.toUpperCase()}, measure ${this.perRun.length + 1}`)
    const result = await timed([nodeBin, path.join(root, 'bench/baseline.ts'), this.mode, this.data])
    this.measures.push(measureOf(result))
    this.perRun.push(JSON.parse(result.stdout) as {renderCpuMs: number; times: number[]; articles: number})
  }

  async measureAll(): Promise<this> {
    for (let run = 0; run < runs; run++) await this.measureOnce()
    return this
  }

  result(): {cpuMsPerArticle: number; row: Row} {
    const {perRun, measures, mode} = this
    const articles = perRun[0]!.articles
    const renderCpu = median(perRun.map((run) => run.renderCpuMs))
    const times = perRun.flatMap((run) => run.times)
    const wall = median(perRun.map((run) => run.times.reduce((a, b) => a + b, 0)))
    const name =
      mode === 'a'
        ? 'A: @portabletext/to-html, body → HTML (render only)'
        : 'B: unified PT→mdast→hast→HTML (render only)'
    // The baselines' own clocks around the render calls: process start and dataset loading are not theirs.
    const row = rowOf(name, articles, articles, {wallMs: wall, cpuMs: renderCpu}, measures, times)
    return {cpuMsPerArticle: row.cpuMsPerArticle, row}
  }
}

/** Measures and per-article times of one row, gathered over its runs. */
class Runs {
  readonly measures: Measure[] = []
  readonly times: number[] = []
  readonly stages: Array<Array<[string, number]>> = []
  rendered = 0

  async export(data: string, out: string, worker: number, timingsName?: string): Promise<void> {
    const timings = timingsName ? path.join(work, `timings-${timingsName}.jsonl`) : undefined
    if (timings) rmSync(timings, {force: true})
    const result = await timed(exportCommand(data, out, worker, timings))
    this.measures.push(measureOf(result))
    this.rendered = renderedCount(result.stdout)
    if (timings) {
      this.times.push(...readTimings(timings))
      this.stages.push(readStages(timings))
    }
  }

  row(name: string, articles: number): Row {
    const row = exportRow(name, articles, this.rendered, this.measures, this.times)
    const names = [...new Set(this.stages.flatMap((run) => run.map(([stage]) => stage)))]
    if (names.length === 0) return row
    const stageMs = (run: Array<[string, number]>, stage: string): number =>
      run.filter(([name]) => name === stage).reduce((sum, [, ms]) => sum + ms, 0)
    const stages = Object.fromEntries(
      names.map((stage) => [stage, median(this.stages.map((run) => stageMs(run, stage)))]),
    )
    return {...row, stages}
  }
}

interface ColdResult {
  rows: Row[]
  /** Entries in the citation cache the uncached run wrote (a cross-check of the distinct sources). */
  cacheEntries: number
  /** Per run, 1 worker's wall time over `workers`' (pairs run back to back). */
  speedups: number[]
  /** Per uncached run, the citation pre-pass thread's CPU ms per source it formatted (engine build included). */
  formattingCpuMsPerSource: number[]
}

/** The citation pre-pass's own figures (the `{"citations": …}` line of `--timings`), when it formatted something. */
function readPrepass(file: string): {formatted: number; formatCpuMs: number} | null {
  if (!existsSync(file)) return null
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{"citations"')) continue
    const {citations} = JSON.parse(line) as {citations: {formatted: number; formatCpuMs: number}}
    return citations.formatted > 0 ? citations : null
  }
  return null
}

/**
 * The cold exports of one size, interleaved per run: citations uncached (an empty folder), then with the citation
 * cache that run wrote copied into a fresh folder, 1 worker and `workers` alternately (1, W, 1, W, … so a change in
 * the machine's load falls on both). Baseline B, which the cached exports are measured against, runs right before and
 * right after them (`aroundCached`: B, 1, W, B), not between 1 and W, whose ratio is a target of its own: run once
 * before the uncached export, as it was until session 15, it was measured a minute and more before the export it
 * judged, while that export's CPU moved by a fifth from one round to the next on this machine (bench/README.md). The
 * last leaves a live release with a full cache in `out`.
 */
async function coldExports(
  data: string,
  count: number,
  workerCounts: number[],
  out: string,
  aroundCached?: () => Promise<void>,
): Promise<ColdResult> {
  const uncached = new Runs()
  const cached = new Map(workerCounts.map((worker) => [worker, new Runs()]))
  const uncachedOut = path.join(work, `out-${count}-uncached`)
  const cache = path.join(work, `citations-${count}.ndjson`)
  let cacheEntries = 0
  const formattingCpuMsPerSource: number[] = []
  for (let run = 0; run < runs; run++) {
    discard(uncachedOut)
    log(`N=${count}: cold export, citations uncached, 1 worker, run ${run + 1}/${runs}`)
    await uncached.export(data, uncachedOut, 1, `${count}-uncached-${run}`)
    const prepass = readPrepass(path.join(work, `timings-${count}-uncached-${run}.jsonl`))
    if (prepass) formattingCpuMsPerSource.push(prepass.formatCpuMs / prepass.formatted)
    const written = path.join(uncachedOut, CITATION_CACHE)
    if (!existsSync(written)) throw new Error(`the export wrote no citation cache at ${written}: update CITATION_CACHE`)
    copyFileSync(written, cache)
    cacheEntries = readFileSync(cache, 'utf8').trim().split('\n').length - 1
    discard(uncachedOut)
    for (const worker of workerCounts) {
      discard(out)
      mkdirSync(path.dirname(path.join(out, CITATION_CACHE)), {recursive: true})
      copyFileSync(cache, path.join(out, CITATION_CACHE))
      log(`N=${count}: cold export, citations cached, ${worker} worker(s), run ${run + 1}/${runs}`)
      if (worker === workerCounts[0]) await aroundCached?.()
      await cached.get(worker)!.export(data, out, worker, `${count}-${worker}-${run}`)
    }
    await aroundCached?.()
  }
  rmSync(cache, {force: true})
  const rows = [
    uncached.row(`cold export, citations uncached, 1 worker (N=${count})`, count),
    ...workerCounts.map((worker) =>
      cached.get(worker)!.row(`cold export, ${worker} worker${worker > 1 ? 's' : ''} (N=${count})`, count),
    ),
  ]
  const one = cached.get(1)!.measures
  const many = workerCounts.length > 1 ? cached.get(workerCounts.at(-1)!)!.measures : []
  const speedups = many.map((measure, run) => one[run]!.wallMs / measure.wallMs)
  return {rows, cacheEntries, speedups, formattingCpuMsPerSource}
}

/**
 * From the live release the cold exports left: re-exports with nothing changed, then with one article changed. The
 * one-changed runs start in steady state: unmeasured one-changed runs first bring the releases to the keep limit, so
 * every measured run also prunes the oldest release, as it does for a user who exports daily.
 */
async function reExports(
  data: string,
  live: string,
  count: number,
  out: string,
): Promise<{rows: Row[]; warmUps: number}> {
  const unchanged = new Runs()
  for (let run = 0; run < runs; run++) {
    log(`N=${count}: re-export, nothing changed, run ${run + 1}/${runs}`)
    await unchanged.export(live, out, 1, `${count}-unchanged-${run}`)
  }
  // The cold export made one release; each one-changed run adds one.
  const warmUps = KEEP - 1
  let variant = 0
  for (let run = 0; run < warmUps; run++) {
    editOneArticle(data, live, ++variant)
    log(`N=${count}: re-export, one article changed, to the keep limit ${run + 1}/${warmUps} (not measured)`)
    await timed(exportCommand(live, out, 1))
  }
  const changed = new Runs()
  for (let run = 0; run < runs; run++) {
    editOneArticle(data, live, ++variant)
    log(`N=${count}: re-export, one article changed, pruning, run ${run + 1}/${runs}`)
    await changed.export(live, out, 1, `${count}-changed-${run}`)
  }
  const rows = [
    unchanged.row(`re-export, nothing changed (N=${count})`, count),
    changed.row(`re-export, one article changed, pruning (N=${count})`, count),
  ]
  return {rows, warmUps}
}

function exportRow(name: string, articles: number, rendered: number, measures: Measure[], times: number[]): Row {
  return rowOf(
    name,
    articles,
    rendered,
    {wallMs: median(measures.map((m) => m.wallMs)), cpuMs: median(measures.map((m) => m.cpuMs))},
    measures,
    times,
  )
}

/** A table row from its wall and CPU time (medians), the runs' measures and the per-article times. */
function rowOf(
  name: string,
  articles: number,
  rendered: number,
  time: {wallMs: number; cpuMs: number},
  measures: Measure[],
  times: number[],
): Row {
  return {
    name,
    articles,
    rendered,
    ...time,
    cpuMsPerArticle: time.cpuMs / articles,
    articlesPerSecond: articles / (time.wallMs / 1000),
    p50Ms: percentile(times, 50),
    p99Ms: percentile(times, 99),
    maxRssMb: median(measures.map((m) => m.maxRssMb)),
    vsA: null,
    vsB: null,
    runs: measures,
  }
}

function format(value: number | null, digits = 1): string {
  return value === null ? '–' : value.toFixed(digits)
}

function markdownTable(header: string[], lines: string[][]): string {
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

function table(rows: Row[]): string {
  const header = ['', 'articles', 'rendered', 'wall s', 'CPU s', 'CPU ms/art', 'art/s', 'p50 ms', 'p99 ms']
  header.push('peak RSS MB', '×A', '×B', 'load')
  const lines = rows.map((row) => [
    row.name,
    String(row.articles),
    String(row.rendered),
    format(row.wallMs / 1000, 2),
    format(row.cpuMs / 1000, 2),
    format(row.cpuMsPerArticle, 2),
    format(row.articlesPerSecond, 0),
    format(row.p50Ms, 2),
    format(row.p99Ms, 2),
    format(row.maxRssMb, 0),
    format(row.vsA, 1),
    format(row.vsB, 1),
    row.runs.map((run) => run.load1.toFixed(1)).join(' '),
  ])
  return markdownTable(header, lines)
}

/** The profile behind the export rows: each step's wall time, median over the runs. */
function stageTable(rows: Row[]): string {
  const measured = rows.filter((row) => row.stages !== undefined)
  const stages = [...new Set(measured.flatMap((row) => Object.keys(row.stages!)))]
  const lines = measured.map((row) => [row.name, ...stages.map((stage) => format((row.stages![stage] ?? 0) / 1000, 2))])
  return markdownTable(['wall s per step', ...stages], lines)
}

function targetTable(targets: Target[]): string {
  const lines = targets.map((t) => [t.target, t.goal, t.measured, t.met === null ? '–' : t.met ? 'met' : 'missed'])
  return markdownTable(['target', 'goal', `measured (median of ${runs})`, ''], lines)
}

interface Derived {
  distinctSources: number
  citationCacheEntries: number
  /**
   * The citation pre-pass thread's CPU per source it formatted, engine build included (median over the uncached
   * runs): formatting each distinct source the first time. The target's figure.
   */
  firstFormattingCpuMsPerSource: number
  /**
   * (uncached − cached) cold export CPU and wall, 1 worker, over the distinct sources: the same cost seen from
   * outside, but the difference of two whole exports of minutes each, so run-to-run variation of the rest dominates.
   */
  uncachedMinusCachedCpuMsPerSource: number
  firstFormattingWallMsPerSource: number
  workerSpeedup: number | null
  workerSpeedupPerRun: number[]
  peakRssMb: {large: number; small: number | null}
  rssRatioLargeToSmall: number | null
}

/** The targets (issue 18, at N = 10,000; at another N or worker count the figures are indicative). */
function targets(rows: Map<string, Row>, derived: Derived, b: number): Target[] {
  const at = n === 10_000 ? '' : ` (N=${n}: indicative)`
  const cold = rows.get(`cold export, 1 worker (N=${n})`)!
  const unchanged = rows.get(`re-export, nothing changed (N=${n})`)!
  const changed = rows.get(`re-export, one article changed, pruning (N=${n})`)!
  const rss = [derived.peakRssMb.large, derived.peakRssMb.small ?? derived.peakRssMb.large]
  const list: Target[] = [
    {
      target: `cold export CPU per article, citations cached${at}`,
      goal: '≤ 10× B (stretch 8×)',
      measured: `${format(cold.cpuMsPerArticle, 2)} ms vs ${format(b, 2)} ms: ${format(cold.vsB, 1)}× B`,
      met: cold.vsB! <= 10,
    },
    {
      target: `first formatting of a distinct source${at}`,
      goal: '≤ 2 ms per source',
      measured:
        `${format(derived.firstFormattingCpuMsPerSource, 2)} ms CPU in the pre-pass thread × ${derived.distinctSources} ` +
        `sources (uncached − cached export: ${format(derived.uncachedMinusCachedCpuMsPerSource, 2)} ms CPU, ` +
        `${format(derived.firstFormattingWallMsPerSource, 2)} ms wall)`,
      met: derived.firstFormattingCpuMsPerSource <= 2,
    },
    {
      target: `peak RSS, N = ${smallN} and N = ${n}, 1 worker${at}`,
      goal: '≤ 400 MB at both (stretch 256 MB)',
      measured: `${format(rss[1]!, 0)} / ${format(rss[0]!, 0)} MB`,
      met: Math.max(...rss) <= 400,
    },
    {
      target: `re-export, one article changed, pruning included${at}`,
      goal: '≤ 2 s wall',
      measured: `${format(changed.wallMs / 1000, 2)} s`,
      met: changed.wallMs <= 2000,
    },
    {
      target: `re-export, nothing changed${at}`,
      goal: '≤ 1.0 s wall',
      measured: `${format(unchanged.wallMs / 1000, 2)} s`,
      met: unchanged.wallMs <= 1000,
    },
  ]
  if (derived.workerSpeedup !== null) {
    list.push({
      target: `${workers} workers vs 1, interleaved${at}`,
      goal: workers === 2 ? '≥ 1.6×' : '–',
      measured: `${format(derived.workerSpeedup, 2)}× (per run ${derived.workerSpeedupPerRun.map((r) => r.toFixed(2)).join(', ')})`,
      met: workers === 2 ? derived.workerSpeedup >= 1.6 : null,
    })
  }
  return list
}

async function main(): Promise<void> {
  // What a killed bench left aside, deleted before anything is measured (the baselines write no files).
  rmSync(trash, {recursive: true, force: true})
  const started = performance.now()
  const loadBefore = loadavg()
  const data = await dataset(n)
  const small = smallN !== n ? await dataset(smallN) : null
  const a = (await new Baseline('a', data).measureAll()).result()
  // B, the ratios' denominator, runs right before and right after each round's cached cold exports of the large size.
  const baselineB = new Baseline('b', data)
  // Every export of a size reads the same path, a copy the one-changed runs edit: the dataset's path is part of
  // every article's input fingerprint, so it must not change between the cold export and the re-exports.
  const live = path.join(work, `live-${n}.ndjson`)
  copyFileSync(data, live)
  const out = path.join(work, `out-${n}`)
  const large = await coldExports(live, n, [...new Set([1, workers])], out, () => baselineB.measureOnce())
  const b = baselineB.result()
  const again = await reExports(data, live, n, out)
  if (!args['keep-data']) discard(out)
  rmSync(live, {force: true})
  const smallOut = path.join(work, `out-${smallN}`)
  const smallCold = small ? await coldExports(small, smallN, [1], smallOut) : null
  discard(smallOut)
  rmSync(path.join(work, `time-${process.pid}.txt`), {force: true})
  const rows = [a.row, b.row, ...large.rows, ...again.rows, ...(smallCold?.rows ?? [])]
  const context: BenchContext = {
    root,
    work,
    n,
    smallN,
    runs,
    quick,
    fsync,
    dataset,
    baselineB: b.cpuMsPerArticle,
    timed,
    log,
  }
  const sections: Record<string, SectionResult> = {}
  for (const section of extraSections) {
    log(section.name)
    sections[section.name] = await section.run(context)
    rows.push(...(sections[section.name]!.rows ?? []))
  }
  rmSync(trash, {recursive: true, force: true})
  for (const row of rows.slice(2)) {
    row.vsA = row.cpuMsPerArticle / a.cpuMsPerArticle
    row.vsB = row.cpuMsPerArticle / b.cpuMsPerArticle
  }
  const byName = new Map(rows.map((row) => [row.name, row]))
  const coldUncached = byName.get(`cold export, citations uncached, 1 worker (N=${n})`)!
  const cold1 = byName.get(`cold export, 1 worker (N=${n})`)!
  const coldW = byName.get(`cold export, ${workers} workers (N=${n})`)
  /** The higher of the cached and uncached runs' peaks (the first export a user runs is the uncached one). */
  const peak = (count: number): number =>
    Math.max(
      byName.get(`cold export, 1 worker (N=${count})`)!.maxRssMb,
      byName.get(`cold export, citations uncached, 1 worker (N=${count})`)!.maxRssMb,
    )
  const distinctSources = await distinctCitedSources(data)
  const derived: Derived = {
    distinctSources,
    citationCacheEntries: large.cacheEntries,
    firstFormattingCpuMsPerSource: median(large.formattingCpuMsPerSource),
    uncachedMinusCachedCpuMsPerSource: (coldUncached.cpuMs - cold1.cpuMs) / distinctSources,
    firstFormattingWallMsPerSource: (coldUncached.wallMs - cold1.wallMs) / distinctSources,
    workerSpeedup: coldW ? cold1.wallMs / coldW.wallMs : null,
    workerSpeedupPerRun: large.speedups,
    peakRssMb: {large: peak(n), small: small ? peak(smallN) : null},
    rssRatioLargeToSmall: small ? peak(n) / peak(smallN) : null,
  }
  const targetList = [
    ...targets(byName, derived, b.cpuMsPerArticle),
    ...Object.values(sections).flatMap((section) => section.targets ?? []),
  ]
  const machine = {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    loadAverageBefore: loadBefore.map((value) => Number(value.toFixed(2))),
    loadAverageAfter: loadavg().map((value) => Number(value.toFixed(2))),
  }
  const results = {
    n,
    smallN,
    workers,
    runs,
    quick,
    fsync,
    keep: KEEP,
    oneChangedWarmUps: again.warmUps,
    asOf: AS_OF,
    machine,
    derived,
    targets: targetList,
    rows,
    sections,
    totalSeconds: (performance.now() - started) / 1000,
  }
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`)
  const print = (text: string): boolean => process.stdout.write(`${text}\n`)
  print(`${table(rows)}\n`)
  print(
    `Citations: ${distinctSources} distinct sources (${large.cacheEntries} cached entries); first formatting ` +
      `${format(derived.firstFormattingCpuMsPerSource, 2)} ms CPU per source in the pre-pass thread ` +
      `(uncached − cached cold export: ${format(derived.uncachedMinusCachedCpuMsPerSource, 2)} ms). ` +
      `${workers} workers vs 1: ${format(derived.workerSpeedup, 2)}× · peak RSS N=${n} / N=${smallN}: ` +
      `${format(derived.rssRatioLargeToSmall, 2)}× · fsync ${fsync ? 'on' : 'off'}\n`,
  )
  print(`${stageTable(rows)}\n`)
  for (const section of Object.values(sections)) for (const line of section.lines ?? []) print(line)
  print(`${targetTable(targetList)}\n`)
  print(
    `${machine.nproc} × ${machine.cpu}, Node ${machine.node}, load ${machine.loadAverageBefore.join(' ')} → ${machine.loadAverageAfter.join(' ')} (per run: the table's last column) · ${runs} run(s), median · ${format(results.totalSeconds, 0)} s · ${path.relative(root, args.out)}`,
  )
}

await main()
