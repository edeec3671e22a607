import {mkdirSync, readdirSync, unlinkSync} from 'node:fs'
import path from 'node:path'
import {RESERVED_SLUGS, SLUG_PATTERN, WINDOWS_DEVICE_NAMES} from '../../domain/slug.ts'
import {SLUG_MAX_LENGTH as MAX_SLUG_LENGTH} from '../../domain/slug.ts'
import type {Diagnostic} from '../diagnostic.ts'
import {isoDay} from '../render/formats/dates.ts'
import {articleUrl} from '../render/site-url.ts'
import type {ArticleRow, SourceArticle} from '../source/types.ts'
import type {ArticleImages} from '../images/article-images.ts'
import type {ArticleReview, Run} from './options.ts'
import {prefetch, readReuseIndex, unchangedArticles, type PreparedArticle} from './prepare.ts'
import {bundleId, linkArticle, type BundleStore} from '../store/bundle-store.ts'
import {ARTICLES, articleDir} from './release/files.ts'
import {manifestFinding, type FileRecord, type ManifestArticle} from './release/manifest.ts'
import {recycleRelease, type PreviousRelease, type RecycledLinks} from './release/staging.ts'
import {ExportError, fileSystemCode} from './release/safety.ts'
import {decidePublication, type PublicationDecision, type PublicationPolicy} from './review-policy.ts'

/** How many articles are requested from the source at once when it does not say (`ContentSource.readAhead`). */
const SOURCE_PREFETCH = 8

export interface ExportPlan {
  /** Every published article, in id order. */
  rows: ArticleRow[]
  planner: ArticlePlanner
  /** Articles the reuse index shows unchanged: reused from the live release without being read. */
  unchanged: ReadonlySet<string>
  /** The other articles, read from the source a few ahead, in id order (null: no longer published). */
  reads: AsyncGenerator<[string, SourceArticle | null]>
}

/** Lists the articles, decides from the reuse index which need reading, and starts reading them. */
export async function planExport(run: Run): Promise<ExportPlan> {
  const {options, previous, source} = run
  const {strict} = options
  const {policy, asOf} = run.context
  const planner = new ArticlePlanner({
    staging: run.staging,
    store: run.store,
    previous,
    strict,
    reuse: options.full !== true,
    policy,
    asOf,
    siteUrl: run.context.settings?.siteUrl ?? null,
  })
  const rows: ArticleRow[] = []
  for await (const row of source.listArticles()) rows.push(row)
  const reuse = options.full === true ? null : readReuseIndex(run.outDir, previous?.id, run.fingerprint.key)
  const unchanged = unchangedArticles(rows, reuse, (id) => planner.previousEntry(id))
  // Fingerprints say some article changed or went away: this run makes a new release, so link as we go. Without
  // them (the Content Lake, a first run) nothing is known yet, and the links wait until the release proves new.
  const fingerprinted = reuse !== null && rows.every((row) => row.fingerprint !== undefined)
  const changed = unchanged.size < rows.length || (previous?.manifest.articles.length ?? 0) > rows.length
  if (fingerprinted && changed) planner.linkEagerly(recycleRelease(run.outDir, run.staging, options.keep))
  const reads = prefetch(
    rows.filter((row) => !unchanged.has(row._id)).map((row) => row._id),
    source.readAhead ?? SOURCE_PREFETCH,
    (id) => source.getArticle(id),
  )
  return {rows, planner, unchanged, reads}
}

/**
 * Decides, for each article in id order, what the export does with it, and records the result:
 *
 * - reuse: the previous release exported it from the same inputs → hard-link its files (`linkReused`), no
 *   validation or render;
 * - work: validate and render (the job), unless the slug cannot be a path or another article already has it;
 * - keep: the work was blocked but the previous release has good files → carry those over, `status: "kept"`;
 * - the publication policy (`decidePublication`) first: for a review status it blocks, no work and nothing kept;
 *   for `keep-last-reviewed`, no work, and the previous files are kept only when an approval covers their text.
 *
 * Slugs go to the first article (by id) that asks for one; a later article asking for the same slug is blocked.
 */

