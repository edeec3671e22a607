import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {canonicalJson} from '../../domain/canonical-json.ts'
import type {ReviewState, ReviewStatus} from '../../domain/review-status.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ContentSource, SourceArticle, SourceSettings} from '../source/types.ts'
import {BundleStore} from '../store/bundle-store.ts'
import {openReleaseImages} from '../images/release-images.ts'
import type {ReleaseImageStore} from '../images/store.ts'
import {citationCacheFile} from './citation-cache.ts'
import {sha256} from './release/files.ts'
import type {Format} from './release/manifest.ts'
import {durabilityOf, type Durability} from './release/durability.ts'
import {acquireLock} from './release/lock.ts'
import {CACHE_DIR, createStaging, discardStaging, ensureOutDir, readPreviousRelease} from './release/staging.ts'
import {removeLeftovers, type PreviousRelease} from './release/staging.ts'
import {checkCurrentLink, fileSystemFailure} from './release/safety.ts'
import {publicationPolicy, type PublicationAction, type PublicationPolicy} from './review-policy.ts'
import type {ExportStages} from './stages.ts'

/**
 * What an export is asked for (`ExportOptions`, from the CLI), the one run context every step and every worker
 * reads (`RunContext`: the run-wide inputs, declared once here and serialised once by `runFingerprint`), and the
 * open run that holds the output folder, the source and the staging release (`openRun`).
 */

export {BUNDLE_FILES, FORMAT_FILES, FORMATS, type BundleFileName, type Format} from './release/manifest.ts'

export interface ExportOptions {
  /** Where releases go, relative to `cwd`; `OUT/current` points at the live one. */
  outDir: string
  /** A local NDJSON dataset; when absent the source is chosen from `env`. */
  dataset?: string
  asOf: string
  /** Warnings block an article like errors. */
  strict: boolean
  /** Per-status severity of the review rules over the settings' (`--severity`). */
  severity?: ReviewSeverity
  /** Publication action per review status over the settings' (`--policy`). */
  policy?: Partial<Record<ReviewStatus, PublicationAction>>
  /** Which formats to write, kept in FORMATS order. */
  formats: readonly Format[]
  /** How many releases to keep, the new one included. @defaultValue 3 */
  keep: number
  /** Render every article afresh instead of reusing unchanged ones from the live release. @defaultValue false */
  full?: boolean
  /**
   * Publish even when the release would stop publishing more than `maxShrink` of the live release's articles
   * (`--allow-shrink`). @defaultValue false
   */
  allowShrink?: boolean
  /** The share of the live release's published articles a release may drop without `allowShrink`. @defaultValue 0.1 */
  maxShrink?: number
  /** fsync files and directories before the switch, so a power loss cannot leave a half-written release live. */
  fsync: boolean
  /** Worker threads for validation and rendering; 1 works in this thread. @defaultValue 1 */
  workers?: number
  /** Append each worked-on article's validate+render+write time to this file (JSON lines; for `npm run bench`). */
  timings?: string
  /** V8 heap limits for the threads the export starts (render workers, citation formatting); see `--max-memory`. */
  heapLimits?: ThreadHeapLimits
  cwd: string
  env: Record<string, string | undefined>
}

/** A review as the article query returns it, and the review state computed from it. */
export type SourceReview = SourceArticle['reviews'][number]
export type ArticleReview = ReviewState<SourceReview>

/**
 * The run-wide fields: the same for every article of a run, sent once to each worker thread (plain data). The ones
 * that decide an article's files (`settings` to `rendererVersion`) are fingerprinted together by `runFingerprint`.
 */
export interface RunContext {
  settings: SourceSettings | null
  asOf: string
  /** Where the content came from, e.g. "studio/dataset/production.ndjson" (never an absolute path). */
  datasetLabel: string
  strict: boolean
  /** Per-status severity of the review rules (`--severity`), over the settings'. */
  severity?: ReviewSeverity
  /** What is published for each review status: defaults, then settings, then `--policy`. */
  policy: PublicationPolicy
  formats: readonly Format[]
  /** RENDERER_VERSION plus a fingerprint of the code that decides the files (see `stages.ts`). */
  rendererVersion: string
  /** fsync each file as it is written (`Durability` `each-file`); a batched sync happens before the switch instead. */
  fsync: boolean
  /**
   * The JSON Schema every article.json this run writes is checked against before it is written (the release's
   * `schema/article.schema.json`), so the staged release's verify need not read the new files back.
   */
  articleSchema: string
  /** The formatted-reference cache the workers seed from (`OUT/.cache/citations.ndjson`); none in some tests. */
  citationCacheFile?: string
  /** See `ExportOptions.timings`. */
  timings?: string
  /** See `ExportOptions.heapLimits`. */
  heapLimits?: ThreadHeapLimits
}

/** The heap limits of each kind of thread an export starts. */
export interface ThreadHeapLimits {
  /** Each render worker of `--workers N` (N > 1). */
  worker: HeapLimits
  /** The citation pre-pass's formatting thread. */
  formatter: HeapLimits
}

/** A thread's V8 heap limits, as `worker_threads` `resourceLimits` takes them. */
export interface HeapLimits {
  maxOldGenerationSizeMb: number
  maxYoungGenerationSizeMb?: number
}

