import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  type Stats,
} from 'node:fs'
import path from 'node:path'
import {temporaryFileOwner} from '../../atomic-file.ts'
import {articleBundle, bundleId, type BundleStore} from '../../store/bundle-store.ts'
import {dropReleaseLinks, readReleaseLinks, writeReleaseLinks} from '../../store/release-links.ts'
import {abandonedTrash, moveToTrash, queueTrash} from '../../store/trash.ts'
import {ARTICLES, fsyncDirectory, sha256} from './files.ts'
import {abandonedLockFile, isProcessAlive} from './lock.ts'
import type {FileRecord, Manifest, ManifestArticle} from './manifest.ts'

/**
 * The output folder:
 *
 *   OUT/current -> releases/<id>     the live release (a relative symlink)
 *   OUT/releases/<id>/               complete releases, never modified once published; each article folder
 *                                    `articles/<slug>` is a relative symlink `../../../store/<bundle>`
 *   OUT/releases/.staging-<pid>-<n>/ a release being built (beside the releases, so its links resolve the same
 *                                    before and after the rename that publishes it)
 *   OUT/store/<bundle>/              article bundles by content (pipeline/store/bundle-store.ts), never modified
 *   OUT/.current-<pid>               the next `current` symlink, about to be renamed over it
 *   OUT/.trash-<pid>-<n>/            an old release or bundle being deleted by a detached cleaner
 *   OUT/.lock                        the pid of the export running now
 *   OUT/.cache/                      what makes the next run fast (source line index, reuse index, formatted
 *                                    references, each release's links); safe to delete
 *
 * Why the switch is atomic on POSIX: rename(2) replaces the destination name in one step; there is no moment at which
 * `current` is missing or points at a half-built tree. A reader resolves `current/manifest.json` to the old release or
 * the new one, and files it already opened stay readable. The release itself was renamed into `releases/` complete, so
 * whatever `current` names is whole. A run killed at any point leaves only dot-leftovers, removed by the next run.
 * Deleting never holds the command up: what goes is renamed to trash and deleted by a detached process
 * (pipeline/store/trash.ts), so a half-deleted release is never under `releases/`.
 */

export const RELEASES = 'releases'
export const CURRENT = 'current'
export const CACHE_DIR = '.cache'
const LEFTOVER = /^\.(staging|current)-(\d+)(?:-\d+)?$|^\.lock\.stale-(\d+)$|^\.lock\.new-(\d+)-[0-9a-f]+$/

let sequence = 0

export function ensureOutDir(outDir: string): void {
  mkdirSync(path.join(outDir, RELEASES), {recursive: true})
}

/**
 * Removes what killed runs left behind: only names whose owning process is gone (never this process's own). Folders
 * (a staging release, trash a cleaner did not finish) are renamed to trash and deleted by this run's cleaner.
 */
export function removeLeftovers(outDir: string): string[] {
  const removed: string[] = []
  const releasesDir = path.join(outDir, RELEASES)
  const places = [
    {dir: outDir, prefix: ''},
    {dir: releasesDir, prefix: `${RELEASES}/`},
  ]
  for (const {dir, prefix} of places) {
    for (const name of readdirSync(dir)) {
      const match = LEFTOVER.exec(name)
      if (!match) continue
      const pid = Number(match[2] ?? match[3] ?? match[4])
      if (pid === process.pid) continue
      // A lock's draft or a lock moved aside is judged by the lock's own rules alone: the pid in its name may be another
      // container's, alive or not here.
      const abandoned = match[1] === undefined ? abandonedLockFile(path.join(dir, name)) : !isProcessAlive(pid)
      if (!abandoned) continue
      if (match[1] === 'staging') moveToTrash(outDir, path.join(dir, name))
      else rmSync(path.join(dir, name), {recursive: true, force: true})
      removed.push(`${prefix}${name}`)
    }
  }
  const trash = abandonedTrash(outDir, isProcessAlive)
  queueTrash(outDir, trash)
  removed.push(...trash)
  // Caches are written to a temporary name (`temporaryFile`) and renamed: a killed writer leaves that file.
  const cache = path.join(outDir, CACHE_DIR)
  for (const name of existsSync(cache) ? readdirSync(cache) : []) {
    const pid = temporaryFileOwner(name)
    if (pid === null || pid === process.pid || isProcessAlive(pid)) continue
    rmSync(path.join(cache, name), {force: true})
    removed.push(`${CACHE_DIR}/${name}`)
  }
  return removed.sort()
}

export function createStaging(outDir: string): string {
  const dir = path.join(outDir, RELEASES, `.staging-${process.pid}-${++sequence}`)
  mkdirSync(dir)
  return dir
}

