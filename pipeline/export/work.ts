import {appendFileSync, existsSync, rmSync} from 'node:fs'
import path from 'node:path'
import {createRequire} from 'node:module'
import {deserialize, serialize} from 'node:v8'
import type {Piscina as PiscinaPool} from 'piscina'
import {isPlainJson} from '../../domain/plain-json.ts'
import {fromVFileMessage, type Diagnostic} from '../diagnostic.ts'
import type {ArticlePlace, ArticleRow, ContentSource, PlaceReader, SourceArticle} from '../source/types.ts'
import {CitationSharing, seedOnce} from './citation-cache.ts'
import type {ExportOptions, HeapLimits, Run, RunContext, RunFingerprint} from './options.ts'
import {articleHead, madeFromSameInputs, slugProblem} from './plan.ts'
import type {ArticleJob, ArticleWork, ExportPlan, Plan, PlannedArticle, WireJob} from './plan.ts'
import type {ManifestArticle} from './release/manifest.ts'
import {CURRENT} from './release/staging.ts'
import {decidePublication} from './review-policy.ts'
import {prepareArticle, type PreparedArticle} from './prepare.ts'
import {figureAssets, placeArticleImages} from '../images/article-images.ts'
import {earlySync} from './release/durability.ts'
import {writeBundle} from './release/files.ts'
import {compileSchema} from '../verify/json-schemas.ts'
import {compactHeap} from '../heap/compact-heap.ts'
import {fileSystemCode} from './release/safety.ts'
import type {ArticleStages, ExportStages} from './stages.ts'

/**
 * The work: each article in id order is reused, or read, prepared, planned and worked on (validate, render, write
 * its files), and committed in id order. `exportArticle` takes only plain data and the stage functions, so the same
 * function runs in this thread (`inProcessRunner`) or in a pool of worker threads (`poolRunner`, whose threads run
 * `worker.ts`).
 */

export interface ExportHooks {
  onProgress?: (done: number, total: number) => void
  /** Builds the runner for the per-article work (tests); the default follows `ExportOptions.workers`. */
  createRunner?: (run: RunContext) => Promise<ArticleRunner>
}

/**
 * Works through the plan and returns the references formatted in this run. Only a bounded number of articles are
 * in flight, and only their manifest entries are kept.
 */
