import {appendFileSync} from 'node:fs'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import {writeBundle} from './bundle-files.ts'
import type {ArticleReview, ExportFinding, ExportStages, FileRecord, Format, RenderMessage} from './types.ts'

/**
 * The per-article unit of work: validate, render, write the files. It takes only plain data plus the two stage
 * functions, so the same function runs in the main thread or in a worker thread (see `worker.ts`).
 */

export interface ArticleJob {
  article: SourceArticle
  review: ArticleReview
  contentHash: string
  /** The article's directory in the staging release, or null when its slug cannot be used (validate only). */
  dir: string | null
  /** References other workers formatted lately, for this thread's cache (see `ArticleRunner.threads`). */
  citations?: unknown[]
}

export interface ArticleContext {
  settings: SourceSettings | null
  asOf: string
  datasetLabel: string
  strict: boolean
  /** Per-status severity of the review rules (`--severity`). */
  severity?: ReviewSeverity
  formats: readonly Format[]
  fsync: boolean
  /** The formatted-reference cache the workers seed from (`OUT/.cache/citations.ndjson`); none in tests. */
  citationCacheFile?: string
  /** Opt-in (`--timings <file>`, for the benchmark): append `{"id","ms"}` per article worked on, one JSON line each. */
  timings?: string
}

export type ArticleStageFunctions = Pick<ExportStages, 'validateArticle' | 'renderArticle' | 'citationCache'>

/** Cache files this thread's renderer has been seeded from. */
const seeded = new Set<string>()

export type ArticleWork = (
  | {outcome: 'rendered'; findings: ExportFinding[]; files: Record<string, FileRecord>}
  | {outcome: 'blocked'; findings: ExportFinding[]}
) & {
  /** References a worker formatted for this article that no cache had yet (plain data, to be persisted). */
  citations?: unknown[]
}

export async function exportArticle(job: ArticleJob, context: ArticleContext, stages: ArticleStageFunctions): Promise<ArticleWork> {
  const cache = context.citationCacheFile !== undefined ? stages.citationCache : undefined
  if (cache && !seeded.has(context.citationCacheFile as string)) {
    seeded.add(context.citationCacheFile as string)
    await cache.seed(context.citationCacheFile as string)
  }
  if (cache && job.citations) await cache.add(job.citations)
  const start = performance.now()
  const work = await validateRenderWrite(job, context, stages)
  if (context.timings !== undefined) {
    appendFileSync(context.timings, `${JSON.stringify({id: job.article._id, ms: Math.round((performance.now() - start) * 1000) / 1000})}\n`)
  }
  const citations = cache ? await cache.takeNew() : []
  return citations.length > 0 ? {...work, citations} : work
}

async function validateRenderWrite(job: ArticleJob, context: ArticleContext, stages: ArticleStageFunctions): Promise<ArticleWork> {
  const {article, review, contentHash} = job
  let validation: Awaited<ReturnType<ArticleStageFunctions['validateArticle']>>
  let rendered: Awaited<ReturnType<ArticleStageFunctions['renderArticle']>> | null = null
  // One document the stages cannot handle (a field of the wrong type, say) blocks that article with a finding;
  // it must not stop the export of every other article.
  try {
    validation = await stages.validateArticle({
      article,
      settings: context.settings,
      review,
      contentHash,
      asOf: context.asOf,
      strict: context.strict,
      ...(context.severity ? {severity: context.severity} : {}),
    })
    if (!validation.blocked && job.dir !== null) {
      rendered = await stages.renderArticle({article, settings: context.settings, review, contentHash, asOf: context.asOf, datasetLabel: context.datasetLabel})
    }
  } catch (error) {
    return {outcome: 'blocked', findings: [stageFailure(article, error)]}
  }
  const findings = [...validation.findings]
  if (rendered === null || job.dir === null) return {outcome: 'blocked', findings}
  const renderFindings = rendered.messages.map((message) => renderFinding(article, message))
  findings.push(...renderFindings)
  if (renderFindings.some((finding) => finding.severity === 'error' || (context.strict && finding.severity === 'warning'))) return {outcome: 'blocked', findings}
  const files = writeBundle(job.dir, rendered.files, context.formats, context.fsync)
  return {outcome: 'rendered', findings, files}
}

/** An exception from validation or rendering, as an error finding: what failed, and what to check. */
function stageFailure(article: SourceArticle, error: unknown): ExportFinding {
  const reason = error instanceof Error ? error.message : String(error)
  return {
    ruleId: 'export-article-failed',
    severity: 'error',
    documentId: article._id,
    path: [],
    message: `The pipeline could not check or render this article (${reason.slice(0, 200)}). A field probably holds a value of the wrong kind, such as a number where text belongs: check the article, its people and its sources in Studio, and report this to the developers.`,
    source: 'vetted:export',
    slug: article.slug,
  }
}

/** A render-time message (an unknown block type, ...) as a finding: a warning, or an error when the renderer says it is fatal. */
function renderFinding(article: SourceArticle, message: RenderMessage): ExportFinding {
  return {
    ruleId: message.ruleId ?? 'render',
    severity: message.fatal ? 'error' : 'warning',
    documentId: article._id,
    path: message.path ?? [],
    message: message.message,
    source: message.source ?? 'vetted:render',
    slug: article.slug,
  }
}