/** The id of the live release, or null when there is none (first run, or `current` is not one of our symlinks). */
export function currentReleaseId(outDir: string): string | null {
  try {
    const target = readlinkSync(path.join(outDir, CURRENT))
    const parts = target.split('/')
    return parts.length === 2 && parts[0] === RELEASES && parts[1] ? parts[1] : null
  } catch {
    return null
  }
}

export interface PreviousRelease {
  id: string
  dir: string
  manifest: Manifest
  /** sha256 of manifest.json as written, to recognise an unchanged release (its id is the first 16 digits). */
  manifestSha256: string
}

/** The live release and its manifest: the base for reuse and for keeping blocked articles' last good files. */
export function readPreviousRelease(outDir: string): PreviousRelease | null {
  const id = currentReleaseId(outDir)
  if (!id) return null
  const dir = path.join(outDir, RELEASES, id)
  try {
    // The bytes are hashed as read: hashing the decoded text would encode 13 MB back to UTF-8 first.
    const bytes = readFileSync(path.join(dir, 'manifest.json'))
    const manifestSha256 = sha256(bytes)
    const manifest = JSON.parse(bytes.toString('utf8')) as Manifest
    return manifest.schemaVersion === 1 && Array.isArray(manifest.articles) ? {id, dir, manifest, manifestSha256} : null
  } catch {
    return null
  }
}

/**
 * True for a staged file that is the live release's own file (a hard link: the same inode) listed with the same
 * sha256 and size: its content was verified when the live release was made, and releases are never modified.
 */
export function linkedFromLive(
  previous: PreviousRelease | null,
): (file: string, record: FileRecord, stats: Stats) => boolean {
  if (previous === null) return () => false
  let listed: Map<string, Readonly<Record<string, FileRecord>>> | null = null
  return (file, record, stats) => {
    // By slug, not by path: the export asks for a few files (the release's own, a changed article's), not 50,000.
    listed ??= new Map(previous.manifest.articles.map((article) => [article.slug ?? '', article.files]))
    const slash = file.startsWith('articles/') ? file.indexOf('/', 'articles/'.length) : -1
    const files = slash === -1 ? (previous.manifest.files ?? {}) : (listed.get(file.slice(9, slash)) ?? {})
    const name = slash === -1 ? file : file.slice(slash + 1)
    const live = Object.hasOwn(files, name) ? files[name] : undefined
    if (live?.sha256 !== record.sha256 || live.bytes !== record.bytes) return false
    try {
      const liveStats = lstatSync(path.join(previous.dir, file))
      return liveStats.ino === stats.ino && liveStats.dev === stats.dev
    } catch {
      return false
    }
  }
}

/**
 * Publishes the staging release, unless it equals the live one: then nothing is linked, synced or switched, and
 * the live release's id is returned. Otherwise the reused articles are linked in (`linkReused`, those not linked
 * yet), the manifest (written last, streamed: `writeReleaseFiles`) and the tree are synced, the release is verified
 * (`verify` throws to stop here: nothing is switched, the staging tree is discarded by the run), and it is renamed
 * into `releases/<id>`: the id is the manifest's fingerprint, and the manifest fingerprints every file, so the same
 * content gives the same id.
 */
export function publish(
  outDir: string,
  staging: string,
  manifestSha256: string,
  previous: PreviousRelease | null,
  options: {
    fsync: boolean
    linkReused: () => void
    /** Makes every file of the staged release durable (`durability.ts`); the names are synced as it is published. */
    makeDurable: (staging: string) => void
    verify?: (staging: string) => void
  },
): string {
  if (previous && manifestSha256 === previous.manifestSha256) {
    discardStaging(outDir, staging)
    return previous.id
  }
  options.linkReused()
  options.makeDurable(staging)
  options.verify?.(staging)
  const id = manifestSha256.slice(0, 16)
  publishRelease(outDir, staging, id, options.fsync)
  return id
}

/**
 * Moves the finished staging tree to `releases/<id>` and points `current` at it. The id is derived from the content,
 * so an identical release already there is simply reused and the staging tree discarded.
 */
export function publishRelease(outDir: string, staging: string, id: string, fsync: boolean): string {
  const releasesDir = path.join(outDir, RELEASES)
  const releaseDir = path.join(releasesDir, id)
  if (existsSync(path.join(releaseDir, 'manifest.json'))) {
    moveToTrash(outDir, staging)
  } else {
    if (existsSync(releaseDir)) moveToTrash(outDir, releaseDir)
    renameSync(staging, releaseDir)
    if (fsync) fsyncDirectory(releasesDir)
  }
  const next = path.join(outDir, `.current-${process.pid}`)
  rmSync(next, {force: true})
  symlinkSync(`${RELEASES}/${id}`, next)
  renameSync(next, path.join(outDir, CURRENT))
  if (fsync) fsyncDirectory(outDir)
  // Pruning orders releases by when they were last made current; a timestamp on the directory, never in a file.
  // Best effort: `current` has switched, so nothing after this line may fail the export.
  const now = new Date()
  try {
    utimesSync(releaseDir, now, now)
  } catch {
    // Only the pruning order.
  }
  return releaseDir
}