export interface ExportSummary {
  rendered: number
  reused: number
  kept: number
  blocked: number
}

export interface ArticleJob {
  article: SourceArticle
  /** `JSON.stringify(article)`, when already made: what a worker thread is sent instead of the object. */
  sourceJson?: string
  review: ArticleReview
  contentHash: string
  /** The article's directory in the staging release, or null when its slug cannot be used (validate only). */
  dir: string | null
  /** References other workers formatted lately, for this thread's cache (see `ArticleRunner.threads` in work.ts). */
  citations?: unknown[]
  /** The article's images as placed in the release (`placeArticleImages`); absent when it shows none. */
  images?: ArticleImages
}

/**
 * An `ArticleJob` as posted to a worker thread: the article as its JSON text, not the object. Posting clones what
 * is sent; a string is copied flat, an article's object graph (thousands of small objects) is walked and rebuilt on
 * the export thread, the serial part of a run with workers. An article read from a source is JSON's own values (it
 * was decoded from JSON), so the parse gives an equal article.
 */
export type WireJob = Omit<ArticleJob, 'article' | 'sourceJson'> & {sourceJson: string}

export type ArticleWork = (
  | {
      outcome: 'rendered'
      findings: Diagnostic[]
      files: Record<string, FileRecord>
      images?: string[]
      /** Where the files are, when not in the article's folder: a worker that read the article wrote them before
       * the plan gave it one (`readAndWork`). */
      dir?: string
    }
  | {outcome: 'blocked'; findings: Diagnostic[]}
) & {
  /** References a worker formatted for this article that no cache had yet (plain data, to be persisted). */
  citations?: unknown[]
}

/** What the plan reads of an article: everything but its body and sources (`PlannedArticle`). */
export type ArticleHead = Pick<
  SourceArticle,
  '_id' | 'slug' | 'title' | '_rev' | 'lastEditedAt' | 'publishedAt' | 'reviews'
>

/** An article as the plan sees it: its head, fingerprints and review state (`PreparedArticle` without the body). */
export type PlannedArticle = Omit<PreparedArticle, 'article' | 'sourceJson'> & {article: ArticleHead}

/**
 * The live release exported this article from the same inputs: its files are still right (the planner reuses them
 * when its folder stands at the same slug; a worker that read the article leaves it to the planner).
 */
export function madeFromSameInputs(
  previous: ManifestArticle | undefined,
  inputHash: string,
): previous is ManifestArticle {
  return previous !== undefined && previous.status === 'exported' && previous.inputHash === inputHash
}

/** The head of an article: what a worker that read it sends back for the plan (`readAndWork`). */
export function articleHead(article: SourceArticle): ArticleHead {
  const {_id, slug, title, _rev, lastEditedAt, publishedAt, reviews} = article
  return {_id, slug, title, _rev, lastEditedAt, publishedAt, reviews}
}

export interface Plan {
  prepared: PlannedArticle
  previous: ManifestArticle | undefined
  /**
   * The validate-and-render work, or null when there is none (the files are reused, or the policy decided): where
   * its files go (`dir`, null when its slug cannot be used: validate only).
   */
  job: {dir: string | null} | null
  /** Diagnostics the plan itself raised (unusable or duplicate slug, publication policy). */
  findings: Diagnostic[]
  /** The publication policy's decision, when it is not to publish (then there is no job). */
  decision?: Exclude<PublicationDecision, {kind: 'publish'}>
}

/** The diagnostics met for one article (its own, and those about documents it uses, such as its citations). */
export interface ArticleFindings {
  id: string
  slug: string | null
  findings: Diagnostic[]
}

