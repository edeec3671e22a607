import {createHash, hash} from 'node:crypto'
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs'
import path from 'node:path'
import {bundleId, linkedBundleId, STORE} from '../store/bundle-store.ts'
import {compileSchema} from './json-schemas.ts'

/**
 * Checks a release the way a publishing job should before it pulls: the manifest validates against its schema,
 * every file it lists exists with the listed size and sha256, nothing else is there, and every article.json
 * validates against the release's own article schema. Reports every problem, one per file and fault.
 *
 * An article folder may be a symbolic link into the output folder's bundle store (`OUT/store/<bundle>`, the layout
 * the export writes): it is checked through the link. A link anywhere else, one that leads outside the store, or one
 * that leads nowhere is a finding. A release outside an output folder (a copy) has no store: it must hold real files.
 */

export interface VerifyResult {
  /** The release directory that was checked, as given (`dir/current` resolved to `releases/<id>` when possible). */
  release: string
  articles: number
  files: number
  problems: VerifyProblem[]
}

/** One problem: the file it is in, relative to the release (`articles/x/`, a folder), and what is wrong with it. */
export interface VerifyProblem {
  file: string
  message: string
}

const MANIFEST_SCHEMA = new URL('../export/manifest.schema.json', import.meta.url)

/** `dir` may be an output folder (its `current` is checked) or a release directory itself. */
export function resolveReleaseDir(dir: string): string | null {
  if (!existsSync(dir)) return null
  const current = path.join(dir, 'current')
  if (existsSync(path.join(current, 'manifest.json'))) return realpathSync(current)
  if (existsSync(path.join(dir, 'manifest.json'))) return dir
  return null
}

export interface VerifyOptions {
  /**
   * Files whose content is known to be good already (the export passes the files it hard-linked from the live
   * release, which was verified when it was made): only their presence, kind and size are checked.
   * @defaultValue every file is read, hashed and, for article.json, validated
   */
  isVerified?: (file: string, record: FileRecord, stats: Stats) => boolean
  /**
   * True for a store entry known to be good that holds exactly `files` (the export passes the live release's
   * entries, with the records its manifest lists for each): an article folder linking to one, for which the manifest
   * lists those files, is not read again, nor are its files listed one by one. Entries never change.
   * @defaultValue none
   */
  isVerifiedBundle?: (id: string, files: Readonly<Record<string, FileRecord>>) => boolean
  /**
   * Store entries the caller itself wrote in this run, hashing each file's bytes as it wrote them (the export's new
   * bundles, whose article.json it also checked against the article schema before writing): their files are checked
   * for presence, kind and size, and nothing else is there, but they are not read back.
   * @defaultValue none
   */
  isWrittenBundle?: (id: string) => boolean
  /**
   * The release's `schema/article.schema.json` was written by this process from the code (the export verifying its
   * staged release): it is compiled without being checked against the JSON Schema meta-schema first.
   * @defaultValue false
   */
  ownArticleSchema?: boolean
  /**
   * The folder article links may lead into.
   * @defaultValue `OUT/store` when the release is in `OUT/releases/`, else none (links are findings)
   */
  store?: string | null
  /**
   * The manifest the caller itself serialized into this release and the sha256 of the bytes it wrote (the export
   * verifying its staged release). The file is read and hashed but not parsed: when its hash is that one, its bytes
   * are those the serializer made of `value`, so `value` is checked in place of their parse (see `readManifest`).
   * @defaultValue the file is parsed
   */
  writtenManifest?: {value: unknown; sha256: string}
}

