import {spawn} from 'node:child_process'
import {createHash} from 'node:crypto'
import {copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {cpus, loadavg, tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {parseArgs} from 'node:util'
import {benchImages, imageBenchSummary} from './images.ts'
import {writeDataset} from './write-dataset.ts'

/**
 * `npm run bench [-- --n 10000 --workers 2 --runs 3 --quick --fsync --keep-data]`
 *
 * On one generated dataset, in one run: baselines A and B (bench/baseline.ts), the real CLI's cold export with
 * 1 worker and with `--workers`, a re-export with nothing changed, a re-export with one article changed, and the
 * peak RSS of a cold export at a small N beside the large one. Every export is a child process of the real CLI,
 * timed by GNU time (wall, user+sys CPU of all its threads, peak RSS), so start-up and workers count.
 * Prints a table and writes bench-results.json.
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const {values: args} = parseArgs({
  options: {
    n: {type: 'string'},
    'small-n': {type: 'string'},
    workers: {type: 'string', default: '2'},
    runs: {type: 'string'},
    quick: {type: 'boolean', default: false},
    fsync: {type: 'boolean', default: false},
    'keep-data': {type: 'boolean', default: false},
    out: {type: 'string', default: path.join(root, 'bench-results.json')},
  },
})
const quick = args.quick === true
const n = Number(args.n ?? (quick ? 50 : 10_000))
const smallN = Number(args['small-n'] ?? (quick ? Math.max(10, Math.floor(n / 5)) : Math.min(1000, n)))
const workers = Number(args.workers)
const runs = Number(args.runs ?? (quick ? 1 : 3))
const AS_OF = '2026-11-26'
const work = path.join(tmpdir(), 'vetted-bench')
mkdirSync(work, {recursive: true})

interface Measure {
  wallMs: number
  cpuMs: number
  maxRssMb: number
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
}

function log(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** Runs a command under GNU time; resolves with its measures and stdout. */
function timed(
  command: string[],
  options: {env?: NodeJS.ProcessEnv} = {},
): Promise<Measure & {stdout: string; code: number}> {
  const timeFile = path.join(work, `time-${process.pid}.txt`)
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
      resolve({wallMs: wall * 1000, cpuMs: (user + sys) * 1000, maxRssMb: rss / 1024, stdout, code: code ?? 0})
    })
  })
}

/** Only the figures go into bench-results.json (a command's output can be megabytes). */
function measureOf(result: Measure): Measure {
  return {wallMs: result.wallMs, cpuMs: result.cpuMs, maxRssMb: result.maxRssMb}
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
    '--workers',
    String(worker),
    '--keep',
    '2',
    ...(args.fsync ? [] : ['--no-fsync']),
    ...(timings ? ['--timings', timings] : []),
  ]
}

function readTimings(file: string): number[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as {ms: number}).ms)
}

function renderedCount(stdout: string): number {
  return Number(/(\d+) rendered/.exec(stdout)?.[1] ?? 0)
}

async function baseline(mode: 'a' | 'b', data: string): Promise<{cpuMsPerArticle: number; row: Row}> {
  const measures: Measure[] = []
  const perRun: Array<{renderCpuMs: number; times: number[]; articles: number}> = []
  for (let run = 0; run < runs; run++) {
    const result = await timed([nodeBin, path.join(root, 'bench/baseline.ts'), mode, data])
    measures.push(measureOf(result))
    perRun.push(JSON.parse(result.stdout) as {renderCpuMs: number; times: number[]; articles: number})
  }
  const articles = perRun[0]!.articles
  const renderCpu = median(perRun.map((run) => run.renderCpuMs))
  const times = perRun.flatMap((run) => run.times)
  const wall = median(perRun.map((run) => run.times.reduce((a, b) => a + b, 0)))
  const name =
    mode === 'a' ? 'A: @portabletext/to-html, body → HTML (render only)' : 'B: unified PT→mdast→hast→HTML (render only)'
  // The baselines' own clocks around the render calls: process start and dataset loading are not theirs.
  const row = rowOf(name, articles, articles, {wallMs: wall, cpuMs: renderCpu}, measures, times)
  return {cpuMsPerArticle: row.cpuMsPerArticle, row}
}