export class ArticlePlanner {
  readonly summary: ExportSummary = {rendered: 0, reused: 0, kept: 0, blocked: 0}
  readonly findings: ArticleFindings[] = []
  private readonly staging: string
  private readonly store: BundleStore
  private articlesMade = false
  private readonly previousRelease: PreviousRelease | null
  private readonly previousById: Map<string, ManifestArticle>
  private readonly strict: boolean
  private readonly reuse: boolean
  private readonly policy: PublicationPolicy | null
  private readonly asOf: string
  private readonly siteUrl: string | null
  private readonly slugOwners = new Map<string, string>()
  private previousSlugs: Set<string> | undefined
  private eager = false
  /** Links of a recycled release not claimed yet (`linkEagerly`): fixed as articles are linked, the rest removed. */
  private recycled: RecycledLinks | null = null
  private readonly entries: ManifestArticle[] = []
  private readonly reused: ManifestArticle[] = []
  /** Kept articles whose last good files sit at an older slug: settled once every slug claim is known. */
  private readonly deferredKeeps: Array<{entry: ManifestArticle; previous: ManifestArticle}> = []

  constructor(options: {
    staging: string
    /** Where bundles live; releases link their article folders to it. */
    store: BundleStore
    previous: PreviousRelease | null
    strict: boolean
    reuse: boolean
    /** Without one, every status is published (as before the policy existed). */
    policy?: PublicationPolicy
    asOf?: string
    /** settings' `siteUrl`: published entries get their page's `url` (for the sitemap). */
    siteUrl?: string | null
  }) {
    this.siteUrl = options.siteUrl ?? null
    this.staging = options.staging
    this.store = options.store
    this.policy = options.policy ?? null
    this.asOf = options.asOf ?? ''
    this.reuse = options.reuse
    this.strict = options.strict
    this.previousRelease = options.previous
    this.previousById = new Map((options.previous?.manifest.articles ?? []).map((entry) => [entry.id, entry]))
  }

  previousEntry(id: string): ManifestArticle | undefined {
    return this.previousById.get(id)
  }

  plan(prepared: PlannedArticle): Plan {
    const {article} = prepared
    const previous = this.previousById.get(article._id)
    const slug = article.slug
    const problem = slugProblem(slug)
    if (problem !== null || slug === null) {
      const findings = [slugFinding(article._id, problem ?? ['', ''])]
      return {prepared, previous, job: {dir: null}, findings}
    }
    const owner = this.slugOwners.get(slug)
    if (owner !== undefined) {
      const taken: SlugProblem = [
        `Another article (${owner}) already uses the slug "${slug}";`,
        'give this article its own slug.',
      ]
      const findings = [slugFinding(article._id, taken, 'export-slug-duplicate')]
      return {prepared, previous, job: {dir: null}, findings}
    }
    this.slugOwners.set(slug, article._id)
    if (this.policy !== null) {
      const decision = decidePublication({prepared, policy: this.policy, previous, asOf: this.asOf})
      if (decision.kind !== 'publish') return {prepared, previous, job: null, findings: [decision.finding], decision}
    }
    if (
      this.reuse &&
      madeFromSameInputs(previous, prepared.inputHash) &&
      previous.slug === slug &&
      this.previousHas(slug)
    ) {
      this.carryOver(previous)
      return {prepared, previous, job: null, findings: []}
    }
    // The job writes its files into this folder: a recycled link there would lead into the store.
    this.unclaimRecycled(slug)
    return {prepared, previous, job: {dir: articleDir(this.staging, slug)}, findings: []}
  }

  /**
   * Reuses the live release's entry for an article known unchanged without reading it (its source fingerprint
   * matched). False when the entry cannot be carried over as is (not exported, or its slug was taken or lost):
   * then the article goes the normal way.
   */
  reuseUnchanged(id: string): boolean {
    const previous = this.previousById.get(id)
    if (!this.reuse || !previous || previous.status !== 'exported' || previous.slug === null) return false
    const slug = previous.slug
    if (slugProblem(slug) !== null || this.slugOwners.has(slug) || !this.previousHas(slug)) return false
    this.slugOwners.set(slug, id)
    this.carryOver(previous)
    this.summary.reused++
    this.entries.push(previous)
    return true
  }