export async function workThrough(
  run: Run,
  plan: ExportPlan,
  stages: ExportStages,
  runners: Runners,
  hooks: ExportHooks = {},
): Promise<unknown[]> {
  const {rows, planner, unchanged, reads} = plan
  const sharing = new CitationSharing()
  const progress = (done: number): void => hooks.onProgress?.(done, rows.length)
  // The bundles written so far are flushed to disk in the background as the work goes on (`earlySync`).
  const flush = earlySync(run.durability, run.store.dir)
  // With render workers and a local source, each worker reads and prepares the articles it works on (`readAndWork`).
  const workersRead = readingWorkers(run, stages, hooks)
  let jobs = 0
  let done = 0
  let written = 0

  const readTask = (
    place: ArticlePlace,
    row: ArticleRow,
    previous: ManifestArticle | undefined,
    index: number,
  ): ReadTask => ({
    place,
    ...(row.fingerprint === undefined ? {} : {sourceFingerprint: row.fingerprint}),
    ...(previous === undefined ? {} : {previous}),
    dir: path.join(run.staging, WORK_DIR, String(index)),
  })
  const commit = (articlePlan: Plan, result: ArticleWork | null): void => {
    sharing.add(result?.citations, runners.made()?.threads ?? 1)
    planner.commit(articlePlan, result)
    if (result?.outcome === 'rendered') flush(++written)
    progress(++done)
  }
  /** This thread prepares the article, plans it and hands the work over (`committed` resolves once committed). */
  const handOver = async (
    row: ArticleRow,
    article: SourceArticle | null,
    before: Promise<void>,
  ): Promise<{committed: Promise<void>}> => {
    if (article === null) {
      progress(++done)
      return {committed: before}
    }
    const previous = planner.previousEntry(row._id)
    const prepared = await prepareArticle(article, run.context, run.fingerprint, previous, row.fingerprint)
    const articlePlan = planner.plan(prepared)
    const work = articlePlan.job ? (await startWork(prepared, articlePlan.job.dir)).work : null
    return {committed: Promise.all([work, before]).then(([result]) => commit(articlePlan, result))}
  }
  /** The work on an article planned here: its images placed (in id order, so the release's image files are the same
   * whatever runs the work), then validated and rendered by the runner. */
  const startWork = async (prepared: PreparedArticle, dir: string | null): Promise<{work: Promise<ArticleWork>}> => {
    const {article, sourceJson, review, contentHash} = prepared
    const job: ArticleJob = {article, ...(sourceJson === undefined ? {} : {sourceJson}), review, contentHash, dir}
    if (dir !== null) job.images = await placeArticleImages(article, run.images, (id) => run.source.readImage(id))
    const runner = await runners.get()
    jobs++
    return {work: runner.run(sharing.attach(job))}
  }
  const workHere = async (row: ArticleRow): Promise<void> =>
    (await handOver(row, await run.source.getArticle(row._id), Promise.resolve())).committed
  /** What a worker that read an article answered, settled in id order: planned here, and its work committed when the
   * plan agrees with what the worker took it to be; otherwise the article is worked on the usual way. */
  const settle = async (row: ArticleRow, answer: ReadWork): Promise<void> => {
    if (answer.kind === 'gone') return void progress(++done)
    if (answer.kind === 'here') return workHere(row)
    const articlePlan = planner.plan(answer.prepared)
    if (articlePlan.job?.dir) return commit(articlePlan, answer.work)
    // Another article took its slug first, or its files turned out reusable: what the worker wrote goes.
    const {dir} = answer.work.outcome === 'rendered' ? answer.work : {dir: undefined}
    if (dir !== undefined) rmSync(dir, {recursive: true, force: true})
    if (articlePlan.job === null) return commit(articlePlan, null)
    const article = (await run.source.getArticle(row._id)) as SourceArticle
    const prepared = await prepareArticle(article, run.context, run.fingerprint, articlePlan.previous, row.fingerprint)
    commit(articlePlan, await (await startWork(prepared, articlePlan.job.dir)).work)
  }

  const inFlight: Array<Promise<void>> = []
  let sinceYield = 0
  for (const [index, row] of rows.entries()) {
    const id = row._id
    // The event loop runs between batches of articles: the work in this thread, and the links of reused articles,
    // settle in microtasks only (lines are read synchronously), so without this the pool would not hear from its
    // workers (a task is handed over on this thread) nor a background flush be seen to end (`earlySync`).
    if (++sinceYield % 256 === 0) await new Promise((resolve) => setImmediate(resolve))
    // Commits happen in id order: each waits for the one before it, so the slug rules are deterministic.
    const before = inFlight.at(-1) ?? Promise.resolve()
    let committed: Promise<void>
    if (workersRead === null) {
      if (unchanged.has(id) && planner.reuseUnchanged(id)) {
        progress(++done)
        continue
      }
      // An unchanged article that cannot be reused as is (another article took its slug) is read now.
      const article = unchanged.has(id) ? await run.source.getArticle(id) : await nextRead(reads)
      committed = (await handOver(row, article, before)).committed
    } else if (unchanged.has(id)) {
      // Planned in id order among the articles the workers read, as everywhere: a slug goes to the first asking.
      committed = before.then(async () => {
        if (planner.reuseUnchanged(id)) progress(++done)
        else await workHere(row)
      })
    } else {
      const runner = await runners.get()
      jobs++
      const place = workersRead.articlePlace(id)
      const answer: Promise<ReadWork> = place
        ? (runner.readAndWork as ReadRunner)(sharing.attach(readTask(place, row, planner.previousEntry(id), index)))
        : Promise.resolve({kind: 'gone'})
      committed = Promise.all([answer, before]).then(([answer]) => settle(row, answer))
    }
    // Marked handled now; the error still surfaces when this promise is awaited below.
    committed.catch(() => {})
    inFlight.push(committed)
    const made = runners.made()
    const concurrency = made?.concurrency ?? 1
    if (inFlight.length >= concurrency) {
      // The loop waits for the oldest articles: what the runner holds back to send together goes now, and room is made
      // for a whole batch, so that the next articles go out together too (`ArticleRunner.batch`).
      made?.flush?.()
      while (inFlight.length > concurrency - (made?.batch ?? 1)) await inFlight.shift()
    }
  }
  runners.made()?.flush?.()
  await Promise.all(inFlight)
  // Emptied as the work was committed (each folder moved into the store); what a failed run left goes with staging.
  if (workersRead !== null) rmSync(path.join(run.staging, WORK_DIR), {recursive: true, force: true})
  // What rendering left in this thread's heap (~60 MB beyond what is live at 10,000 articles) is given back before
  // the release is written and verified, which allocate on top of it. A run that rendered a few articles leaves
  // little and does not pay for the full collection (~0.3 s of CPU for a heap of 150 MB live, on this machine), nor
  // does one whose render workers rendered: this thread held only their answers (at 10,000 articles with 2 workers
  // the collection gave back 16 MB of 113 for 0.16 s, `--trace-gc`).
  if (jobs >= COMPACT_AFTER_JOBS && runners.made()?.threads === undefined) compactHeap()
  return sharing.formatted
}

