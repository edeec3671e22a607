import {createHash} from 'node:crypto'
import {constants} from 'node:fs'
import {open, realpath, stat} from 'node:fs/promises'
import type {FileHandle} from 'node:fs/promises'
import type {IncomingMessage, ServerResponse} from 'node:http'
import path from 'node:path'
import {pipeline} from 'node:stream/promises'
import type {CompressionCache, Encoding} from './compress.ts'
import {negotiateEncoding} from './compress.ts'
import {contentTypeFor, isCompressible, isHtmlLike} from './content-type.ts'
import {CACHE_REVALIDATE, DATA_CSP, HTML_CSP, sendJson, setCommonHeaders} from './headers.ts'
import type {Release} from './release.ts'

/**
 * Serves one file of a release: read-only, never outside the release directory or the output folder's bundle store
 * that its article folders link to (any other symlink pointing out is treated as missing), never a directory listing. The file is opened once and everything (validator, body) comes from that
 * open handle, so a release removed mid-transfer still sends the bytes the request started with.
 */

export interface StaticContext {
  compression: CompressionCache
  /** sha256 of files the manifest does not list (the manifest itself, the catalogue, schemas), by file identity. */
  hashes: Map<string, Promise<string>>
}

/** Files up to this size are sent from one buffer; larger ones are streamed from the open handle. */
const WHOLE_READ_BYTES = 1024 * 1024

export type Located =
  | {kind: 'file'; file: string; /** The path in the release, as the manifest lists it. */ listed: string}
  | {kind: 'redirect'; location: string}
  | {kind: 'missing'}

/** Where a request's segments lead inside the release. */
export async function locate(
  release: Release,
  segments: readonly string[],
  trailingSlash: boolean,
  pathname: string,
): Promise<Located> {
  // Dot-files are never part of a release's public content (the export's lock and temporary files are dot-files).
  if (segments.some((segment) => segment.startsWith('.'))) return {kind: 'missing'}
  const resolved = await realInside(release, path.join(release.root, ...segments))
  if (!resolved) return {kind: 'missing'}
  const info = await stat(resolved)
  if (info.isFile())
    return trailingSlash ? {kind: 'missing'} : {kind: 'file', file: resolved, listed: segments.join('/')}
  if (!info.isDirectory()) return {kind: 'missing'}
  // A directory answers with its index.html (never a listing); without the slash, relative links would break.
  if (!trailingSlash) return {kind: 'redirect', location: `${pathname}/`}
  const index = await realInside(release, path.join(resolved, 'index.html'))
  return index ? {kind: 'file', file: index, listed: [...segments, 'index.html'].join('/')} : {kind: 'missing'}
}

async function realInside(release: Release, candidate: string): Promise<string | null> {
  let real: string
  try {
    real = await realpath(candidate)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG') return null
    throw error
  }
  const below = (root: string | null): boolean =>
    root !== null && (real === root || real.startsWith(`${root}${path.sep}`))
  return below(release.root) || below(release.store) ? real : null
}

export async function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  release: Release,
  located: {file: string; listed: string},
  context: StaticContext,
): Promise<void> {
  const {file, listed: relative} = located
  let handle: FileHandle
  try {
    // O_NOFOLLOW: the path was resolved already; a symlink swapped in since then is refused, not followed.
    handle = await open(file, constants.O_RDONLY | constants.O_NOFOLLOW)
  } catch {
    sendJson(res, 404, {error: 'Not found', path: requestPathname(req)}, {head: req.method === 'HEAD'})
    return
  }
  try {
    const info = await handle.stat()
    if (!info.isFile()) {
      sendJson(res, 404, {error: 'Not found', path: requestPathname(req)}, {head: req.method === 'HEAD'})
      return
    }
    const listed = release.files.get(relative)
    // Trust the manifest's hash only when the size agrees; otherwise hash what is actually on disk.
    const sha256 =
      listed && listed.bytes === info.size
        ? listed.sha256
        : await hashOf(context, `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`, () =>
            readWhole(handle, info.size),
          )
    const contentType = contentTypeFor(file)
    const compressible = isCompressible(contentType)
    const encoding: Encoding | null =
      compressible && info.size > 0 ? negotiateEncoding(req.headers['accept-encoding']) : null
    const etag = etagFor(sha256, encoding)

    setCommonHeaders(res)
    res.setHeader('Content-Type', contentType)
    res.setHeader('Content-Security-Policy', isHtmlLike(contentType) ? HTML_CSP : DATA_CSP)
    res.setHeader('Cache-Control', CACHE_REVALIDATE)
    res.setHeader('ETag', etag)
    if (compressible) res.setHeader('Vary', 'Accept-Encoding')

    if (matchesIfNoneMatch(req.headers['if-none-match'], sha256)) {
      res.writeHead(304)
      res.end()
      return
    }
    if (encoding) {
      const body = await context.compression.get(sha256, encoding, () => readWhole(handle, info.size))
      res.setHeader('Content-Encoding', encoding)
      res.setHeader('Content-Length', body.length)
      res.writeHead(200)
      res.end(req.method === 'HEAD' ? undefined : body)
      return
    }
    res.setHeader('Content-Length', info.size)
    res.writeHead(200)
    if (req.method === 'HEAD') {
      res.end()
      return
    }
    if (info.size <= WHOLE_READ_BYTES) {
      // Bundle files are small: one read of exactly their size makes less garbage than a stream's 64 KiB chunks.
      res.end(await readWhole(handle, info.size))
      return
    }
    try {
      // The handle is closed below, whatever happens: a stream destroyed before it opened (the client left during
      // the lookups above) would otherwise leave it to the garbage collector.
      await pipeline(handle.createReadStream({start: 0, autoClose: false}), res)
    } catch (error) {
      // A client that goes away mid-transfer is not a server error; the request log marks it as aborted.
      if (!res.destroyed) throw error
    }
  } finally {
    await handle.close()
  }
}

export function etagFor(sha256: string, encoding: Encoding | null): string {
  // Each representation gets its own strong tag: gzip and brotli bodies are different bytes.
  return encoding ? `"${sha256}-${encoding}"` : `"${sha256}"`
}

/** True when the client's cached copy is any representation of the same content. */
export function matchesIfNoneMatch(header: string | undefined, sha256: string): boolean {
  if (!header) return false
  const variants = new Set([etagFor(sha256, null), etagFor(sha256, 'br'), etagFor(sha256, 'gzip')])
  return header.split(',').some((raw) => {
    const tag = raw.trim().replace(/^W\//, '')
    return tag === '*' || variants.has(tag)
  })
}

function hashOf(context: StaticContext, identity: string, load: () => Promise<Buffer>): Promise<string> {
  let hash = context.hashes.get(identity)
  if (!hash) {
    hash = load().then((body) => createHash('sha256').update(body).digest('hex'))
    context.hashes.set(identity, hash)
    hash.catch(() => context.hashes.delete(identity))
    for (const key of context.hashes.keys()) if (context.hashes.size > 1000) context.hashes.delete(key)
  }
  return hash
}

/** Reads by position, not from the handle's cursor, so several reads of one handle each get the whole file. */
async function readWhole(handle: FileHandle, size: number): Promise<Buffer> {
  const body = Buffer.alloc(size)
  let offset = 0
  while (offset < size) {
    const {bytesRead} = await handle.read(body, offset, size - offset, offset)
    if (bytesRead === 0) break
    offset += bytesRead
  }
  return offset === size ? body : body.subarray(0, offset)
}

export function requestPathname(req: IncomingMessage): string {
  return (req.url ?? '').split('?', 1)[0] ?? ''
}