async function exportRows(
  data: string,
  count: number,
  label: string,
  workerCounts: number[],
  incremental: boolean,
): Promise<Row[]> {
  const rows: Row[] = []
  const out = path.join(work, `out-${count}`)
  // Every export of this size reads the same path: a copy the one-changed runs may edit.
  const live = path.join(work, `live-${count}.ndjson`)
  copyFileSync(data, live)
  for (const worker of workerCounts) {
    const measures: Measure[] = []
    const times: number[] = []
    let rendered = 0
    for (let run = 0; run < runs; run++) {
      rmSync(out, {recursive: true, force: true})
      const timings = path.join(work, `timings-${count}-${worker}-${run}.jsonl`)
      rmSync(timings, {force: true})
      log(`${label}: cold export, ${worker} worker(s), run ${run + 1}/${runs}`)
      const result = await timed(exportCommand(live, out, worker, timings))
      measures.push(measureOf(result))
      rendered = renderedCount(result.stdout)
      times.push(...readTimings(timings))
    }
    rows.push(
      exportRow(`cold export, ${worker} worker${worker > 1 ? 's' : ''} (N=${count})`, count, rendered, measures, times),
    )
  }
  if (!incremental) {
    cleanUp(out, live)
    return rows
  }
  // The last cold export left a live release in `out`: re-export from here.
  const unchanged: Measure[] = []
  for (let run = 0; run < runs; run++) {
    log(`${label}: re-export, nothing changed, run ${run + 1}/${runs}`)
    unchanged.push(measureOf(await timed(exportCommand(live, out, 1))))
  }
  rows.push(exportRow(`re-export, nothing changed (N=${count})`, count, 0, unchanged, []))
  // Each run edits article a000001 again in the same file (the dataset's path is part of every article's input
  // fingerprint, so it must not change), so every run has exactly one changed article.
  const changed: Measure[] = []
  const changedTimes: number[] = []
  let changedRendered = 0
  for (let run = 0; run < runs; run++) {
    editOneArticle(data, live, run + 1)
    const timings = path.join(work, `timings-${count}-changed-${run}.jsonl`)
    rmSync(timings, {force: true})
    log(`${label}: re-export, one article changed, run ${run + 1}/${runs}`)
    const result = await timed(exportCommand(live, out, 1, timings))
    changed.push(measureOf(result))
    changedRendered = renderedCount(result.stdout)
    changedTimes.push(...readTimings(timings))
  }
  rows.push(exportRow(`re-export, one article changed (N=${count})`, count, changedRendered, changed, changedTimes))
  cleanUp(out, live)
  return rows
}

function cleanUp(out: string, live: string): void {
  if (!args['keep-data']) rmSync(out, {recursive: true, force: true})
  rmSync(live, {force: true})
  rmSync(path.join(work, `time-${process.pid}.txt`), {force: true})
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

function table(rows: Row[]): string {
  const header = [
    '',
    'articles',
    'rendered',
    'wall s',
    'CPU s',
    'CPU ms/art',
    'art/s',
    'p50 ms',
    'p99 ms',
    'peak RSS MB',
    '×A',
    '×B',
  ]
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
  ])
  return [header, header.map(() => '---'), ...lines].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

async function main(): Promise<void> {
  const started = performance.now()
  const loadBefore = loadavg()
  const data = await dataset(n)
  const small = smallN !== n ? await dataset(smallN) : null
  log('baseline A')
  const a = await baseline('a', data)
  log('baseline B')
  const b = await baseline('b', data)
  const rows = [a.row, b.row, ...(await exportRows(data, n, `N=${n}`, [...new Set([1, workers])], true))]
  if (small) rows.push(...(await exportRows(small, smallN, `N=${smallN}`, [1], false)))
  for (const row of rows.slice(2)) {
    row.vsA = row.cpuMsPerArticle / a.cpuMsPerArticle
    row.vsB = row.cpuMsPerArticle / b.cpuMsPerArticle
  }
  const cold1 = rows.find((row) => row.name.startsWith('cold export, 1 worker ') && row.articles === n)
  const coldW = rows.find((row) => row.name.startsWith(`cold export, ${workers} workers`) && row.articles === n)
  const coldSmall = small ? rows.find((row) => row.articles === smallN) : undefined
  const derived = {
    workerSpeedup: cold1 && coldW ? coldW.articlesPerSecond / cold1.articlesPerSecond : null,
    rssRatioLargeToSmall: cold1 && coldSmall ? cold1.maxRssMb / coldSmall.maxRssMb : null,
  }
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
    fsync: args.fsync === true,
    asOf: AS_OF,
    machine,
    derived,
    rows,
    images: await benchImages(quick ? {images: 3, articles: 6} : {}),
    totalSeconds: (performance.now() - started) / 1000,
  }
  writeFileSync(args.out, `${JSON.stringify(results, null, 2)}\n`)
  process.stdout.write(`${table(rows)}\n\n${imageBenchSummary(results.images)}\n`)
  process.stdout.write(
    `${workers} workers vs 1: ${format(derived.workerSpeedup, 2)}× throughput · RSS N=${n} / N=${smallN}: ${format(derived.rssRatioLargeToSmall, 2)}×\n`,
  )
  process.stdout.write(
    `${machine.nproc} × ${machine.cpu}, Node ${machine.node}, load ${machine.loadAverageBefore.join(' ')} → ${machine.loadAverageAfter.join(' ')} · ${runs} run(s), median · ${format(results.totalSeconds, 0)} s · ${path.relative(root, args.out)}\n`,
  )
}

await main()