export function verifyRelease(releaseDir: string, options: VerifyOptions = {}): VerifyResult {
  const problems: VerifyProblem[] = []
  const result = (articles: number, files: number): VerifyResult => ({release: releaseDir, articles, files, problems})
  let manifest: unknown
  try {
    manifest = readManifest(path.join(releaseDir, 'manifest.json'), options.writtenManifest)
  } catch (error) {
    problems.push({file: 'manifest.json', message: `cannot be read as JSON (${(error as Error).message})`})
    return result(0, 0)
  }
  if (manifest === undefined) {
    problems.push({file: 'manifest.json', message: 'differs from the manifest the export wrote (sha256)'})
    return result(0, 0)
  }
  const manifestProblems = compileSchema(JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')), {own: true})(manifest)
  for (const problem of manifestProblems) problems.push({file: 'manifest.json', message: problem})
  if (manifestProblems.length > 0) return result(0, 0)

  const links = new LinkCheck(releaseDir, manifest as ValidManifest, options, problems)
  const actual = new Set(walk(releaseDir, '', links))
  // The files of trusted article folders are neither listed nor looked at: a one-article re-export of 10,000 checks
  // one folder's files, not 50,000 paths.
  const expected = listedFiles(manifest as ValidManifest, links)
  const verified = new Set<string>()
  actual.delete('manifest.json')
  for (const [file, record] of expected) {
    if (!actual.has(file)) {
      problems.push({file, message: 'listed in manifest.json but missing'})
      continue
    }
    actual.delete(file)
    const stats = lstatSync(path.join(releaseDir, file))
    if (stats.isSymbolicLink()) {
      problems.push({file, message: 'is a symbolic link; a release holds only regular files'})
      continue
    }
    if (links.wrote(file) || options.isVerified?.(file, record, stats) === true) {
      verified.add(file)
      if (stats.size !== record.bytes)
        problems.push({file, message: `${stats.size} bytes, manifest.json says ${record.bytes}`})
      continue
    }
    const bytes = readFileSync(path.join(releaseDir, file))
    if (bytes.byteLength !== record.bytes)
      problems.push({file, message: `${bytes.byteLength} bytes, manifest.json says ${record.bytes}`})
    else if (createHash('sha256').update(bytes).digest('hex') !== record.sha256)
      problems.push({file, message: 'sha256 differs from manifest.json (the file was changed)'})
  }
  for (const file of [...actual].sort()) problems.push({file, message: 'not listed in manifest.json'})
  // Every image an article shows must be one of the release's files (checked above like any other).
  for (const article of (manifest as ValidManifest).articles) {
    for (const image of article.images ?? []) {
      if (!expected.has(image) && !links.listedInTrusted(image))
        problems.push({file: image, message: `shown by ${article.id} but not listed in manifest.json's files`})
    }
  }

  const articleSchemaFile = path.join(releaseDir, 'schema', 'article.schema.json')
  let checkArticle: ((value: unknown) => string[]) | null = null
  try {
    const own = options.ownArticleSchema === true
    checkArticle = compileSchema(JSON.parse(readFileSync(articleSchemaFile, 'utf8')), {own})
  } catch (error) {
    problems.push({file: 'schema/article.schema.json', message: `cannot be used (${(error as Error).message})`})
  }
  for (const [file] of expected) {
    if (!checkArticle || !file.endsWith('/article.json') || verified.has(file)) continue
    if (!existsSync(path.join(releaseDir, file))) continue
    let value: unknown
    try {
      value = JSON.parse(readFileSync(path.join(releaseDir, file), 'utf8'))
    } catch (error) {
      problems.push({file, message: `not valid JSON (${(error as Error).message})`})
      continue
    }
    for (const problem of checkArticle(value)) problems.push({file, message: problem})
  }
  return result((manifest as ValidManifest).articles.length, links.listedFiles + 1)
}

/**
 * The manifest's value: its file parsed, or, for a manifest the caller wrote (`writtenManifest`), the value it was
 * serialized from once the file's sha256 proves the bytes on disk are the serializer's (undefined when they are not).
 * Checking that value against the schema is as strong as checking the parse of its bytes, at a 13.5 MB manifest's
 * parse less (0.1–0.2 s at N = 10,000): the manifest is `JSON.stringify` of plain data (`writePrettyJson`), whose parse
 * gives the same value but for what JSON cannot hold, and ajv refuses that in the value too (NaN and Infinity fail
 * `number`, a Date or undefined fails a type; a property set to undefined is absent to `required` either way, and
 * `additionalProperties` sees it in the value only, so the value can only be stricter).
 */
function readManifest(file: string, written: VerifyOptions['writtenManifest']): unknown {
  const bytes = readFileSync(file)
  if (written === undefined) return JSON.parse(bytes.toString('utf8'))
  return hash('sha256', bytes, 'hex') === written.sha256 ? written.value : undefined
}

export interface FileRecord {
  sha256: string
  bytes: number
}

interface ValidManifest {
  files: Record<string, FileRecord>
  articles: Array<{id: string; slug: string | null; files: Record<string, FileRecord>; images?: string[]}>
}

/**
 * Every file the manifest promises, by path relative to the release, but those in trusted article folders (`links`
 * counts every listed file, for the result).
 */
function listedFiles(manifest: ValidManifest, links: LinkCheck): Map<string, FileRecord> {
  const files = new Map<string, FileRecord>(Object.entries(manifest.files))
  let trusted = 0
  for (const article of manifest.articles) {
    const folder = `articles/${article.slug ?? ''}/`
    if (links.trustsFolder(folder)) {
      trusted += Object.keys(article.files).length
      continue
    }
    for (const [name, record] of Object.entries(article.files)) files.set(`${folder}${name}`, record)
  }
  links.listedFiles = files.size + trusted
  return files
}

/**
 * Files below `dir` (relative, `/`-separated); symlinks and other non-regular entries are reported as files so they
 * count as extra, except article folders linked into the store, which are walked through (or trusted, see LinkCheck).
 */
function walk(dir: string, prefix: string, links: LinkCheck): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(dir, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isSymbolicLink() && prefix === 'articles') {
      const target = links.follow(relative)
      if (target === null || links.trustsFolder(`${relative}/`)) continue
      const inside = walk(target, '', links).map((file) => `${relative}/${file}`)
      out.push(...(inside.length > 0 ? inside : [`${relative}/`]))
    } else if (entry.isDirectory()) {
      const inside = walk(dir, relative, links)
      // An empty directory is an extra too: it is not in the manifest (one of trusted links only is not empty).
      const empty = inside.length === 0 && readdirSync(path.join(dir, relative)).length === 0
      out.push(...(empty ? [`${relative}/`] : inside))
    } else out.push(relative)
  }
  return out
}