/**
 * Keeps the `keep` most recently published releases (the live one always) and moves the rest to the trash; then,
 * when a release went, the store entries no kept release links to (`collectStore`). Renames only: the deleting
 * happens after the command, in the detached cleaner.
 */
export function pruneReleases(outDir: string, keep: number, collect?: StoreCollection): string[] {
  const releasesDir = path.join(outDir, RELEASES)
  const removed: string[] = []
  for (const name of beyondKeep(releasesDir, currentReleaseId(outDir), Math.max(1, keep))) {
    moveToTrash(outDir, path.join(releasesDir, name))
    removed.push(name)
  }
  // A release recycled by this run (`recycleRelease`) was pruned early: its store entries are collected now.
  const recycled = collect?.recycled ?? null
  if (recycled !== null && !removed.includes(recycled)) removed.push(recycled)
  if (collect) recordLinks(outDir, collect)
  if (collect && removed.length > 0) collectStore(outDir, collect.store, bundlesInMemory(collect))
  return removed.sort()
}

/** The new release's links for the next runs (`release-links.ts`); the records of releases gone, removed. */
function recordLinks(outDir: string, {releaseId, entries}: StoreCollection): void {
  const cacheDir = path.join(outDir, CACHE_DIR)
  // A release that stayed live has its record already: 10,000 bundle ids are not computed to find that out.
  if (readReleaseLinks(cacheDir, releaseId) === null) {
    const links = new Map<string, string>()
    for (const entry of entries)
      if (entry.slug !== null && Object.keys(entry.files).length > 0) links.set(entry.slug, bundleId(entry.files))
    writeReleaseLinks(cacheDir, releaseId, links)
  }
  const releases = readdirSync(path.join(outDir, RELEASES)).filter((name) => !name.startsWith('.'))
  dropReleaseLinks(cacheDir, new Set(releases))
}

/**
 * The releases of `releasesDir` a prune keeping `keep` (the live one always, then the most recently made current)
 * removes, most recent first.
 */
function beyondKeep(releasesDir: string, live: string | null, keep: number): string[] {
  const releases = readdirSync(releasesDir)
    .filter((name) => !name.startsWith('.'))
    .map((name) => ({name, time: statSync(path.join(releasesDir, name)).mtimeMs}))
    .sort((a, b) => b.time - a.time || (a.name < b.name ? -1 : 1))
  const kept = new Set<string>(live ? [live] : [])
  for (const release of releases) if (kept.size < keep) kept.add(release.name)
  return releases.filter((release) => !kept.has(release.name)).map((release) => release.name)
}

/** What `pruneReleases` needs to collect the store: the new release's entries and the live one it replaced. */
export interface StoreCollection {
  store: BundleStore
  releaseId: string
  entries: readonly ManifestArticle[]
  previous: PreviousRelease | null
  /** The release this run recycled (`recycleRelease`), or null. */
  recycled?: string | null
}

/** A recycled release's article links: the store entry each slug's link names. */
export interface RecycledLinks {
  /** The release they were taken from (gone from `releases/`). */
  id: string
  links: Map<string, string>
}

/**
 * Takes the release the prune after this run would remove anyway and gives its `articles/` folder (a symlink per
 * article) to the staging release: in the steady state its links are the new release's but for a handful, so the
 * planner fixes those (`ArticlePlanner.linkEagerly`) instead of making 10,000 symlinks (a third of a one-article
 * re-export of 10,000). Its links come from its link record (`release-links.ts`), else from `readlink` (cheaper than
 * parsing a 13 MB manifest either way); the staged release is verified before it goes live all the same, and its
 * verify reads each link itself.
 *
 * Crash safety: the release is first renamed to a staging name of this process (`.staging-<pid>-<n>`), which the
 * next run removes as a killed run's leftover; then its `articles/` moves into `staging` and the rest goes to the
 * trash. A kept release is never half-taken: it is whole under `releases/` or gone. The trade-off: the oldest
 * release is pruned before the switch instead of after it, so a run that fails or is killed leaves `keep - 1`
 * releases (the live one among them, untouched) until the next export. Nothing is recycled with `--keep 1` (the
 * release to prune would be the live one), nor from a release of the layout before the store (real folders).
 */