/**
 * Where render workers that read their own articles write an article's files before the plan gives it its folder:
 * `<staging>/.work/<n>`, moved into the store at commit.
 */
const WORK_DIR = '.work'

/**
 * The source, when the render workers read the articles themselves: then an article's body never crosses threads
 * (sent as JSON and parsed again, ~0.3 ms an article), and its read, decoding, query and hashes run in the workers
 * rather than in the thread that feeds them. With `--workers 2` at 10,000 articles, 3 interleaved pairs: 32.9 / 34.9 /
 * 33.0 s became 31.6 / 30.9 / 31.2 s, 2 s less CPU (bench/README.md). It takes a source that can place its articles
 * (the local one), a worker module that can read them (the shipped one), and no runner of a test's.
 */
function readingWorkers(run: Run, stages: ExportStages, hooks: ExportHooks): {articlePlace: ArticlePlacer} | null {
  const {source} = run
  const workers = run.options.workers ?? 1
  if (workers <= 1 || hooks.createRunner || !stages.workerModule || !stages.workerReads) return null
  if (!source.articlePlace || !source.placeReader) return null
  return {articlePlace: (id) => (source.articlePlace as ArticlePlacer)(id)}
}

type ArticlePlacer = NonNullable<ContentSource['articlePlace']>
type ReadRunner = NonNullable<ArticleRunner['readAndWork']>

/** The runner of a run's per-article work, made once (`get`), and closed by the caller when the work is done. */
export interface Runners {
  get: () => Promise<ArticleRunner>
  /** The runner, once made. */
  made: () => ArticleRunner | null
  close: () => Promise<void>
}

/**
 * The runner of a run's work. Render workers (`--workers N`) are started at once when the plan has articles to work
 * on: each takes ~0.4 s of CPU to load its modules, which it does while this thread runs the citation step (they
 * look references up only from their first article on, after it). A cold export's were started earlier still, as the
 * run opened (`startWorkersEarly`). Otherwise the runner is made on the first article that needs work: a re-export
 * that reuses everything never starts workers or loads the renderer.
 */
export async function openRunners(
  run: Run,
  plan: ExportPlan,
  stages: ExportStages,
  hooks: ExportHooks = {},
  early: RenderPool | null = null,
): Promise<Runners> {
  let runner: Promise<ArticleRunner> | null = null
  let made: ArticleRunner | null = null
  const get = (): Promise<ArticleRunner> =>
    (runner ??= createRunner(run, stages, hooks, early).then((created) => (made = created)))
  // Awaited, so that the threads are spawned before the pre-pass takes this thread: made in the background (the
  // shared documents decoded for them first), they started ~370 ms into the pre-pass at 10,000 articles, which
  // left them little to overlap (`--cpu-prof`, each thread's start against the pre-pass's first sample).
  if ((run.options.workers ?? 1) > 1 && plan.unchanged.size < plan.rows.length) await get()
  return {
    get,
    made: () => made,
    close: async () => {
      await (await runner?.catch(() => null))?.close()
      // Workers started early that no runner took (nothing to work on, or the runner could not be made).
      await early?.close()
    },
  }
}

/**
 * Render workers started before the run opens, when the export is cold (no live release in OUT, so every article
 * will be worked on) and runs `--workers N`: each loads its modules (0.2–0.5 s of CPU, Node's compile cache warm or
 * cold) while this thread and the scan's second thread make the first pass over the dataset, which leaves a core idle
 * at times (one half waiting for the other, then the source finished in this thread alone). Started after the plan,
 * as a re-export's are (most of whose articles are usually reused, and none may need work), they were still loading
 * when the work began. They learn the run with their first task (`PoolTask`).
 */
