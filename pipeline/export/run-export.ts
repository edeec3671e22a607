import {mkdirSync} from 'node:fs'
import path from 'node:path'
import type {ArticleRow, SourceArticle, SourceProblem} from '../source/types.ts'
import {inProcessRunner} from './article-runner.ts'
import type {ArticleRunner} from './article-runner.ts'
import type {ArticleContext, ArticleJob} from './export-article.ts'
import {catalogueHtml} from './catalogue.ts'
import {sha256} from './hashes.ts'
import {acquireLock} from './lock.ts'
import {buildManifest, serialiseManifest} from './manifest.ts'
import {ArticlePlanner} from './plan-article.ts'
import {prefetch} from './prefetch.ts'
import {buildReuseIndex, CACHE_DIR, readReuseIndex, reuseContextKey, writeReuseIndex} from './reuse-index.ts'

/** The formatted-reference cache, beside the reuse index. */
const CITATION_CACHE = 'citations.ndjson'
import type {ArticleFindings} from './plan-article.ts'
import {prepareArticle} from './prepare-article.ts'
import {publicationPolicy} from './review-policy.ts'
import {createStaging, discardStaging, ensureOutDir, publishRelease, pruneReleases, readPreviousRelease, removeLeftovers} from './release-dir.ts'
import {writeFileDurable, fsyncDirectory} from './fs-durable.ts'
import type {ExportOptions, ExportStages, FileRecord, Manifest} from './types.ts'

/**
 * The export, start to finish. Every stage is a small module; this is the one place that orders them:
 *
 *   lock OUT → clean leftovers → open source → read the live release → for each article, in id order:
 *   prepare (fingerprints, review state) → plan (reuse, keep, or work; slug checks) → work (validate, render,
 *   write; possibly in a worker) → commit (manifest entry) → manifest, catalogue, schemas → publish (rename into
 *   releases/, swap `current`) → prune old releases.
 *
 * Articles stream through: only a bounded number are in flight, and only their manifest entries are kept.
 */

/** How many articles are requested from the source ahead of the one being prepared. */
const SOURCE_PREFETCH = 8

export interface ExportSummary {
  rendered: number
  reused: number
  kept: number
  blocked: number
}

export interface ExportResult {
  releaseId: string
  /** `releases/<id>`, relative to the output folder. */
  release: string
  manifest: Manifest
  summary: ExportSummary
  /** Every finding met, warnings included, by article in id order. Reused articles were not checked again. */
  findings: ArticleFindings[]
  sourceProblems: SourceProblem[]
  removedLeftovers: string[]
  prunedReleases: string[]
}

export interface ExportHooks {
  onProgress?: (done: number, total: number) => void
  /** Builds the runner for the per-article work; the default runs it in this thread. */
  createRunner?: (context: ArticleContext) => Promise<ArticleRunner>
}

export interface ExportGenerator {
  name: string
  version: string
}