export interface RunFingerprint {
  /** The run-wide inputs' sha256: a reuse index made under another key says nothing about this run. */
  key: string
  /**
   * Everything an article's files and its validation depend on: the run-wide inputs, its resolved query result and
   * its review state in the form the outputs show. Equal input hashes mean the previous release's files (or its
   * blocking findings) are still right, so the export reuses them without validating or rendering again.
   */
  inputHash: (sourceHash: string, review: ArticleReview) => string
}

/**
 * Serialises the run-wide inputs once. The input hash is the canonical JSON of `{asOf, dataset, formats, policy,
 * renderer, review, settings, severity, source, strict}` (keys sorted, as `canonicalJson` writes them), assembled around the two
 * per-article parts, so the settings are not serialised again for each of 10,000 articles.
 */
export function runFingerprint(run: RunContext): RunFingerprint {
  const shared = {
    asOf: run.asOf,
    dataset: run.datasetLabel,
    formats: run.formats,
    policy: run.policy,
    renderer: run.rendererVersion,
  }
  const head = canonicalJson(shared).slice(0, -1)
  const settings = canonicalJson(run.settings)
  const severity = canonicalJson(run.severity ?? null)
  const strict = canonicalJson(run.strict)
  return {
    key: sha256(canonicalJson({...shared, settings: run.settings, severity: run.severity ?? null, strict: run.strict})),
    inputHash: (sourceHash, review) =>
      sha256(
        `${head},"review":${canonicalJson(reviewPart(review))},"settings":${settings},"severity":${severity},` +
          `"source":${JSON.stringify(sourceHash)},"strict":${strict}}`,
      ),
  }
}

/** The review state as the outputs show it (the approved review by id only). */
function reviewPart(review: ArticleReview): Record<string, unknown> {
  return {
    status: review.status,
    lastReviewed: review.lastReviewed,
    nextReviewDue: review.nextReviewDue,
    approvedReview: review.approvedReview?._id ?? null,
    edited: review.edited,
    changesRequestedSince: review.changesRequestedSince,
    changesRequestedOn: review.changesRequestedOn,
  }
}

/** An export under way: the output folder locked, the source open, a staging release made. */
export interface Run {
  options: ExportOptions
  outDir: string
  context: RunContext
  /** How the release is made durable before the switch (`fsync` in `context` is true only for `each-file`). */
  durability: Durability
  fingerprint: RunFingerprint
  source: ContentSource
  /** The live release: the base for reuse and for keeping blocked articles' last good files. */
  previous: PreviousRelease | null
  /** The release being built (`OUT/releases/.staging-…`); gone once published or discarded. */
  staging: string
  /** `OUT/store/`: the bundles the releases' article folders link to. */
  store: BundleStore
  /** The release's image files (`images/`), placed as articles are worked on. */
  images: ReleaseImageStore
  removedLeftovers: string[]
  /** Discards the staging release if it was not published, closes the source, unlocks the output folder. */
  close: () => Promise<void>
}

/** Locks `OUT`, cleans what killed runs left, opens the source and a staging release, and states the run context. */
export async function openRun(options: ExportOptions, stages: ExportStages): Promise<Run> {
  const outDir = path.resolve(options.cwd, options.outDir)
  try {
    mkdirSync(outDir, {recursive: true})
  } catch (error) {
    throw fileSystemFailure(error, options.outDir, true) ?? error
  }
  checkCurrentLink(outDir, options.outDir)
  const closers: Array<() => unknown> = [acquireLock(outDir, options.outDir)]
  const close = async (): Promise<void> => {
    for (const closer of closers.reverse()) await closer()
  }
  try {
    ensureOutDir(outDir)
    const removedLeftovers = removeLeftovers(outDir)
    const {dataset, env, cwd} = options
    // A first pass over the file parses every line: with workers, in two threads (`scan-half.ts`).
    const threads = options.workers ?? 1
    const source = await stages.openSource({dataset, env, cwd, cacheDir: path.join(outDir, CACHE_DIR), threads})
    closers.push(() => source.close())
    const settings = await source.getSettings()
    const previous = readPreviousRelease(outDir)
    const staging = createStaging(outDir)
    closers.push(() => discardStaging(outDir, staging))
    const durability = durabilityOf(options.fsync)
    const context: RunContext = {
      settings,
      asOf: options.asOf,
      datasetLabel: source.label,
      strict: options.strict,
      ...(options.severity ? {severity: options.severity} : {}),
      policy: publicationPolicy(settings, options.policy),
      formats: options.formats,
      rendererVersion: stages.rendererVersion,
      fsync: durability === 'each-file',
      articleSchema: stages.articleSchema,
      ...(options.timings === undefined ? {} : {timings: options.timings}),
      ...(options.heapLimits === undefined ? {} : {heapLimits: options.heapLimits}),
      citationCacheFile: citationCacheFile(outDir),
    }
    const fingerprint = runFingerprint(context)
    const store = new BundleStore(outDir)
    const images = openReleaseImages({staging, cacheDir: path.join(outDir, CACHE_DIR), previous, fsync: context.fsync})
    const opened = {options, outDir, context, durability, fingerprint, source, previous, staging, store, images}
    return {...opened, removedLeftovers, close}
  } catch (error) {
    await close()
    throw error
  }
}