export function startWorkersEarly(options: ExportOptions, stages: ExportStages, hooks: ExportHooks): RenderPool | null {
  const workers = options.workers ?? 1
  const {workerModule} = stages
  if (workers <= 1 || hooks.createRunner || !workerModule) return null
  if (existsSync(path.join(path.resolve(options.cwd, options.outDir), CURRENT))) return null
  const limits = options.heapLimits?.worker
  return startPool({workers, workerModule, ...(limits ? {limits} : {})})
}

/** Articles worked on in a run from which its heap is compacted before the release is written (`compactHeap`). */
const COMPACT_AFTER_JOBS = 1000

async function nextRead(reads: ExportPlan['reads']): Promise<SourceArticle | null> {
  return ((await reads.next()).value as [string, SourceArticle | null])[1]
}

/**
 * One worker runs in this thread: a worker thread would load every module, the citation engine and Node's
 * TypeScript stripper a second time (about 100 MB more at peak, measured on 1,000 articles). Several run with a
 * bounded heap each, and a worker that fails fails only its article.
 */
async function createRunner(
  run: Run,
  stages: ExportStages,
  hooks: ExportHooks,
  early: RenderPool | null,
): Promise<ArticleRunner> {
  if (hooks.createRunner) return hooks.createRunner(run.context)
  const workers = run.options.workers ?? 1
  const {workerModule} = stages
  const limits = run.context.heapLimits?.worker
  if (workers > 1 && workerModule) {
    const reader = readingWorkers(run, stages, hooks) ? await run.source.placeReader?.() : undefined
    return poolRunner({
      workers,
      run: run.context,
      workerModule,
      ...(limits ? {limits} : {}),
      ...(reader ? {reader} : {}),
      ...(early ? {pool: early} : {}),
    })
  }
  // A source that answers at once (`readAhead` 1: a local file) has nothing to overlap with the render's awaits.
  return inProcessRunner(run.context, stages, Math.min(run.source.readAhead ?? 2, 2))
}

export async function exportArticle(job: ArticleJob, run: RunContext, stages: ArticleStages): Promise<ArticleWork> {
  const cache = run.citationCacheFile !== undefined ? stages.citationCache : undefined
  if (cache) await seedOnce(cache, run.citationCacheFile as string, job.citations)
  const start = performance.now()
  const work = await validateRenderWrite(job, run, stages)
  if (run.timings !== undefined) {
    appendFileSync(
      run.timings,
      `${JSON.stringify({id: job.article._id, ms: Math.round((performance.now() - start) * 1000) / 1000})}\n`,
    )
  }
  const citations = cache ? await cache.takeNew() : []
  return citations.length > 0 ? {...work, citations} : work
}

async function validateRenderWrite(job: ArticleJob, run: RunContext, stages: ArticleStages): Promise<ArticleWork> {
  const {article, review, contentHash} = job
  const {settings, asOf, strict, severity} = run
  let validation: Awaited<ReturnType<ArticleStages['validateArticle']>>
  let rendered: Awaited<ReturnType<ArticleStages['renderArticle']>> | null = null
  // One document the stages cannot handle (a field of the wrong type, say) blocks that article with a diagnostic;
  // it must not stop the export of every other article.
  try {
    validation = await stages.validateArticle({
      article,
      settings,
      review,
      contentHash,
      asOf,
      strict,
      ...(severity ? {severity} : {}),
    })
    if (!validation.blocked && job.dir !== null) {
      rendered = await stages.renderArticle({
        article,
        settings,
        review,
        contentHash,
        asOf,
        datasetLabel: run.datasetLabel,
        ...(job.images ? {images: job.images.images} : {}),
      })
    }
  } catch (error) {
    return {
      outcome: 'blocked',
      findings: [articleFailure(article._id, 'could not check or render this article', error)],
    }
  }
  // An image that cannot be read or used blocks its article (the others are not affected).
  const findings = [...validation.findings, ...(job.images?.findings ?? [])]
  if (rendered === null || job.dir === null || (job.images?.findings.length ?? 0) > 0)
    return {outcome: 'blocked', findings}
  // A render-time message (an unknown block type, ...): a warning, or an error when the renderer says it is fatal.
  const defaults = {documentId: article._id, source: 'vetted:render', ruleId: 'render'}
  const renderFindings = rendered.messages.map((message) => fromVFileMessage(message, defaults))
  findings.push(...renderFindings)
  if (renderFindings.some((finding) => finding.severity === 'error' || (strict && finding.severity === 'warning')))
    return {outcome: 'blocked', findings}
  // Checked here, on the text about to be written, not read back by the staged release's verify (`verifyStaged`).
  const invalid = run.formats.includes('json')
    ? articleJsonProblems(rendered.files['article.json'], rendered.articleJson, run)
    : []
  if (invalid.length > 0) {
    const what = `wrote an article.json its schema refuses (${invalid.slice(0, 3).join('; ')})`
    return {outcome: 'blocked', findings: [...findings, articleFailure(article._id, what, null)]}
  }
  const files = writeBundle(job.dir, rendered.files, run.formats, run.fsync, rendered.pieces)
  const images = job.images?.files ?? []
  return {outcome: 'rendered', findings, files, ...(images.length > 0 ? {images} : {})}
}