  commit(plan: Plan, work: ArticleWork | null): void {
    const {prepared, previous} = plan
    if (plan.decision) {
      this.commitDecision(plan, plan.decision)
      return
    }
    if (work === null && previous) {
      this.summary.reused++
      this.entries.push(previous)
      return
    }
    const findings = [
      ...plan.findings.filter((finding) => !duplicatesValidation(finding, work)),
      ...(work?.findings ?? []),
    ]
    if (findings.length > 0) this.findings.push({id: prepared.article._id, slug: prepared.article.slug, findings})
    if (work?.outcome === 'rendered' && plan.findings.length === 0) {
      this.storeRendered(prepared.article.slug as string, work.files, work.dir)
      this.summary.rendered++
      this.entries.push(entryOf(prepared, 'exported', work.files, [], this.siteUrl, work.images))
      return
    }
    const blocking = findings.filter(
      (finding) => finding.severity === 'error' || (this.strict && finding.severity === 'warning'),
    )
    const entry = entryOf(prepared, 'blocked', {}, blocking)
    if (previous && previous.status !== 'blocked' && previous.slug !== null && Object.keys(previous.files).length > 0) {
      if (previous.slug === prepared.article.slug && this.slugOwners.get(previous.slug) === prepared.article._id) {
        this.keep(entry, previous)
      } else {
        this.deferredKeeps.push({entry, previous})
      }
    }
    this.entries.push(entry)
  }

  /** The publication policy said block, or keep the last reviewed files: no work was done for this article. */
  private commitDecision(plan: Plan, decision: NonNullable<Plan['decision']>): void {
    const {prepared} = plan
    this.findings.push({id: prepared.article._id, slug: prepared.article.slug, findings: plan.findings})
    const blocking = plan.findings.filter((finding) => finding.severity === 'error')
    const entry = entryOf(prepared, 'blocked', {}, decision.kind === 'block' ? blocking : plan.findings)
    if (decision.kind === 'keep') {
      const {previous} = decision
      const ownSlug = previous.slug === prepared.article.slug
      if (ownSlug && this.slugOwners.get(previous.slug as string) === prepared.article._id) this.keep(entry, previous)
      else this.deferredKeeps.push({entry, previous})
    }
    this.entries.push(entry)
  }

  /** Settles the deferred keeps and returns every manifest entry. */
  finish(): ManifestArticle[] {
    for (const {entry, previous} of this.deferredKeeps) {
      const slug = previous.slug as string
      const owner = this.slugOwners.get(slug)
      if (owner === undefined) {
        this.slugOwners.set(slug, entry.id)
        this.keep(entry, previous)
      } else {
        const reason = `The last published version cannot be kept: its address "${slug}" is now used by ${owner}.`
        const note = 'Fix this article so it can be published again.'
        const finding = slugFinding(entry.id, [reason, note], 'export-kept-slug-taken')
        entry.findings = [...(entry.findings ?? []), manifestFinding(finding)]
        this.findings.push({id: entry.id, slug: entry.slug, findings: [finding]})
      }
    }
    for (const entry of this.entries) if (entry.status === 'blocked') this.summary.blocked++
    return this.entries
  }

  private keep(entry: ManifestArticle, previous: ManifestArticle): void {
    const slug = previous.slug as string
    this.linkFromPrevious(previous, slug)
    entry.status = 'kept'
    entry.slug = slug
    entry.files = previous.files
    if (previous.images) entry.images = previous.images
    // The sitemap dates the text the kept files show, not the blocked edit.
    delete entry.lastEdited
    if (previous.lastEdited !== undefined) entry.lastEdited = previous.lastEdited
    const url = articleUrl(this.siteUrl, slug)
    if (url) entry.url = url
    entry.keptRevision = previous.status === 'kept' ? (previous.keptRevision ?? previous.revision) : previous.revision
    const keptHash = previous.status === 'kept' ? previous.keptContentHash : previous.contentHash
    if (keptHash !== undefined) entry.keptContentHash = keptHash
    this.summary.kept++
  }

