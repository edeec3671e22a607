import {hash} from 'node:crypto'
import {copyFileSync, linkSync, mkdirSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync} from 'node:fs'
import path from 'node:path'

/**
 * The content-addressed bundle store, `OUT/store/<id>/`: one folder per distinct set of files (an article's bundle),
 * named after what it holds, never modified once it is there. A release does not hold its articles' files: each
 * `releases/<release>/articles/<slug>` is a relative symlink, `../../../store/<id>`. An unchanged article costs its
 * next release one `symlink` instead of a `mkdir` and five `link`s, and a pruned release is 10,000 symlinks to
 * unlink instead of 60,000 names. Store entries no kept release points at are collected after pruning
 * (`unreferencedEntries`), under the export's lock, so a run never links to an entry being deleted.
 *
 * Same files ⇒ same id ⇒ same link target: releases stay byte-identical, links included. The store is generic over
 * "a folder of files with their sha256 and size": any other set of files a release shares with the previous one
 * can be put and linked the same way.
 */

export const STORE = 'store'

/** A file as the manifest lists it. */
export interface StoredFile {
  sha256: string
  bytes: number
}

/** The store name of a set of files: sha256 over their names, sha256 and sizes in name order (128 bits, hex). */
export function bundleId(files: Readonly<Record<string, StoredFile>>): string {
  let cached = ids.get(files)
  if (cached === undefined) {
    // One string hashed at once: the same bytes as a Hash object updated per file, for less (10,000 bundles of five
    // files: 47 → 15 ms on first use, 20 → 13 ms warm; a re-export of 10,000 articles names every live bundle).
    let text = ''
    for (const name of Object.keys(files).sort()) {
      const file = files[name] as StoredFile
      text += `${name}\0${file.sha256}\0${file.bytes}\n`
    }
    cached = hash('sha256', text, 'hex').slice(0, 32)
    ids.set(files, cached)
  }
  return cached
}

/** Reused manifest entries share their `files` object from release to release: its id is computed once per run. */
const ids = new WeakMap<object, string>()

/** A store id as `bundleId` makes them (so nothing else under `store/` is taken for one). */
export const BUNDLE_ID = /^[0-9a-f]{32}$/

/** The symlink target of a release's article folder (`releases/<id>/articles/<slug>`) for a store entry. */
export function bundleLink(id: string): string {
  return `../../../${STORE}/${id}`
}

/** The store entry an article folder's link names, or null when it is not one of ours. */
export function linkedBundleId(target: string): string | null {
  const match = /^\.\.\/\.\.\/\.\.\/store\/([0-9a-f]{32})$/.exec(target)
  return match ? (match[1] as string) : null
}

export class BundleStore {
  readonly dir: string
  /** Entries present: listed once per run (one `readdir` instead of a `stat` per article). */
  private present: Set<string> | undefined
  /** Entries this run put here, from files it wrote and hashed itself. */
  private readonly created = new Set<string>()
  private dirMade = false

  constructor(outDir: string) {
    this.dir = path.join(outDir, STORE)
  }

  has(id: string): boolean {
    this.present ??= new Set(listDirectory(this.dir))
    return this.present.has(id)
  }

  /**
   * Moves a finished folder of files into the store under `id` (a rename: same filesystem). When the store has that
   * entry already, the folder is deleted and the entry used: it holds the same files by construction.
   */
  put(folder: string, id: string): void {
    if (this.has(id)) {
      rmSync(folder, {recursive: true, force: true})
      return
    }
    this.ensureDir()
    try {
      renameSync(folder, path.join(this.dir, id))
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error
      rmSync(folder, {recursive: true, force: true})
    }
    this.present?.add(id)
    this.created.add(id)
  }

  /**
   * Makes sure entry `id` exists, building it from a folder that holds those files (a release of the layout before
   * the store, whose article folders are real): hard links, or copies where links are impossible.
   */
  ensureFrom(id: string, folder: string, names: readonly string[]): void {
    if (this.has(id)) return
    this.ensureDir()
    const building = path.join(this.dir, `.building-${process.pid}-${id}`)
    rmSync(building, {recursive: true, force: true})
    mkdirSync(building)
    for (const name of names) linkOrCopy(path.join(folder, name), path.join(building, name))
    this.put(building, id)
  }

  /** True when this run added entries: the store folder's names must then be made durable with the release. */
  get changed(): boolean {
    return this.created.size > 0
  }

  /**
   * True for an entry this run put here from a folder the export wrote: every file's size and sha256 were taken of
   * the very bytes written (`writeBundle`), so reading them back proves nothing more.
   */
  wrote(id: string): boolean {
    return this.created.has(id)
  }

  /** The folders of the entries this run put here. */
  createdFolders(): string[] {
    return [...this.created].map((id) => path.join(this.dir, id))
  }

  /**
   * What the store holds, listed once: its entries, and the folders `ensureFrom` was building when a run was
   * killed (`.building-<pid>-<id>`).
   */
  contents(): {entries: string[]; building: string[]} {
    const names = listDirectory(this.dir)
    return {
      entries: names.filter((name) => BUNDLE_ID.test(name)),
      building: names.filter((name) => name.startsWith('.building-')),
    }
  }

  private ensureDir(): void {
    if (!this.dirMade) mkdirSync(this.dir, {recursive: true})
    this.dirMade = true
  }
}

/** Links a release's article folder to a store entry. */
export function linkArticle(articlesDir: string, slug: string, id: string): void {
  symlinkSync(bundleLink(id), path.join(articlesDir, slug))
}

/** The store id an article folder of a release links to, or null (a real folder, or no folder). */
export function articleBundle(articlesDir: string, slug: string): string | null {
  try {
    return linkedBundleId(readlinkSync(path.join(articlesDir, slug)))
  } catch {
    return null
  }
}

/** Hard-links a file (no bytes copied; published files are never modified); copies where links are impossible. */
export function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EXDEV' || code === 'EPERM' || code === 'ENOTSUP' || code === 'EMLINK') copyFileSync(from, to)
    else throw error
  }
}

function listDirectory(dir: string): string[] {
  try {
    return readdirSync(dir)
  } catch {
    return []
  }
}