/**
 * What the release's article schema says of an article.json (compiled once per thread and schema text): of the
 * value the text was written from when that value is plain JSON (`isPlainJson`: then parsing the text back would
 * give an equal value), else of the text parsed.
 */
function articleJsonProblems(text: string, written: unknown, run: RunContext): string[] {
  let value: unknown = written
  if (!isPlainJson(written)) {
    try {
      value = JSON.parse(text)
    } catch (error) {
      return [`not valid JSON: ${(error as Error).message}`]
    }
  }
  let check = articleCheckers.get(run.articleSchema)
  if (!check)
    articleCheckers.set(run.articleSchema, (check = compileSchema(JSON.parse(run.articleSchema), {own: true})))
  return check(value)
}

// Keyed by the schema's text: `compileSchema` caches too, but by the parsed schema re-serialised, which would cost a
// parse and a stringify of the schema for every article.
const articleCheckers = new Map<string, (value: unknown) => string[]>()

/** Where the per-article work runs: in this thread, or in a pool of worker threads. */
export interface ArticleRunner {
  /** How many articles may be in flight at once. */
  readonly concurrency: number
  /**
   * How many threads render, when more than one: each has its own citation cache, so the export passes what one
   * formats on to the others with the next jobs it hands out (a distinct source costs ~5 ms to format).
   */
  readonly threads?: number
  run: (job: ArticleJob) => Promise<ArticleWork>
  /** Reads, prepares and works on an article in a worker (`readAndWork`): a pool whose workers were given a reader. */
  readAndWork?: (task: ReadTask) => Promise<ReadWork>
  /** How many of those the runner sends in one message (`READ_BATCH`); the work loop makes room for that many. */
  readonly batch?: number
  /** Sends what `readAndWork` holds back for a batch now: the work loop is about to wait for answers. */
  flush?: () => void
  close: () => Promise<void>
}

/** An article a worker reads itself (`readAndWork`): where it is, and what the plan would compare it with. */
export interface ReadTask {
  place: ArticlePlace
  /** The source's fingerprint of it (`ArticleRow.fingerprint`), for its source hash (`prepareArticle`). */
  sourceFingerprint?: string
  previous?: ManifestArticle
  /** Where its files are written, if it is rendered: a folder of its own until the plan gives it one. */
  dir: string
  citations?: unknown[]
}

/**
 * What a worker did with an article it read: `gone` (no longer published), `here` (the export thread reads it and
 * works on it the usual way: its figures are placed in id order there, and an unusable slug, a policy that does not
 * publish it or files that can be reused are the plan's to decide), or `read` with the article as the plan sees it
 * and the work done on it.
 */
export type ReadWork = {kind: 'gone'} | {kind: 'here'} | {kind: 'read'; prepared: PlannedArticle; work: ArticleWork}

/**
 * A worker's side of `readAndWork`: the article read where the source placed it, prepared as the export thread
 * would, and worked on (validated, rendered, written into `task.dir`) when it is what the plan will most likely
 * make of it, a publishable article with a usable slug and nothing to reuse; the export thread makes the plan in id
 * order and works the article again if the plan says otherwise (another article took the slug first).
 */
