import {readFile, realpath} from 'node:fs/promises'
import path from 'node:path'

/**
 * The release a request is served from. `OUT/current` is resolved once, at the start of each request, to the real
 * release directory; everything after that reads below that directory, so a switch of `current` mid-request does
 * not mix two releases. Releases are immutable once switched to, so what is read from a manifest is cached by the
 * release's real path.
 */

export interface FileRecord {
  sha256: string
  bytes: number
}

export interface ReleaseSummary {
  articles: number
  byStatus: Record<string, number>
  asOf: string | null
  dataset: string | null
  generator: string | null
}

export interface Release {
  /** The release directory's name, e.g. the id the export gave it. */
  id: string
  /** Real path of the release directory. */
  root: string
  /**
   * Real path of the output folder's bundle store (`OUT/store`), which the release's article folders link into;
   * null when the release is not in an output folder's `releases/`. Served files must be below `root` or this.
   */
  store: string | null
  /** Files the manifest lists, by path relative to the release (`articles/<slug>/article.json`). */
  files: ReadonlyMap<string, FileRecord>
  /** Null when `manifest.json` is missing or unreadable (the release is still served, with hashed ETags). */
  summary: ReleaseSummary | null
  manifestProblem: string | null
}

export interface ReleaseStore {
  /** The live release, or null when `OUT/current` does not exist yet. */
  current(): Promise<Release | null>
}

export function createReleaseStore(outDir: string): ReleaseStore {
  const currentLink = path.join(outDir, 'current')
  const cache = new Map<string, Promise<Release>>()
  return {
    async current() {
      let root: string
      try {
        root = await realpath(currentLink)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      let release = cache.get(root)
      if (!release) {
        release = loadRelease(root)
        cache.set(root, release)
        // A few recent releases are plenty: requests in flight hold their own reference.
        for (const key of cache.keys()) if (cache.size > 4) cache.delete(key)
      }
      return release
    },
  }
}

async function loadRelease(root: string): Promise<Release> {
  const id = path.basename(root)
  const store = await storeOf(root)
  let text: string
  try {
    text = await readFile(path.join(root, 'manifest.json'), 'utf8')
  } catch (error) {
    return {
      id,
      root,
      store,
      files: new Map(),
      summary: null,
      manifestProblem: `manifest.json cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    }
  }
  let manifest: unknown
  try {
    manifest = JSON.parse(text)
  } catch {
    return {id, root, store, files: new Map(), summary: null, manifestProblem: 'manifest.json is not valid JSON'}
  }
  return {id, root, store, ...indexManifest(manifest), manifestProblem: null}
}

/** `OUT/store` (real path) for a release at `OUT/releases/<id>`, or null. */
async function storeOf(root: string): Promise<string | null> {
  const parent = path.dirname(root)
  if (path.basename(parent) !== 'releases') return null
  try {
    return await realpath(path.join(path.dirname(parent), 'store'))
  } catch {
    return null
  }
}

/** The manifest's file records by release-relative path, and the counts health checks report. */
export function indexManifest(manifest: unknown): {files: Map<string, FileRecord>; summary: ReleaseSummary} {
  const files = new Map<string, FileRecord>()
  const byStatus: Record<string, number> = {}
  const record = isRecord(manifest) ? manifest : {}
  // Release-level files (catalogue, schemas) by their path in the release.
  if (isRecord(record.files)) {
    for (const [name, entry] of Object.entries(record.files))
      if (isFileRecord(entry)) files.set(name, {sha256: entry.sha256, bytes: entry.bytes})
  }
  const articles = Array.isArray(record.articles) ? record.articles.filter(isRecord) : []
  for (const article of articles) {
    const status = typeof article.status === 'string' ? article.status : 'unknown'
    byStatus[status] = (byStatus[status] ?? 0) + 1
    if (typeof article.slug !== 'string' || !isRecord(article.files)) continue
    for (const [name, entry] of Object.entries(article.files)) {
      if (isFileRecord(entry)) files.set(`articles/${article.slug}/${name}`, {sha256: entry.sha256, bytes: entry.bytes})
    }
  }
  const generator =
    isRecord(record.generator) && typeof record.generator.name === 'string'
      ? `${record.generator.name}${typeof record.generator.version === 'string' ? `@${record.generator.version}` : ''}`
      : null
  return {
    files,
    summary: {
      articles: articles.length,
      byStatus,
      asOf: typeof record.asOf === 'string' ? record.asOf : null,
      dataset: typeof record.dataset === 'string' ? record.dataset : null,
      generator,
    },
  }
}

function isFileRecord(value: unknown): value is FileRecord {
  return (
    isRecord(value) &&
    typeof value.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(value.sha256) &&
    typeof value.bytes === 'number'
  )
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
