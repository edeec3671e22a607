import path from 'node:path'
import {SourceError} from './errors.ts'
import {printable} from './printable.ts'
import {openLocalSource} from './local-source.ts'
import type {ContentSource} from './types.ts'

export const DEFAULT_DATASET = 'studio/dataset/production.ndjson'

export interface OpenSourceOptions {
  /** A local NDJSON file; when given it wins over the Content Lake settings in `env`. */
  dataset?: string
  env: Record<string, string | undefined>
  /** Where a local source keeps its line index (see `LineIndex`); none when omitted. */
  cacheDir?: string
  cwd: string
  /** A local file that cannot be read as a whole: refused (SourceError, the default) or reported (`LocalSourceOptions`). */
  damaged?: 'refuse' | 'report'
  /** Threads a local source's opening pass may use (the export's `--workers`). Default 1. */
  threads?: number
}

/**
 * The one way commands get content: the Content Lake when SANITY_PROJECT_ID and SANITY_DATASET are set (and no
 * `--dataset` was given), otherwise the local NDJSON file, the embedded dataset by default.
 * Throws SourceError (exit code 2) when the source cannot be read at all.
 */
export async function openSource(options: OpenSourceOptions): Promise<ContentSource> {
  const {env} = options
  if (options.dataset === undefined && env.SANITY_PROJECT_ID && env.SANITY_DATASET) {
    // Loaded only for the Content Lake: its HTTP client costs a third of a second of start-up on every local run.
    const {openLakeSource} = await import('./lake-source.ts')
    return openLakeSource({
      projectId: env.SANITY_PROJECT_ID,
      dataset: env.SANITY_DATASET,
      token: env.SANITY_API_TOKEN || undefined,
      apiHost: env.SANITY_API_HOST || undefined,
      imageHost: env.SANITY_IMAGE_HOST || undefined,
      ...(options.cacheDir === undefined ? {} : {imageCacheDir: path.join(options.cacheDir, 'images')}),
      ...(env.SANITY_REQUEST_TIMEOUT_MS ? {timeoutMs: requestTimeout(env.SANITY_REQUEST_TIMEOUT_MS)} : {}),
    })
  }
  const file = path.resolve(options.cwd, options.dataset ?? DEFAULT_DATASET)
  return openLocalSource({
    file,
    label: datasetLabel(options.cwd, file),
    ...(options.damaged === undefined ? {} : {damaged: options.damaged}),
    ...(options.cacheDir === undefined ? {} : {indexFile: path.join(options.cacheDir, 'source-snapshot.json')}),
    ...(options.threads === undefined ? {} : {threads: options.threads}),
  })
}

/** The file as the user would type it from the working directory; never an absolute path (it ends up in manifests). */
export function datasetLabel(cwd: string, file: string): string {
  const relative = path.relative(cwd, file)
  return relative.startsWith('..') || path.isAbsolute(relative)
    ? path.basename(file)
    : relative.split(path.sep).join('/')
}

function requestTimeout(value: string): number {
  const ms = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN
  if (!Number.isSafeInteger(ms) || ms < 1) {
    const got = `\`${printable(value, 40)}\``
    throw new SourceError(
      `SANITY_REQUEST_TIMEOUT_MS must be a whole number of milliseconds, such as 30000; got ${got}.`,
    )
  }
  return ms
}
