import {parseImageAssetId, sha1Hex} from './image-asset-id.ts'
import {mkdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {createImageUrlBuilder} from '@sanity/image-url'
import {writeFileAtomic} from '../atomic-file.ts'
import {SourceError} from './errors.ts'
import {printable} from './printable.ts'
import {retryAfterMs, TRANSIENT} from './lake-retry.ts'

/**
 * The Content Lake's `readImage`: an asset's original file from the asset CDN (its address built by
 * `@sanity/image-url` from the asset id, as every Sanity front end builds it), under the same deadline and retry
 * rules as the queries, checked against the sha1 in the asset id, and kept in a content-addressed cache
 * (`OUT/.cache/images/<sha1>-<w>x<h>.<ext>`) so a re-export downloads no file it already has.
 */

export interface LakeImageOptions {
  projectId: string
  dataset: string
  /** Sent to the CDN for private datasets; never printed. */
  token?: string
  /** The CDN's origin; default `https://cdn.sanity.io`. */
  imageHost?: string
  cacheDir?: string
  retries: number
  retryDelay: (attempt: number) => number
  sleep: (ms: number) => Promise<void>
  timeoutMs: number
  /** The source as messages name it (`project abc123 / production`). */
  where: string
  /** The HTTP client; `globalThis.fetch` unless a test gives another. */
  fetch?: typeof fetch
}

export function lakeImageReader(options: LakeImageOptions): (assetId: string) => Promise<Uint8Array> {
  const builder = createImageUrlBuilder({
    projectId: options.projectId,
    dataset: options.dataset,
    ...(options.imageHost ? {baseUrl: options.imageHost.replace(/\/$/, '')} : {}),
  })
  const fetchImpl = options.fetch ?? globalThis.fetch

  return async (assetId) => {
    const id = parseImageAssetId(assetId)
    if (!id) throw new SourceError(`Not an image asset id: ${printable(assetId, 80)}.`)
    const {sha1, fileName: name} = id
    const cached = options.cacheDir ? path.join(options.cacheDir, name) : undefined
    if (cached) {
      const bytes = readCached(cached, sha1)
      if (bytes) return bytes
    }
    // The original file: no width, format or crop, so the bytes are the ones whose sha1 names the asset. With a
    // token, `dlRaw=true` asks for the stored bytes as they were uploaded (what `sanity dataset export` asks for).
    const original = builder.image(assetId).url()
    const url = options.token ? `${original}${original.includes('?') ? '&' : '?'}dlRaw=true` : original
    const bytes = await download(url, `downloading image ${name}`)
    const actual = sha1Hex(bytes)
    if (actual !== sha1) {
      throw new SourceError(
        `The asset CDN answered ${options.where} with a file whose sha1 is ${actual} for image ${name}: refused. ` +
          'Check the network path to the CDN (a proxy rewriting images?) and SANITY_IMAGE_HOST.',
      )
    }
    if (cached) {
      mkdirSync(path.dirname(cached), {recursive: true})
      writeFileAtomic(cached, bytes)
    }
    return bytes
  }

  async function download(url: string, what: string): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      let response: Response
      try {
        response = await fetchImpl(url, {
          signal: AbortSignal.timeout(options.timeoutMs),
          ...(options.token ? {headers: {authorization: `Bearer ${options.token}`}} : {}),
        })
        if (response.ok) return new Uint8Array(await response.arrayBuffer())
      } catch (error) {
        const name = error instanceof Error ? error.name : ''
        if (name === 'TimeoutError' || name === 'AbortError') {
          throw new SourceError(
            `The asset CDN did not answer within ${options.timeoutMs / 1000} s for ${options.where} while ${what}: ` +
              'check the network and SANITY_IMAGE_HOST, or allow more time with SANITY_REQUEST_TIMEOUT_MS.',
          )
        }
        if (attempt >= options.retries) {
          throw new SourceError(
            `Cannot reach the asset CDN for ${options.where} while ${what} (${networkCode(error)}, ${attempt + 1} attempts): check the network and SANITY_IMAGE_HOST.`,
          )
        }
        await options.sleep(options.retryDelay(attempt))
        continue
      }
      await response.body?.cancel()
      if (!TRANSIENT.has(response.status)) throw answered(response.status, what)
      if (attempt >= options.retries) {
        throw new SourceError(
          `The asset CDN kept failing for ${options.where} while ${what} (HTTP ${response.status}, ${attempt + 1} attempts): try again later.`,
        )
      }
      await options.sleep(retryAfterMs(response.headers.get('retry-after') ?? undefined) ?? options.retryDelay(attempt))
    }
  }

  function answered(status: number, what: string): SourceError {
    if (status === 401 || status === 403) {
      return new SourceError(
        `The asset CDN refused ${options.where} while ${what} (HTTP ${status}): check SANITY_API_TOKEN (private datasets need one).`,
      )
    }
    if (status === 404) {
      return new SourceError(
        `The asset CDN has no such file for ${options.where} while ${what} (HTTP 404): the image was deleted; choose another in the Studio.`,
      )
    }
    return new SourceError(`The asset CDN answered HTTP ${status} for ${options.where} while ${what}.`)
  }
}

/** A cached file whose bytes still match its name; one that does not is removed and downloaded again. */
function readCached(file: string, sha1: string): Uint8Array | undefined {
  let bytes: Buffer
  try {
    bytes = readFileSync(file)
  } catch {
    return undefined
  }
  if (sha1Hex(bytes) === sha1) return bytes
  rmSync(file, {force: true})
  return undefined
}

function networkCode(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as {code?: unknown} | undefined) : undefined
  return typeof cause?.code === 'string' ? cause.code : 'no answer'
}