export async function readAndWork(
  task: ReadTask,
  run: RunContext,
  stages: ArticleStages,
  read: (place: ArticlePlace) => Promise<SourceArticle | null>,
  fingerprint: RunFingerprint,
): Promise<ReadWork> {
  const article = await read(task.place)
  if (article === null) return {kind: 'gone'}
  if (figureAssets(article).length > 0 || slugProblem(article.slug) !== null) return {kind: 'here'}
  const {previous} = task
  const prepared = await prepareArticle(article, run, fingerprint, previous, task.sourceFingerprint)
  const {policy, asOf} = run
  if (policy && decidePublication({prepared, policy, previous, asOf}).kind !== 'publish') return {kind: 'here'}
  if (madeFromSameInputs(previous, prepared.inputHash)) return {kind: 'here'}
  const {review, contentHash, sourceHash, inputHash} = prepared
  const {citations, dir} = task
  // No figures: placed in the export thread, they would be none either (`placeArticleImages`).
  const images = {images: {}, files: [], findings: []}
  const work = await exportArticle(
    {article, review, contentHash, dir, images, ...(citations ? {citations} : {})},
    run,
    stages,
  )
  const planned = {article: articleHead(article), sourceHash, contentHash, review, inputHash}
  return {kind: 'read', prepared: planned, work: work.outcome === 'rendered' ? {...work, dir} : work}
}

/** `concurrency` 2: a little look-ahead lets the source's I/O overlap the render's awaits without holding many bundles. */
export function inProcessRunner(run: RunContext, stages: ArticleStages, concurrency = 2): ArticleRunner {
  return {
    concurrency,
    run: (job) => exportArticle(job, run, stages),
    close: async () => {},
  }
}

/** The job as posted to a worker thread (`WireJob`): the article's JSON text in place of the article. */
export function toWire(job: ArticleJob): WireJob {
  const {article, sourceJson, ...rest} = job
  return {...rest, sourceJson: sourceJson ?? JSON.stringify(article)}
}

/** The job a worker thread works on, from what it was posted (`toWire`): the parse runs in the worker, in parallel. */
export function fromWire(wire: WireJob): ArticleJob {
  const {sourceJson, ...rest} = wire
  return {...rest, article: JSON.parse(sourceJson) as SourceArticle}
}

/** The task name a worker module exports (named exports only: piscina calls `module[name]`). */
export const WORKER_TASK = 'exportArticleTask'

/**
 * A bound for an article that runs away, not a memory diet: a worker lives at ~150 MB (modules, citation engine
 * and cache, articles in flight), and a 256 MB bound cost a fifth more CPU in garbage collection (measured on
 * 1,000 articles, 2 workers: 58 s against 48 s).
 */
export const WORKER_HEAP_MB = 1024

export interface PoolOptions {
  workers: number
  /** The worker-thread module (`worker.ts`, or a test's), exporting `exportArticleTask`. */
  workerModule: URL
  /**
   * Each worker's V8 heap limits (`--max-memory`): an article that would need more fails alone, as a diagnostic, and
   * the worker is replaced, instead of the whole export running out of memory. @defaultValue old generation
   * WORKER_HEAP_MB
   */
  limits?: HeapLimits
}

export interface PoolRunnerOptions extends PoolOptions {
  run: RunContext
  /** What the workers read articles with (`readAndWork`); without it they are sent articles. */
  reader?: PlaceReader
  /** Workers started before the run was known (`startWorkersEarly`); otherwise the runner starts its own. */
  pool?: RenderPool
}

/** What every worker of a pool learns of the run once: its context, and what it reads articles with when it does. */
export type WorkerSetup = RunContext & {reader?: PlaceReader}

/**
 * A task as a worker receives it: the task, and the run's setup serialized once into shared memory (`shareSetup`),
 * which a message carries as a handle, not a copy. A worker decodes it at its first task (`receivedSetup`): so it
 * can be started, and load its modules, before the run's source is open.
 */
export interface PoolTask<Task> {
  setup: SharedArrayBuffer
  task: Task
}

/** The task name of `readAndWork` in a worker module (`worker.ts`): a batch of `ReadTask`s, answered in order. */
export const READ_TASK = 'readArticleTask'

