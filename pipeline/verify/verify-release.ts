import {createHash} from 'node:crypto'
import {existsSync, lstatSync, readdirSync, readFileSync, realpathSync, type Stats} from 'node:fs'
import path from 'node:path'
import {compileSchema} from './json-schemas.ts'

/**
 * Checks a release the way a publishing job should before it pulls: the manifest validates against its schema,
 * every file it lists exists with the listed size and sha256, nothing else is there, and every article.json
 * validates against the release's own article schema. Reports every problem, one per file and fault.
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
}

export function verifyRelease(releaseDir: string, options: VerifyOptions = {}): VerifyResult {
  const problems: VerifyProblem[] = []
  const result = (articles: number, files: number): VerifyResult => ({release: releaseDir, articles, files, problems})
  let manifest: unknown
  try {
    manifest = JSON.parse(readFileSync(path.join(releaseDir, 'manifest.json'), 'utf8'))
  } catch (error) {
    problems.push({file: 'manifest.json', message: `cannot be read as JSON (${(error as Error).message})`})
    return result(0, 0)
  }
  const manifestProblems = compileSchema(JSON.parse(readFileSync(MANIFEST_SCHEMA, 'utf8')))(manifest)
  for (const problem of manifestProblems) problems.push({file: 'manifest.json', message: problem})
  if (manifestProblems.length > 0) return result(0, 0)

  const expected = listedFiles(manifest as ValidManifest)
  const actual = new Set(walk(releaseDir))
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
    if (options.isVerified?.(file, record, stats) === true) {
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
      if (!expected.has(image))
        problems.push({file: image, message: `shown by ${article.id} but not listed in manifest.json's files`})
    }
  }

  const articleSchemaFile = path.join(releaseDir, 'schema', 'article.schema.json')
  let checkArticle: ((value: unknown) => string[]) | null = null
  try {
    checkArticle = compileSchema(JSON.parse(readFileSync(articleSchemaFile, 'utf8')))
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
  return result((manifest as ValidManifest).articles.length, expected.size + 1)
}

export interface FileRecord {
  sha256: string
  bytes: number
}

interface ValidManifest {
  files: Record<string, FileRecord>
  articles: Array<{id: string; slug: string | null; files: Record<string, FileRecord>; images?: string[]}>
}

/** Every file the manifest promises, by path relative to the release. */
function listedFiles(manifest: ValidManifest): Map<string, FileRecord> {
  const files = new Map<string, FileRecord>(Object.entries(manifest.files))
  for (const article of manifest.articles) {
    for (const [name, record] of Object.entries(article.files))
      files.set(`articles/${article.slug ?? ''}/${name}`, record)
  }
  return files
}

/** Files below `dir` (relative, `/`-separated); symlinks and other non-regular entries are reported as files so they count as extra. */
function walk(dir: string, prefix = ''): string[] {
  const out: string[] = []
  for (const entry of readdirSync(path.join(dir, prefix), {withFileTypes: true})) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name
    if (entry.isDirectory()) {
      const inside = walk(dir, relative)
      // An empty directory is an extra too: it is not in the manifest.
      out.push(...(inside.length > 0 ? inside : [`${relative}/`]))
    } else out.push(relative)
  }
  return out
}
