import type {PathSegment, RuleFinding} from '../../schemas/rules/rule.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ReviewState, ReviewStatus} from '../../schemas/rules/review-status.ts'
import type {ContentSource, SourceArticle, SourceSettings} from '../source/types.ts'
import type {PublicationAction} from './review-policy.ts'

/**
 * The types the export stages share. The three parts the export calls (source, validation, render) are injected
 * as `ExportStages`, typed against the agreed interfaces, so the release mechanics are testable on their own and the
 * shipped path wires the real implementations (`real-stages.ts`).
 */

/** A finding as reported by validation (its `Finding` adds `slug` and `source`) or raised by the export itself. */
export interface ExportFinding extends RuleFinding {
  source?: string
  slug?: string | null
}

/** A review as the article query returns it. */
export type SourceReview = SourceArticle['reviews'][number]
export type ArticleReview = ReviewState<SourceReview>

/** What `validateArticle` receives (interfaces.md, validation). */
export interface ValidateInput {
  article: SourceArticle
  settings: SourceSettings | null
  review: ArticleReview
  contentHash: string
  asOf: string
  strict?: boolean
  /** Per-status severity over the settings' (`--severity`). */
  severity?: ReviewSeverity
}

export interface ValidationOutcome {
  findings: readonly ExportFinding[]
  blocked: boolean
}

/** A render-time message: the parts of a vfile message the export reports. */
export interface RenderMessage {
  message: string
  ruleId?: string | null
  source?: string | null
  fatal?: boolean | null
  /** Sanity field path of the node the message is about. */
  path?: PathSegment[]
}

/** What `renderArticle` receives (interfaces.md, render). */
export interface RenderInput {
  article: SourceArticle
  settings: SourceSettings | null
  review: ArticleReview
  contentHash: string
  asOf: string
  datasetLabel: string
}

export const BUNDLE_FILES = ['index.html', 'fragment.html', 'article.json', 'article.txt', 'article.md'] as const
export type BundleFileName = (typeof BUNDLE_FILES)[number]

export interface RenderOutcome {
  files: Record<BundleFileName, string>
  messages: readonly RenderMessage[]
}

export interface OpenSourceInput {
  dataset?: string
  /** A folder the source may keep its caches in (the export's `OUT/.cache`). */
  cacheDir?: string
  env: Record<string, string | undefined>
  cwd: string
}

/** A renderer's cache of formatted references, persisted by the export between runs (optional). */
export interface CitationCacheStage {
  /** Loads the entries saved by earlier runs into this thread's cache. */
  seed: (file: string) => Promise<void>
  /** The entries this thread formatted since the last call (plain data). */
  takeNew: () => Promise<unknown[]>
  /** Entries another thread formatted in this run. */
  add: (entries: unknown[]) => Promise<void>
}

export interface ExportStages {
  openSource: (options: OpenSourceInput) => Promise<ContentSource>
  validateArticle: (input: ValidateInput) => ValidationOutcome | Promise<ValidationOutcome>
  renderArticle: (input: RenderInput) => Promise<RenderOutcome>
  citationCache?: CitationCacheStage
  rendererVersion: string
}

export type Format = 'html' | 'json' | 'txt' | 'md'
export const FORMATS: readonly Format[] = ['html', 'json', 'txt', 'md']
export const FORMAT_FILES: Record<Format, readonly BundleFileName[]> = {
  html: ['index.html', 'fragment.html'],
  json: ['article.json'],
  txt: ['article.txt'],
  md: ['article.md'],
}

export interface ExportOptions {
  /** Where releases go; `OUT/current` points at the live one. */
  outDir: string
  dataset?: string
  asOf: string
  strict: boolean
  /** Per-status severity of the review rules over the settings' (`--severity`). */
  severity?: ReviewSeverity
  /** Publication action per review status over the settings' (`--policy`). */
  policy?: Partial<Record<ReviewStatus, PublicationAction>>
  /** Which formats to write (default: all), kept in FORMATS order. */
  formats: readonly Format[]
  /** How many releases to keep, the new one included. @defaultValue 3 */
  keep: number
  /** Render every article afresh instead of reusing unchanged ones from the live release. @defaultValue false */
  full?: boolean
  /** fsync files and directories before the switch, so a power loss cannot leave a half-written release live. @defaultValue true */
  fsync: boolean
  /** Append each worked-on article's validate+render+write time to this file (JSON lines; for `npm run bench`). */
  timings?: string
}

export interface FileRecord {
  sha256: string
  bytes: number
}

export type ArticleStatus = 'exported' | 'kept' | 'blocked'

/** One article's entry in `manifest.json`. */
export interface ManifestArticle {
  id: string
  /** The address of the files; for a blocked article, the slug it asked for (which may be unusable), or null. */
  slug: string | null
  title: string | null
  revision: string
  contentHash: string
  reviewStatus: ReviewStatus
  lastReviewed: string | null
  nextReviewDue: string | null
  status: ArticleStatus
  /** Fingerprint of everything the files depend on: decides re-render or reuse on the next export. */
  inputHash: string
  /** Fingerprint of the resolved query result alone, to reuse `contentHash` without recomputing it. */
  sourceHash: string
  /** For a kept article: the revision whose files are carried over. */
  keptRevision?: string
  /** For a kept article: the content hash of the text its kept files show. */
  keptContentHash?: string
  files: Record<string, FileRecord>
  findings?: ExportFinding[]
}

export interface Manifest {
  schemaVersion: 1
  generator: {name: string; version: string; rendererVersion: string}
  dataset: string
  asOf: string
  options: {strict: boolean; formats: Format[]}
  counts: {articles: number; byStatus: Record<ArticleStatus, number>; byReviewStatus: Record<ReviewStatus, number>}
  /** The release's own files besides the articles' (the catalogue and the schemas), so `verify` can check them too. */
  files: Record<string, FileRecord>
  articles: ManifestArticle[]
}
