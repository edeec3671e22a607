import path from 'node:path'
import {releaseImageFiles, saveImageIndex} from '../images/release-images.ts'
import {exportCitationPrepass} from '../citation-prepass/format-cited-sources.ts'
import {SourceError} from '../source/errors.ts'
import type {SourceProblem} from '../source/types.ts'
import type {BundleStore} from '../store/bundle-store.ts'
import type {verifyRelease as verifyReleaseType} from '../verify/verify-release.ts'
import {handOffTrash} from '../store/trash.ts'
import {liveReleaseStands, recordReleaseCode, type ReleaseInputs} from '../unchanged-release/unchanged-release.ts'
import {persistCitations} from './citation-cache.ts'
import {openRun, type ExportOptions, type Run} from './options.ts'
import {planExport, type ArticleFindings, type ExportPlan, type ExportSummary} from './plan.ts'
import {buildReuseIndex, writeReuseIndex} from './prepare.ts'
import {makeReleaseDurable} from './release/durability.ts'
import {fsyncDirectory} from './release/files.ts'
import type {Manifest, ManifestArticle, ManifestHeader} from './release/manifest.ts'
import {ExportLockedError} from './release/lock.ts'
import {checkShrink, ExportError, fileSystemFailure, verifyFailure} from './release/safety.ts'
import {
  CACHE_DIR,
  liveBundles,
  linkedFromLive,
  publish,
  pruneReleases,
  type PreviousRelease,
} from './release/staging.ts'
import {stageClock} from './stage-clock.ts'
import type {ExportStages} from './stages.ts'
import {openRunners, startWorkersEarly, workThrough, type ExportHooks} from './work.ts'

/**
 * `vetted export`, start to finish: every step is a module of this folder (docs/architecture.md has the map).
 *
 *   open run → plan → citations → work → write release → publish
 *
 * The speed work stays inside the steps: unchanged articles are reused before they are read (`prepare.ts`),
 * their folders linked into the bundle store while the others render (`plan.ts`), each cited source is formatted once before the work
 * (`citation-prepass/`), work runs in worker threads (`work.ts`), and commits happen in id order so the result is
 * deterministic.
 */
export async function runExport(options: ExportOptions, stages: ExportStages, hooks: Hooks = {}): Promise<Result> {
  try {
    return await exportRelease(options, stages, hooks)
  } catch (error) {
    // A full disk, a folder that cannot be written: one line with what to do (exit 2), never a stack.
    const said = error instanceof ExportError || error instanceof SourceError || error instanceof ExportLockedError
    throw (said ? null : fileSystemFailure(error, options.outDir)) ?? error
  }
}

async function exportRelease(options: ExportOptions, stages: ExportStages, hooks: Hooks): Promise<Result> {
  const lap = stageClock(options.timings)
  lap('start-up')
  // A cold export's render workers start loading now, while the run opens (`startWorkersEarly`).
  const early = startWorkersEarly(options, stages, hooks)
  // Open run: lock OUT, clean what killed runs left, open the source and a staging release; the run context.
  const run = await openRun(options, stages).catch(async (error: unknown) => {
    await early?.close()
    throw error
  })
  lap('open')
  let result: Omit<Result, 'cleaner'>
  let cleaner: number | null
  try {
    // Plan: list the articles; the reuse index tells which are unchanged; start reading the others.
    const plan = await planExport(run)
    lap('plan')
    // Render workers, if any and not started early, start loading now; the work hands them articles.
    const runners = await openRunners(run, plan, stages, hooks, early)
    let citations: unknown[]
    try {
      // Citations: each distinct source those articles cite is formatted once, in a short-lived thread, and cached.
      await exportCitationPrepass(run, plan, stages.citationCache)
      lap('citations')
      // Work, per article in id order: reuse, or read → prepare → plan → validate, render, write → commit.
      citations = await workThrough(run, plan, stages, runners, hooks)
    } finally {
      await runners.close()
    }
    lap('work')
    const entries = plan.planner.finish()
    // Refused before anything is written if it would take too many live articles down (unless --allow-shrink).
    checkShrink(run.previous?.manifest.articles ?? null, entries, options)
    const header = manifestHeader(run, stages)
    const cacheDir = path.join(run.outDir, CACHE_DIR)
    // Nothing changed (`unchanged-release/`): the live release is what this run would write, and it stays live.
    const inputs = {header, entries, schemas: stages, placedImages: run.images.placedFiles().length > 0}
    const stands = liveReleaseStands(run.previous, inputs, cacheDir)
    const {releaseId, manifest} = stands ? liveRelease(run, lap) : await writeAndPublish(run, plan, stages, inputs, lap)
    // Every article found unchanged in the reuse index, and the release kept: the index would be written as it is.
    if (!stands || plan.unchanged.size < plan.rows.length)
      writeReuseIndex(run.outDir, buildReuseIndex(releaseId, run.fingerprint.key, entries, plan.rows))
    recordReleaseCode(cacheDir, releaseId)
    await persistCitations(run.context.citationCacheFile as string, citations)
    await saveImageIndex(run.images, cacheDir)
    lap('caches')
    const prunedReleases = pruneOrKeep(run, releaseId, entries, plan.planner.recycledRelease)
    lap('prune')
    const {summary, findings} = plan.planner
    const {removedLeftovers} = run
    const sourceProblems = run.source.problems()
    const release = `releases/${releaseId}`
    result = {releaseId, release, manifest, summary, findings, sourceProblems, removedLeftovers, prunedReleases}
  } finally {
    // Closed with the runners, unless the plan failed before they were opened.
    await early?.close()
    await run.close()
    // What this run put in the trash (pruned releases, unused bundles, a discarded staging release, leftovers) is
    // deleted by a detached process: the command does not wait for it (pipeline/store/trash.ts).
    cleaner = handOffTrash(run.outDir)
    lap('close')
  }
  return {...result, cleaner}
}