/**
 * Articles a worker that reads its own is sent in one message (`readAndWork`), and answers in one: each message
 * wakes the thread it goes to, which takes the core from a worker for a moment (2 workers on 2 cores, 10,000 articles:
 * ~55,000 involuntary context switches and ~120,000 in all with one article a message, ~44,000 and ~100,000 with four).
 */
export const READ_BATCH = 4

// piscina (15 modules) is loaded only when a run uses worker threads (`--workers`), not at every start-up.
const require = createRequire(import.meta.url)

/**
 * Tasks a worker holds at once (an article, or a batch it reads): the one it works on and the next, which waits in the
 * worker (`workerTask`). With one, a worker that finished an article sat idle until the export thread, busy reading
 * and preparing the next articles, got round to handing it another: at 10,000 articles and 2 workers the process used
 * 1.7 of 2 cores; with two it uses 1.9 and the export takes ~10 % less wall time (bench/README.md).
 */
const TASKS_PER_WORKER = 2

type Pool = PiscinaPool<PoolTask<WireJob | ReadTask[]>, ArticleWork | ReadWork[]>

/** Worker threads, started and loading their modules; the run they work for comes with each task (`PoolTask`). */
export interface RenderPool {
  workers: number
  shared: Pool
  /** A pool of one worker holding one task at a time, made on the first worker that dies (`poolRunner`). */
  alone: () => Pool
  /** Stops every thread; the second call does nothing. */
  close: () => Promise<void>
}

export function startPool(options: PoolOptions): RenderPool {
  const {Piscina} = require('piscina') as {Piscina: typeof PiscinaPool}
  const pool = (threads: number, tasksPerWorker: number): Pool =>
    new Piscina<PoolTask<WireJob | ReadTask[]>, ArticleWork | ReadWork[]>({
      filename: options.workerModule.href,
      name: WORKER_TASK,
      minThreads: threads,
      maxThreads: threads,
      concurrentTasksPerWorker: tasksPerWorker,
      idleTimeout: 1000,
      // Each task's run and wait times in histograms nobody reads (`pool.runTime`): work on the thread that feeds the
      // workers, for every article.
      recordTiming: false,
      resourceLimits: options.limits ?? {maxOldGenerationSizeMb: WORKER_HEAP_MB},
    })
  const shared = pool(options.workers, TASKS_PER_WORKER)
  let alone: Pool | null = null
  let closed: Promise<void> | null = null
  return {
    workers: options.workers,
    shared,
    alone: () => (alone ??= pool(1, 1)),
    close: () => (closed ??= Promise.all([shared.destroy(), alone?.destroy()]).then(() => {})),
  }
}

/**
 * Runs the per-article work in a pool of worker threads. Each worker learns the run once (`PoolTask`), builds its
 * stage functions once (citation engines, processors), and is sent articles as JSON text (`toWire`), or where to read
 * them, working on one at a time with the next already in hand; it writes the files itself and returns only their
 * hashes and the diagnostics, so bundles never travel back.
 */
export function poolRunner(options: PoolRunnerOptions): ArticleRunner {
  const pool = options.pool ?? startPool(options)
  const setup = shareSetup({...options.run, ...(options.reader ? {reader: options.reader} : {})})
  const {shared} = pool
  const batch = options.reader ? READ_BATCH : 1
  let held: Array<{task: ReadTask; resolve: (answer: ReadWork) => void; reject: (error: unknown) => void}> = []
  // A worker that stops on articles it read leaves them to the export thread, which works on each the usual way (and
  // tries it alone if a worker stops on it again).
  const flush = (): void => {
    if (held.length === 0) return
    const sent = held
    held = []
    const posted = {setup, task: sent.map((entry) => entry.task)}
    ;(shared.run(posted, {name: READ_TASK}) as Promise<ReadWork[]>).then(
      (answers) => sent.forEach((entry, index) => entry.resolve(answers[index] as ReadWork)),
      (error: unknown) => {
        for (const entry of sent) {
          if (fileSystemCode(error) !== null) entry.reject(error)
          else {
            rmSync(entry.task.dir, {recursive: true, force: true})
            entry.resolve({kind: 'here'})
          }
        }
      },
    )
  }
  return {
    // Enough queued per worker that none waits for the main thread, few enough to keep memory flat.
    concurrency: pool.workers * 4 * batch,
    threads: pool.workers,
    // A worker that dies (out of memory, a crash in native code) takes the article queued behind it down with the
    // one it was working on: each is tried once more, alone in a worker of its own, so only the article that stopped
    // it fails. A filesystem error (a full disk) stops the export, as it does in this thread.
    run: (job) => {
      const posted = {setup, task: toWire(job)}
      return (shared.run(posted) as Promise<ArticleWork>).catch((error: unknown) => {
        if (fileSystemCode(error) !== null) throw error
        // What the stopped worker wrote of this article, if anything: the new try writes every file afresh.
        if (job.dir !== null) rmSync(job.dir, {recursive: true, force: true})
        return (pool.alone().run(posted) as Promise<ArticleWork>).catch((again: unknown): ArticleWork => {
          if (fileSystemCode(again) !== null) throw again
          return {outcome: 'blocked', findings: [workerFailure(job, again)]}
        })
      })
    },
    ...(options.reader
      ? {
          readAndWork: (task: ReadTask) =>
            new Promise<ReadWork>((resolve, reject) => {
              held.push({task, resolve, reject})
              if (held.length >= batch) flush()
            }),
          batch,
          flush,
        }
      : {}),
    close: pool.close,
  }
}

