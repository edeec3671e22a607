import {lstatSync} from 'node:fs'
import path from 'node:path'
import type {ManifestArticle} from './manifest.ts'

/**
 * What keeps a release from going live: the shrink guard, the staged release's verification, and filesystem
 * failures said in one line. Each is an `ExportError`: the export stops before `current` switches (exit 2 from the
 * CLI), and its message says what happened and what to do.
 */

export type ExportErrorKind =
  | 'shrink'
  | 'verify'
  | 'out-not-a-folder'
  | 'current-not-a-link'
  | 'live-release-damaged'
  | 'disk-full'
  | 'permission'
  | 'filesystem'

export class ExportError extends Error {
  override name = 'ExportError'
  readonly kind: ExportErrorKind
  /** For `verify`: every problem the staged release has, one line each. */
  readonly problems: readonly string[]
  constructor(kind: ExportErrorKind, message: string, problems: readonly string[] = []) {
    super(message)
    this.kind = kind
    this.problems = problems
  }
}

/** The share of the live release's articles a release may drop without `--allow-shrink`. */
export const MAX_SHRINK = 0.1

/** Readers get an article while the release carries its files: exported, or kept at its last good version. */
function published(article: Pick<ManifestArticle, 'status'>): boolean {
  return article.status === 'exported' || article.status === 'kept'
}

/**
 * Refuses a release that would stop publishing more than `maxShrink` of the live release's articles (by id: gone
 * from the source, or now blocked without files). A first export, with no live release, is never refused.
 */
export function checkShrink(
  live: readonly Pick<ManifestArticle, 'id' | 'status'>[] | null,
  next: readonly Pick<ManifestArticle, 'id' | 'status'>[],
  options: {allowShrink?: boolean; maxShrink?: number} = {},
): void {
  if (live === null || options.allowShrink === true) return
  const before = live.filter(published)
  if (before.length === 0) return
  const after = new Set(next.filter(published).map((article) => article.id))
  const dropped = before.filter((article) => !after.has(article.id)).length
  const limit = options.maxShrink ?? MAX_SHRINK
  if (dropped / before.length <= limit) return
  const share = `${Math.round((dropped / before.length) * 100)} %`
  throw new ExportError(
    'shrink',
    `This release would stop publishing ${dropped} of the live release's ${before.length} articles (${share}, more ` +
      `than the ${Math.round(limit * 100)} % allowed): check that the dataset is the right one and complete, then ` +
      `export again with --allow-shrink if the articles are meant to go.`,
  )
}

/** A staged release that does not verify never goes live. */
export function verifyFailure(problems: readonly string[]): ExportError {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`
  return new ExportError(
    'verify',
    `The release just built does not verify (${count}, above): this is a fault of the pipeline, not of the ` +
      `content; export again with --full, and report it to the developers if it happens again.`,
    problems,
  )
}

/**
 * `OUT/current` must be the symlink the export switches, or absent: a real folder or file there would be replaced
 * (or refuse to be), so the run stops before it does any work.
 */
export function checkCurrentLink(outDir: string, outLabel: string): void {
  const current = path.join(outDir, 'current')
  let kind: string
  try {
    const stats = lstatSync(current)
    if (stats.isSymbolicLink()) return
    kind = stats.isDirectory() ? 'a folder' : 'a file'
  } catch {
    return
  }
  const where = path.join(outLabel, 'current')
  throw new ExportError(
    'current-not-a-link',
    `${where} is ${kind}, not the symbolic link an export switches to the new release: move it out of the way ` +
      `(mv ${where} ${where}.old) and export again.`,
  )
}

const CODES = new Set(['ENOSPC', 'EDQUOT', 'EACCES', 'EPERM', 'EROFS', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EMFILE'])

/** The errno code of a filesystem error, also when it crossed from a worker thread (only its message survives). */
export function fileSystemCode(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null
  const code = 'code' in error ? String(error.code) : /^([A-Z]+):/.exec(String((error as Error).message))?.[1]
  return code !== undefined && CODES.has(code) ? code : null
}

/**
 * A filesystem error met while the export writes, as one line with what to do; null for anything else (a bug,
 * which keeps its stack). `opening` is true while the output folder itself is being made.
 */
export function fileSystemFailure(error: unknown, outLabel: string, opening = false): ExportError | null {
  const code = fileSystemCode(error)
  if (code === null) return null
  const file = typeof error === 'object' && error !== null && 'path' in error ? String(error.path) : null
  const at = file ? ` (${file})` : ''
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportError(
        'disk-full',
        `The disk holding ${outLabel} is full${code === 'EDQUOT' ? ' (the quota is used up)' : ''}${at}: free ` +
          `some space (older releases go with --keep 1) and export again.`,
      )
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new ExportError(
        'permission',
        `${outLabel} cannot be written${at}: ${code === 'EROFS' ? 'the filesystem is read-only' : 'permission denied'}` +
          `; give this user write access to it or choose another folder with --out.`,
      )
    case 'EEXIST':
    case 'ENOTDIR':
      if (opening) {
        return new ExportError(
          'out-not-a-folder',
          `--out ${outLabel} names a file (or a folder inside one), not a folder: name a folder, which is created ` +
            `if missing.`,
        )
      }
      break
    case 'EISDIR':
      return new ExportError(
        'current-not-a-link',
        `${path.join(outLabel, 'current')} is a folder, not the symbolic link an export switches: move it out of ` +
          `the way and export again.`,
      )
  }
  return new ExportError(
    'filesystem',
    `Writing ${outLabel} failed${at}: ${(error as Error).message}; check the folder and export again.`,
  )
}