/** The live release, kept: nothing to write, verify or switch (the steps' laps stay, for `--timings`). */
function liveRelease(run: Run, lap: (stage: string) => void): {releaseId: string; manifest: Manifest} {
  const {id, manifest} = run.previous as PreviousRelease
  lap('write release')
  lap('switch')
  return {releaseId: id, manifest}
}

/**
 * Write release: catalogue, schemas and manifest into the staging release; then publish: verify it, rename it into
 * releases/, switch `current` (unless it equals the live one after all).
 */
async function writeAndPublish(
  run: Run,
  plan: ExportPlan,
  stages: ExportStages,
  {header, entries}: ReleaseInputs,
  lap: (stage: string) => void,
): Promise<{releaseId: string; manifest: Manifest}> {
  // Loaded here: a release that stays live is neither written nor verified again.
  const {writeReleaseFiles} = await import('./release/write-release.ts')
  const {verifyRelease} = await import('../verify/verify-release.ts')
  const images = releaseImageFiles(run.images, entries)
  const {manifest, manifestSha256} = writeReleaseFiles(run.staging, header, entries, stages, images)
  lap('write release')
  const linkReused = (): void => {
    plan.planner.linkReused()
    if (run.context.fsync && run.store.changed) fsyncDirectory(run.store.dir)
    lap('link reused')
  }
  const verify = (staging: string): void => {
    verifyStaged(verifyRelease, staging, run.previous, run.store, {value: manifest, sha256: manifestSha256})
    lap('verify')
  }
  const makeDurable = (staging: string): void => {
    makeReleaseDurable(run.durability, {staging, store: run.store, cacheDir: path.join(run.outDir, CACHE_DIR)})
    lap('sync')
  }
  const releaseId = publish(run.outDir, run.staging, manifestSha256, run.previous, {
    fsync: run.options.fsync,
    linkReused,
    makeDurable,
    verify,
  })
  lap('switch')
  return {releaseId, manifest}
}

/**
 * The staged release, checked as `vetted verify` checks a live one before `current` switches. Article folders that
 * link to a store entry of the live release (verified when it went live; entries never change) are not read again,
 * nor files hard-linked from a live release of the older layout: a re-export of 10,000 articles that changed one
 * reads one bundle, not 50,000 files. Bundles this run wrote are checked for their files and sizes but not read
 * back: their hashes were taken of the bytes written, and their article.json checked before it was written. The
 * manifest is hashed, not parsed: this run serialized it (`writtenManifest`).
 */
function verifyStaged(
  verifyRelease: VerifyRelease,
  staging: string,
  previous: PreviousRelease | null,
  store: BundleStore,
  writtenManifest: {value: Manifest; sha256: string},
): void {
  const options = {
    writtenManifest,
    isVerified: linkedFromLive(previous),
    isVerifiedBundle: liveBundles(previous),
    isWrittenBundle: (id: string) => store.wrote(id),
    ownArticleSchema: true,
  }
  const {problems} = verifyRelease(staging, options)
  if (problems.length > 0) throw verifyFailure(problems.map((problem) => `${problem.file}: ${problem.message}`))
}

/** After the switch nothing may fail the export: what cannot be pruned now is pruned next time. */
function pruneOrKeep(
  run: Run,
  releaseId: string,
  entries: readonly ManifestArticle[],
  recycled: string | null,
): string[] {
  try {
    const collect = {store: run.store, releaseId, entries, previous: run.previous, recycled}
    return pruneReleases(run.outDir, run.options.keep, collect)
  } catch {
    return []
  }
}

function manifestHeader(run: Run, stages: ExportStages): ManifestHeader {
  const {asOf, strict, formats} = run.options
  const generator = {...stages.generator, rendererVersion: stages.rendererVersion}
  return {generator, dataset: run.source.label, asOf, strict, formats}
}

type Result = ExportResult
type VerifyRelease = typeof verifyReleaseType
type Hooks = ExportHooks

export interface ExportResult {
  releaseId: string
  /** `releases/<id>`, relative to the output folder. */
  release: string
  manifest: Manifest
  summary: ExportSummary
  /** Every diagnostic met, warnings included, by article in id order. Reused articles were not checked again. */
  findings: ArticleFindings[]
  sourceProblems: SourceProblem[]
  removedLeftovers: string[]
  /** Renamed out of `releases/` and deleted after the command, by the detached cleaner. */
  prunedReleases: string[]
  /** The pid of the detached process deleting this run's trash, or null when there was none to delete. */
  cleaner: number | null
}

export type {ExportOptions} from './options.ts'
export type {ExportHooks} from './work.ts'
export type {ExportStages} from './stages.ts'