export async function runExport(
  options: ExportOptions & {cwd: string; env: Record<string, string | undefined>},
  stages: ExportStages & {articleSchema: string; manifestSchema: string; generator: ExportGenerator},
  hooks: ExportHooks = {},
): Promise<ExportResult> {
  const outDir = path.resolve(options.cwd, options.outDir)
  mkdirSync(outDir, {recursive: true})
  const unlock = acquireLock(outDir, options.outDir)
  let staging: string | null = null
  try {
    ensureOutDir(outDir)
    const removedLeftovers = removeLeftovers(outDir)
    const source = await stages.openSource({dataset: options.dataset, env: options.env, cwd: options.cwd, cacheDir: path.join(outDir, CACHE_DIR)})
    try {
      const settings = await source.getSettings()
      const previous = readPreviousRelease(outDir)
      staging = createStaging(outDir)
      const context: ArticleContext = {
        settings,
        asOf: options.asOf,
        datasetLabel: source.label,
        strict: options.strict,
        ...(options.severity ? {severity: options.severity} : {}),
        formats: options.formats,
        fsync: options.fsync,
        ...(options.timings === undefined ? {} : {timings: options.timings}),
        citationCacheFile: path.join(outDir, CACHE_DIR, CITATION_CACHE),
      }
      const fingerprints = new Map<string, string>()
      const policy = publicationPolicy(settings, options.policy)
      const prepareContext = {...context, rendererVersion: stages.rendererVersion, policy}
      const contextKey = reuseContextKey(prepareContext)
      /** References formatted in this run that the cache file does not have yet. */
      const newCitations: unknown[] = []
      /** Of those, the ones still to pass on to other worker threads, and with how many more jobs. */
      const shared: SharedCitations[] = []
      const planner = new ArticlePlanner({
        staging,
        previous,
        fsync: options.fsync,
        strict: options.strict,
        reuse: options.full !== true,
        policy,
        asOf: options.asOf,
      })
      // Made on the first article that needs work: a re-export that reuses everything never starts workers or
      // loads the renderer.
      const started: {runner: ArticleRunner | null} = {runner: null}
      const startRunner = async (): Promise<ArticleRunner> => (started.runner ??= hooks.createRunner ? await hooks.createRunner(context) : inProcessRunner(context, stages))
      try {
        const rows: ArticleRow[] = []
        for await (const row of source.listArticles()) rows.push(row)
        // Articles whose source fingerprint and context match the live release's: reused without being read.
        const index = options.full === true ? null : readReuseIndex(outDir, previous?.id)
        const reuse = index !== null && index.context === contextKey ? index.articles : null
        const unchanged = new Set(
          reuse === null
            ? []
            : rows.filter((row) => row.fingerprint !== undefined && reuse[row._id]?.fingerprint === row.fingerprint && planner.previousEntry(row._id)?.inputHash === reuse[row._id]?.inputHash).map((row) => row._id),
        )
        for (const row of rows) if (row.fingerprint !== undefined) fingerprints.set(row._id, row.fingerprint)
        const loads = prefetch(rows.filter((row) => !unchanged.has(row._id)).map((row) => row._id), SOURCE_PREFETCH, (id) => source.getArticle(id))
        const inFlight: Array<Promise<void>> = []
        let done = 0
        // Fingerprints say some article changed or went away: this run makes a new release, so link as we go. Without
        // them (the Content Lake, a first run) nothing is known yet, and the links wait until the release proves new.
        const fingerprinted = reuse !== null && rows.every((row) => row.fingerprint !== undefined)
        if (fingerprinted && (unchanged.size < rows.length || (previous?.manifest.articles.length ?? 0) > rows.length)) planner.linkEagerly()
        let sinceYield = 0
        for (const row of rows) {
          const id = row._id
          if (unchanged.has(id) && planner.reuseUnchanged(id)) {
            hooks.onProgress?.(++done, rows.length)
            // Let the pool hear from its workers between batches of links (a task is handed over on this thread).
            if (++sinceYield % 256 === 0) await new Promise((resolve) => setImmediate(resolve))
            continue
          }
          // An unchanged article that cannot be reused as is (another article took its slug) is read now.
          const article = unchanged.has(id) ? await source.getArticle(id) : ((await loads.next()).value as [string, SourceArticle | null])[1]
          if (article === null) {
            hooks.onProgress?.(++done, rows.length)
            continue
          }
          const prepared = await prepareArticle(article, prepareContext, planner.previousEntry(id))
          const plan = planner.plan(prepared)
          // Commits happen in id order: each waits for the one before it, so the slug rules are deterministic.
          const before = inFlight.at(-1) ?? Promise.resolve()
          const runner = plan.job ? await startRunner() : null
          const work = runner && plan.job ? runner.run(withSharedCitations(plan.job, shared)) : Promise.resolve(null)
          const committed = Promise.all([work, before]).then(([result]) => {
            if (result?.citations) {
              newCitations.push(...result.citations)
              const threads = started.runner?.threads ?? 1
              if (threads > 1) shared.push({entries: result.citations, left: threads})
            }
            planner.commit(plan, result)
            hooks.onProgress?.(++done, rows.length)
          })
          // Marked handled now; the error still surfaces when this promise is awaited below.
          committed.catch(() => {})
          inFlight.push(committed)
          if (inFlight.length >= (started.runner?.concurrency ?? 1)) await inFlight.shift()
        }
        await Promise.all(inFlight)
      } finally {
        await started.runner?.close()
      }
      const entries = planner.finish()
      const header = {
        generator: {...stages.generator, rendererVersion: stages.rendererVersion},
        dataset: source.label,
        asOf: options.asOf,
        strict: options.strict,
        formats: options.formats,
      }
      const files = writeReleaseFiles(staging, stages, catalogueHtml(buildManifest(header, entries, {})), options.fsync)
      const manifest = buildManifest(header, entries, files)
      const manifestText = serialiseManifest(manifest)
      let releaseId: string
      if (previous && manifestText === previous.manifestText) {
        // Nothing changed: the live release already is this release. Nothing is linked, written or switched.
        releaseId = previous.id
        discardStaging(outDir, staging)
      } else {
        planner.linkReused()
        writeFileDurable(path.join(staging, 'manifest.json'), Buffer.from(manifestText), options.fsync)
        if (options.fsync) {
          fsyncDirectory(path.join(staging, 'articles'))
          fsyncDirectory(staging)
        }
        // The id is the manifest's fingerprint, and the manifest fingerprints every file: same content, same id.
        releaseId = sha256(manifestText).slice(0, 16)
        publishRelease(outDir, staging, releaseId, options.fsync)
      }
      staging = null
      const reuseIndex = buildReuseIndex(releaseId, contextKey, entries, fingerprints)
      if (Object.keys(reuseIndex.articles).length > 0) writeReuseIndex(outDir, reuseIndex)
      if (newCitations.length > 0) await persistCitations(context.citationCacheFile as string, newCitations)
      const prunedReleases = pruneReleases(outDir, options.keep)
      return {
        releaseId,
        release: `releases/${releaseId}`,
        manifest,
        summary: planner.summary,
        findings: planner.findings,
        sourceProblems: source.problems(),
        removedLeftovers,
        prunedReleases,
      }
    } finally {
      await source.close()
    }
  } finally {
    if (staging) discardStaging(outDir, staging)
    unlock()
  }
}

