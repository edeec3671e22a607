import path from 'node:path'
import {releaseImageFiles, saveImageIndex} from '../images/release-images.ts'
import {SourceError} from '../source/errors.ts'
import type {SourceProblem} from '../source/types.ts'
import {verifyRelease} from '../verify/verify-release.ts'
import {persistCitations} from './citation-cache.ts'
import {openRun, type ExportOptions, type Run} from './options.ts'
import {planExport, type ArticleFindings, type ExportSummary} from './plan.ts'
import {buildReuseIndex, writeReuseIndex} from './prepare.ts'
import {writeReleaseFiles} from './release/files.ts'
import type {Manifest, ManifestHeader} from './release/manifest.ts'
import {ExportLockedError} from './release/lock.ts'
import {checkShrink, ExportError, fileSystemFailure, verifyFailure} from './release/safety.ts'
import {CACHE_DIR, linkedFromLive, publish, pruneReleases, type PreviousRelease} from './release/staging.ts'
import type {ExportStages} from './stages.ts'
import {workThrough, type ExportHooks} from './work.ts'

/**
 * `vetted export`, start to finish: every step is a module of this folder (docs/architecture.md has the map).
 *
 *   open run → plan → work → write release → publish
 *
 * The speed work stays inside the steps: unchanged articles are reused before they are read (`prepare.ts`),
 * their files hard-linked while the others render (`plan.ts`), work runs in worker threads that share formatted
 * references (`work.ts`, `citation-cache.ts`), and commits happen in id order so the result is deterministic.
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
  // Open run: lock OUT, clean what killed runs left, open the source and a staging release; the run context.
  const run = await openRun(options, stages)
  try {
    // Plan: list the articles; the reuse index tells which are unchanged; start reading the others.
    const plan = await planExport(run)
    // Work, per article in id order: reuse, or read → prepare → plan → validate, render, write → commit.
    const citations = await workThrough(run, plan, stages, hooks)
    // Write release: catalogue, schemas and manifest into the staging release.
    const entries = plan.planner.finish()
    // Refused before anything is written if it would take too many live articles down (unless --allow-shrink).
    checkShrink(run.previous?.manifest.articles ?? null, entries, options)
    const header = manifestHeader(run, stages)
    const images = releaseImageFiles(run.images, entries)
    const {manifest, manifestText} = writeReleaseFiles(run.staging, header, entries, stages, options.fsync, images)
    // Publish: verify it, rename it into releases/, switch `current` (unless it equals the live one); the caches; prune.
    const linkReused = (): void => plan.planner.linkReused()
    const verify = (staging: string): void => verifyStaged(staging, run.previous)
    const releaseId = publish(run.outDir, run.staging, manifestText, run.previous, {
      fsync: options.fsync,
      linkReused,
      verify,
    })
    writeReuseIndex(run.outDir, buildReuseIndex(releaseId, run.fingerprint.key, entries, plan.rows))
    await persistCitations(run.context.citationCacheFile as string, citations)
    await saveImageIndex(run.images, path.join(run.outDir, CACHE_DIR))
    const prunedReleases = pruneOrKeep(run.outDir, options.keep)
    const {summary, findings} = plan.planner
    const {removedLeftovers} = run
    const sourceProblems = run.source.problems()
    const release = `releases/${releaseId}`
    return {releaseId, release, manifest, summary, findings, sourceProblems, removedLeftovers, prunedReleases}
  } finally {
    await run.close()
  }
}

/**
 * The staged release, checked as `vetted verify` checks a live one before `current` switches. Files hard-linked from
 * the live release (the same inode, listed with the same sha256) were verified when that release was made and
 * releases are never modified: only their presence and size are checked, so a re-export of 10,000 articles that
 * changed one does not read 50,000 files again.
 */
function verifyStaged(staging: string, previous: PreviousRelease | null): void {
  const {problems} = verifyRelease(staging, {isVerified: linkedFromLive(previous)})
  if (problems.length > 0) throw verifyFailure(problems.map((problem) => `${problem.file}: ${problem.message}`))
}

/** After the switch nothing may fail the export: old releases that cannot be pruned now are pruned next time. */
function pruneOrKeep(outDir: string, keep: number): string[] {
  try {
    return pruneReleases(outDir, keep)
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
  prunedReleases: string[]
}

export type {ExportOptions} from './options.ts'
export type {ExportHooks} from './work.ts'
export type {ExportStages} from './stages.ts'