export function recycleRelease(outDir: string, staging: string, keep: number): RecycledLinks | null {
  if (keep < 2 || existsSync(path.join(staging, ARTICLES))) return null
  const releasesDir = path.join(outDir, RELEASES)
  // The new release takes one of the `keep` places.
  const id = beyondKeep(releasesDir, currentReleaseId(outDir), keep - 1)[0]
  if (id === undefined) return null
  const links = readReleaseLinks(path.join(outDir, CACHE_DIR), id) ?? storeLinks(path.join(releasesDir, id, ARTICLES))
  if (links === null) return null
  const taken = path.join(releasesDir, `.staging-${process.pid}-${++sequence}`)
  renameSync(path.join(releasesDir, id), taken)
  if (links.size > 0) renameSync(path.join(taken, ARTICLES), path.join(staging, ARTICLES))
  moveToTrash(outDir, taken)
  return {id, links}
}

/** Each article folder's store entry, or null when one is not a link of ours (a release of the older layout). */
function storeLinks(articlesDir: string): Map<string, string> | null {
  const links = new Map<string, string>()
  for (const slug of listDirectory(articlesDir)) {
    const id = articleBundle(articlesDir, slug)
    if (id === null) return null
    links.set(slug, id)
  }
  return links
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}

/**
 * The bundle ids of the releases whose manifests are in memory (the planner's entries share the live release's
 * `files` objects, so most ids were computed already when the links were made).
 */
function bundlesInMemory({releaseId, entries, previous}: StoreCollection): Map<string, string[]> {
  const known = new Map([[releaseId, bundlesOf(entries)]])
  if (previous && previous.id !== releaseId) known.set(previous.id, bundlesOf(previous.manifest.articles))
  return known
}

function bundlesOf(entries: readonly ManifestArticle[]): string[] {
  return entries.filter((entry) => Object.keys(entry.files).length > 0).map((entry) => bundleId(entry.files))
}

/**
 * Store entries the live release links to, with the files each holds: verified when it went live, and entries never
 * change. Comparing the records the staged manifest lists with the live ones costs less than hashing them again.
 */
export function liveBundles(
  previous: PreviousRelease | null,
): (id: string, files: Readonly<Record<string, FileRecord>>) => boolean {
  let live: Map<string, Readonly<Record<string, FileRecord>>> | undefined
  return (id, files) => {
    live ??= new Map(
      (previous?.manifest.articles ?? [])
        .filter((entry) => Object.keys(entry.files).length > 0)
        .map((entry) => [bundleId(entry.files), entry.files]),
    )
    const held = live.get(id)
    return held !== undefined && sameRecords(held, files)
  }
}

function sameRecords(a: Readonly<Record<string, FileRecord>>, b: Readonly<Record<string, FileRecord>>): boolean {
  if (a === b) return true
  const names = Object.keys(a)
  if (names.length !== Object.keys(b).length) return false
  return names.every((name) => {
    const other = Object.hasOwn(b, name) ? b[name] : undefined
    return other !== undefined && other.sha256 === a[name]?.sha256 && other.bytes === a[name]?.bytes
  })
}

/**
 * Moves store entries that no kept release links to into the trash. Runs under the export's lock, after pruning,
 * so no run can be linking to an entry while it goes. `kept` gives each kept release's bundle ids: from the
 * manifests in memory (the new release, the previous one) or, for older ones, from the record of their links
 * (`release-links.ts`) or the links themselves.
 */
function collectStore(outDir: string, store: BundleStore, inMemory: Map<string, readonly string[]>): string[] {
  const releasesDir = path.join(outDir, RELEASES)
  const referenced = new Set<string>()
  for (const name of readdirSync(releasesDir)) {
    if (name.startsWith('.staging-')) continue
    const ids =
      inMemory.get(name) ??
      readReleaseLinks(path.join(outDir, CACHE_DIR), name)?.values() ??
      linkedBundles(path.join(releasesDir, name, ARTICLES))
    for (const id of ids) referenced.add(id)
  }
  const collected: string[] = []
  // A store entry being built by a run that was killed (`.building-<pid>-<id>`, see BundleStore.ensureFrom).
  const {entries, building} = store.contents()
  for (const name of building) {
    const pid = Number(/^\.building-(\d+)-/.exec(name)?.[1])
    if (pid !== process.pid && !isProcessAlive(pid)) moveToTrash(outDir, path.join(store.dir, name))
  }
  for (const id of entries) {
    if (referenced.has(id)) continue
    moveToTrash(outDir, path.join(store.dir, id))
    collected.push(id)
  }
  return collected
}

function linkedBundles(articlesDir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(articlesDir)
  } catch {
    return []
  }
  const ids: string[] = []
  for (const name of names) {
    const id = articleBundle(articlesDir, name)
    if (id !== null) ids.push(id)
  }
  return ids
}

/** A staging release that is not published goes to the trash (deleted by the cleaner, after the command). */
export function discardStaging(outDir: string, staging: string): void {
  if (!existsSync(staging)) return
  // Without article folders (an unchanged release found before any link was made) it is four files: gone at once.
  if (existsSync(path.join(staging, ARTICLES))) moveToTrash(outDir, staging)
  else rmSync(staging, {recursive: true, force: true})
}