interface SharedCitations {
  entries: unknown[]
  left: number
}

/**
 * Sends the references other threads formatted lately along with a job: each batch rides on as many jobs as there
 * are threads, so every thread most likely gets it before it meets those sources (a miss only costs formatting).
 */
function withSharedCitations(job: ArticleJob, shared: SharedCitations[]): ArticleJob {
  if (shared.length === 0) return job
  const citations = shared.flatMap((batch) => batch.entries)
  for (const batch of shared) batch.left--
  while (shared.length > 0 && (shared[0] as SharedCitations).left <= 0) shared.shift()
  return {...job, citations}
}

/** Adds the references formatted in this run to the cache file (loaded only when there is something to add). */
async function persistCitations(file: string, entries: unknown[]): Promise<void> {
  try {
    const {readCitationCacheFile, writeCitationCacheFile} = await import('../citation-cache/citation-cache-file.ts')
    const {isCitationCacheEntry} = await import('../render/citations/reference-cache.ts')
    mkdirSync(path.dirname(file), {recursive: true})
    writeCitationCacheFile(file, [...readCitationCacheFile(file), ...entries.filter(isCitationCacheEntry)])
  } catch {
    // Only a cache: the next run formats those references again.
  }
}

function writeReleaseFiles(
  staging: string,
  stages: {articleSchema: string; manifestSchema: string},
  catalogue: string,
  fsync: boolean,
): Record<string, FileRecord> {
  const files: Record<string, FileRecord> = {}
  mkdirSync(path.join(staging, 'schema'))
  const write = (name: string, text: string): void => {
    const bytes = Buffer.from(text, 'utf8')
    writeFileDurable(path.join(staging, name), bytes, fsync)
    files[name] = {sha256: sha256(bytes), bytes: bytes.byteLength}
  }
  write('index.html', catalogue)
  write('schema/article.schema.json', stages.articleSchema)
  write('schema/manifest.schema.json', stages.manifestSchema)
  if (fsync) fsyncDirectory(path.join(staging, 'schema'))
  return files
}