/** Article folders that are links: where they lead, whether that is allowed, and which need not be read again. */
class LinkCheck {
  private readonly store: string | null
  private readonly trusted = new Set<string>()
  /** Article folders linking to entries the caller wrote in this run (`isWrittenBundle`). */
  private readonly written = new Set<string>()
  /** How many files the manifest lists (set by `listedFiles`). */
  listedFiles = 0
  private realStore: string | null | undefined
  private readonly bySlug: Map<string, Record<string, FileRecord>>

  private readonly releaseDir: string
  private readonly options: VerifyOptions
  private readonly problems: VerifyProblem[]

  constructor(releaseDir: string, manifest: ValidManifest, options: VerifyOptions, problems: VerifyProblem[]) {
    this.releaseDir = releaseDir
    this.options = options
    this.problems = problems
    this.store = options.store === undefined ? defaultStore(releaseDir) : options.store
    this.bySlug = new Map(manifest.articles.map((article) => [article.slug ?? '', article.files]))
  }

  /** The real folder the link `articles/<slug>` leads to, or null (with a finding) when it may not be followed. */
  follow(relative: string): string | null {
    const link = path.join(this.releaseDir, relative)
    const files = this.bySlug.get(relative.slice('articles/'.length))
    // A link to a store entry known good, written as the export writes it (`../../../store/<id>`, which from
    // `releases/<release>/articles/` can only mean OUT/store/<id>) and naming the files the manifest lists: one
    // readlink, no path resolution (a one-article re-export of 10,000 follows 9,999 of these).
    if (this.store !== null && files && this.options.isVerifiedBundle !== undefined) {
      const id = linkedBundleId(readlinkSync(link))
      if (id !== null && this.options.isVerifiedBundle(id, files)) {
        this.trusted.add(`${relative}/`)
        return path.join(this.store, id)
      }
      if (id !== null && this.options.isWrittenBundle?.(id) === true && bundleId(files) === id) {
        this.written.add(`${relative}/`)
        return path.join(this.store, id)
      }
    }
    let real: string
    try {
      real = realpathSync(link)
    } catch {
      this.problems.push({
        file: `${relative}/`,
        message: `is a symbolic link to ${readlinkSync(link)}, which does not exist`,
      })
      return null
    }
    if (this.realStore === undefined) this.realStore = this.store === null ? null : realOrNull(this.store)
    const store = this.realStore
    if (store === null || path.dirname(real) !== store || !statSync(real).isDirectory()) {
      const where =
        store === null ? 'a release outside an output folder must hold real files' : 'only OUT/store/ may be linked to'
      this.problems.push({
        file: `${relative}/`,
        message: `is a symbolic link leading outside the output's bundle store (${where})`,
      })
      return null
    }
    const id = path.basename(real)
    if (files && this.options.isVerifiedBundle?.(id, files) === true) this.trusted.add(`${relative}/`)
    else if (files && this.options.isWrittenBundle?.(id) === true && bundleId(files) === id)
      this.written.add(`${relative}/`)
    return real
  }

  /** True for a file inside an article folder the caller wrote in this run (`isWrittenBundle`). */
  wrote(file: string): boolean {
    if (this.written.size === 0 || !file.startsWith('articles/')) return false
    const end = file.indexOf('/', 'articles/'.length)
    return end !== -1 && this.written.has(file.slice(0, end + 1))
  }

  /** True for a file the manifest lists in a trusted article folder. */
  listedInTrusted(file: string): boolean {
    const end = file.indexOf('/', 'articles/'.length)
    if (!file.startsWith('articles/') || end === -1 || !this.trusted.has(file.slice(0, end + 1))) return false
    return Object.hasOwn(this.bySlug.get(file.slice('articles/'.length, end)) ?? {}, file.slice(end + 1))
  }

  /** True for a trusted linked article folder (`articles/<slug>/`). */
  trustsFolder(folder: string): boolean {
    return this.trusted.has(folder)
  }
}

/** `OUT/store` for a release at `OUT/releases/<id>` (or a staging release beside them), else null. */
function defaultStore(releaseDir: string): string | null {
  const parent = path.dirname(realOrNull(releaseDir) ?? path.resolve(releaseDir))
  return path.basename(parent) === 'releases' ? path.join(path.dirname(parent), STORE) : null
}

function realOrNull(dir: string): string | null {
  try {
    return realpathSync(dir)
  } catch {
    return null
  }
}