/** The setup as bytes in shared memory: serialized once, however many workers and tasks carry it. */
function shareSetup(setup: WorkerSetup): SharedArrayBuffer {
  const bytes = serialize(setup)
  const shared = new SharedArrayBuffer(bytes.length)
  new Uint8Array(shared).set(bytes)
  return shared
}

// A worker thread serves one pool, and a pool one run: the setup its first task brings is every task's.
let received: {run: RunContext; reader?: PlaceReader} | null = null

/** In a worker thread: the run's setup, decoded from the first task that brought it (`PoolTask`). */
export function receivedSetup(setup: SharedArrayBuffer): {run: RunContext; reader?: PlaceReader} {
  if (received === null) {
    const {reader, ...run} = deserialize(Buffer.from(setup)) as WorkerSetup
    received = {run, ...(reader ? {reader} : {})}
  }
  return received
}

/**
 * A worker thread's task (what `worker.ts` exports as `exportArticleTask`): the job parsed from its wire form and
 * worked on, one at a time. The next job a worker holds (`TASKS_PER_WORKER`) waits here, already received, and
 * starts the moment the one before it ends; two articles never interleave their work in one worker.
 */
export function workerTask(
  work: (job: ArticleJob, run: RunContext) => Promise<ArticleWork>,
  serial: Serial = oneAtATime(),
): (posted: PoolTask<WireJob>) => Promise<ArticleWork> {
  return serial(({setup, task}: PoolTask<WireJob>) => work(fromWire(task), receivedSetup(setup).run))
}

/** Tasks of every kind a worker is sent, worked on one at a time in the order received (`workerTask`). */
export function oneAtATime(): Serial {
  let previous: Promise<unknown> = Promise.resolve()
  return (work) => (task) => {
    const done = previous.then(() => work(task))
    previous = done.catch(() => {})
    return done
  }
}

type Serial = <Task, Result>(work: (task: Task) => Promise<Result>) => (task: Task) => Promise<Result>

/** The work's own exceptions come back as diagnostics already; what is left is the worker itself failing. */
function workerFailure(job: ArticleJob, error: unknown): Diagnostic {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return {
      ...articleFailure(
        job.article._id,
        'could not render this article: it needed more memory than a worker is given',
        null,
      ),
      note: 'The article is probably far larger than any real one; check its body in Studio.',
    }
  }
  return {
    ...articleFailure(job.article._id, 'could not render this article: the worker stopped', error),
    note: 'Export again, and report it to the developers if it happens again.',
  }
}

/** The one builder of `export-article-failed`: what failed (with the exception's words), and what to check. */
function articleFailure(documentId: string, what: string, error: unknown): Diagnostic {
  const detail = error === null ? '' : ` (${(error instanceof Error ? error.message : String(error)).slice(0, 200)})`
  return {
    ruleId: 'export-article-failed',
    source: 'vetted:export',
    severity: 'error',
    place: {documentId, path: []},
    reason: `The pipeline ${what}${detail}.`,
    note:
      'A field probably holds a value of the wrong kind, such as a number where text belongs: check the article, its ' +
      'people and its sources in Studio, and report this to the developers.',
  }
}