  /**
   * From now on, link each reused article's files as soon as it is planned. Worth it once some article needs work
   * (the release will almost surely change): the links, tens of thousands of system calls, then happen while
   * workers render instead of after them. Until then they wait for `linkReused`, which is skipped when the whole
   * release turns out unchanged.
   */
  linkEagerly(recycled: RecycledLinks | null = null): void {
    this.eager = true
    if (recycled !== null) {
      this.recycled = recycled
      this.articlesMade = recycled.links.size > 0
    }
    this.linkPending()
  }

  /** The release whose article links this run took over (`recycleRelease`): pruned already. */
  get recycledRelease(): string | null {
    return this.recycled?.id ?? null
  }

  /**
   * Links the reused articles into the new release (those not linked yet); then removes the recycled links no
   * article claimed (gone, blocked, or at another slug now). Called once every article is settled.
   */
  linkReused(): void {
    this.linkPending()
    if (this.recycled === null) return
    for (const slug of this.recycled.links.keys()) unlinkSync(path.join(this.staging, ARTICLES, slug))
    this.recycled.links.clear()
  }

  private linkPending(): void {
    for (const previous of this.reused) this.linkOne(previous)
    this.reused.length = 0
  }

  private carryOver(previous: ManifestArticle): void {
    if (this.eager) this.linkOne(previous)
    else this.reused.push(previous)
  }

  private linkOne(previous: ManifestArticle): void {
    try {
      this.linkFromPrevious(previous, previous.slug as string)
    } catch (error) {
      if (fileSystemCode(error) !== null) throw error
      throw new ExportError(
        'live-release-damaged',
        `The live release is missing files of ${previous.id} (${(error as Error).message}). Run \`npx vetted verify\` on it, then export again with --full to render everything afresh.`,
      )
    }
  }

  /** A cheap guard against a previous release damaged by hand: its article folder must still be there. */
  private previousHas(slug: string): boolean {
    // One directory listing instead of a stat per article (10,000 stats were a tenth of a re-export).
    this.previousSlugs ??= new Set(
      this.previousRelease === null ? [] : listDirectory(path.join(this.previousRelease.dir, 'articles')),
    )
    return this.previousSlugs.has(slug)
  }

  /**
   * An unchanged article's folder links to the same store entry as in the live release: one `symlink`. A live
   * release of the layout before the store (real folders) gives the store its entry first, by hard links.
   */
  private linkFromPrevious(previous: ManifestArticle, slug: string): void {
    if (!this.previousRelease) throw new Error('Cannot reuse files without a previous release.')
    // The recycled link names these files already (in the steady state, all but a handful): nothing to do.
    if (this.keepRecycled(slug, previous.files)) return
    const id = bundleId(previous.files)
    const from = path.join(this.previousRelease.dir, ARTICLES, previous.slug as string)
    this.store.ensureFrom(id, from, Object.keys(previous.files))
    this.link(slug, id)
  }

  /** A rendered bundle, written to its folder in the staging release, moves into the store; the folder links to it. */
  private storeRendered(slug: string, files: Record<string, FileRecord>, dir = articleDir(this.staging, slug)): void {
    const id = bundleId(files)
    this.store.put(dir, id)
    this.link(slug, id)
  }

  private link(slug: string, id: string): void {
    const articles = path.join(this.staging, ARTICLES)
    if (!this.articlesMade) mkdirSync(articles, {recursive: true})
    this.articlesMade = true
    this.unclaimRecycled(slug)
    linkArticle(articles, slug, id)
  }

