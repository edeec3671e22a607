import {promisify} from 'node:util'
import {brotliCompress, constants, gzip} from 'node:zlib'

/**
 * Content negotiation for `Accept-Encoding`, and a cache of compressed bodies. Bodies are keyed by their sha256,
 * so an entry stays valid across releases (an unchanged article is not compressed again after a switch).
 */

export type Encoding = 'br' | 'gzip'

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/** The best encoding the client accepts, brotli first (smaller for text), or null for identity. */
export function negotiateEncoding(header: string | string[] | undefined): Encoding | null {
  const value = Array.isArray(header) ? header.join(',') : header
  if (!value) return null
  const weights = new Map<string, number>()
  for (const item of value.split(',')) {
    const [name = '', ...params] = item.trim().toLowerCase().split(';')
    const q = params.map((param) => param.trim()).find((param) => param.startsWith('q='))
    const weight = q ? Number.parseFloat(q.slice(2)) : 1
    if (name) weights.set(name.trim(), Number.isFinite(weight) ? weight : 0)
  }
  const weightOf = (name: Encoding) => weights.get(name) ?? weights.get('*') ?? 0
  const br = weightOf('br')
  const gz = weightOf('gzip')
  if (br > 0 && br >= gz) return 'br'
  if (gz > 0) return 'gzip'
  return null
}

export interface CompressionCache {
  /** The body compressed with `encoding`, computed once per (sha256, encoding) while it stays in the cache. */
  get(sha256: string, encoding: Encoding, load: () => Promise<Buffer>): Promise<Buffer>
}

export function createCompressionCache(maxBytes = 64 * 1024 * 1024): CompressionCache {
  const entries = new Map<string, Promise<Buffer>>()
  const sizes = new Map<string, number>()
  let total = 0
  const evict = () => {
    for (const [key, size] of sizes) {
      if (total <= maxBytes) break
      sizes.delete(key)
      entries.delete(key)
      total -= size
    }
  }
  return {
    get(sha256, encoding, load) {
      const key = `${sha256}:${encoding}`
      const hit = entries.get(key)
      if (hit) {
        // Refresh its place: Map iteration order is insertion order, so this makes eviction least-recently-used.
        entries.delete(key)
        entries.set(key, hit)
        const size = sizes.get(key)
        if (size !== undefined) {
          sizes.delete(key)
          sizes.set(key, size)
        }
        return hit
      }
      const pending = load().then((body) => compress(body, encoding))
      entries.set(key, pending)
      pending.then(
        (body) => {
          if (entries.get(key) !== pending) return
          sizes.set(key, body.length)
          total += body.length
          evict()
        },
        () => entries.delete(key),
      )
      return pending
    },
  }
}

async function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(body, {level: 9})
  // Quality 9 rather than 11: close in size for pages of this kind and several times faster on a cache miss.
  return brotli(body, {
    params: {
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_QUALITY]: 9,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  })
}