  /** True when a recycled link at `slug` names these files: it stays, claimed. */
  private keepRecycled(slug: string, files: Readonly<Record<string, FileRecord>>): boolean {
    const linked = this.recycled?.links.get(slug)
    if (linked === undefined || linked !== bundleId(files)) return false
    this.recycled?.links.delete(slug)
    return true
  }

  /** Removes the recycled link at `slug`, if one is there unclaimed, so the folder can be made afresh. */
  private unclaimRecycled(slug: string): void {
    if (this.recycled?.links.delete(slug) === true) unlinkSync(path.join(this.staging, ARTICLES, slug))
  }
}

function entryOf(
  prepared: PlannedArticle,
  status: ManifestArticle['status'],
  files: ManifestArticle['files'],
  findings: Diagnostic[],
  siteUrl: string | null = null,
  images: string[] = [],
): ManifestArticle {
  const {article, review} = prepared
  const lastEdited = isoDay(article.lastEditedAt) ?? isoDay(article.publishedAt)
  const url = status === 'blocked' || article.slug === null ? null : articleUrl(siteUrl, article.slug)
  return {
    id: article._id,
    slug: article.slug,
    title: article.title,
    revision: article._rev,
    contentHash: prepared.contentHash,
    reviewStatus: review.status,
    lastReviewed: review.lastReviewed,
    nextReviewDue: review.nextReviewDue,
    ...(lastEdited ? {lastEdited} : {}),
    ...(url ? {url} : {}),
    status,
    inputHash: prepared.inputHash,
    sourceHash: prepared.sourceHash,
    files,
    ...(images.length > 0 ? {images} : {}),
    findings: findings.map(manifestFinding),
  }
}

/** Validation may have its own slug rule; then the export's finding would only repeat it. */
function duplicatesValidation(finding: Diagnostic, work: ArticleWork | null): boolean {
  const slugError = (other: Diagnostic): boolean => other.severity === 'error' && other.place.path[0] === 'slug'
  return finding.ruleId === 'export-slug-unusable' && (work?.findings ?? []).some(slugError)
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

// The pattern and reserved names are the Studio's slug rule, so a writer is told before publishing. The export
// checks again here because a slug becomes a directory name: nothing with dots, slashes, upper case or spaces
// may ever leave `articles/` or clash on a case-insensitive disk, whatever the source let through.
export {MAX_SLUG_LENGTH, RESERVED_SLUGS, SLUG_PATTERN, WINDOWS_DEVICE_NAMES}

/** What is wrong with a slug, and what to do. */
export type SlugProblem = [reason: string, note: string]

/** Why a slug cannot be used as an address, or null when it can. */
export function slugProblem(slug: string | null): SlugProblem | null {
  if (slug === null || slug === '') {
    return ['The article has no slug, so it has no address to publish at.', 'Generate a slug in Studio.']
  }
  if (slug.length > MAX_SLUG_LENGTH) {
    return [`The slug is ${slug.length} characters long;`, `shorten it to ${MAX_SLUG_LENGTH} or fewer.`]
  }
  if (!SLUG_PATTERN.test(slug)) {
    return [
      `The slug "${slug}" cannot be used as an address:`,
      'use only lower-case letters, digits and single hyphens (like "infant-mental-health").',
    ]
  }
  if (RESERVED_SLUGS.has(slug))
    return [`The slug "${slug}" is reserved for the release itself;`, 'choose another slug.']
  if (WINDOWS_DEVICE_NAMES.test(slug)) {
    const reason = `The slug "${slug}" is a device name on Windows, where its folder cannot be created or copied;`
    return [reason, 'choose another slug.']
  }
  return null
}

function slugFinding(documentId: string, [reason, note]: SlugProblem, ruleId = 'export-slug-unusable'): Diagnostic {
  return {ruleId, source: 'vetted:export', severity: 'error', place: {documentId, path: ['slug']}, reason, note}
}
