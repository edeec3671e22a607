/**
 * Turns a raw request target into path segments inside a release, or says why it cannot be one. The raw target is
 * checked before any decoding or normalising (WHATWG `URL` would silently resolve `/a/../b`), so `..`, `%2e%2e`,
 * encoded slashes, backslashes and NUL are refused rather than resolved.
 */

export type RequestPath =
  | {ok: true; segments: string[]; trailingSlash: boolean; pathname: string}
  | {ok: false; reason: string; pathname: string}

// Control characters (NUL included) have no business in a file name here.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/

export function parseRequestPath(target: string | undefined): RequestPath {
  const raw = target ?? ''
  const pathname = raw.split('?', 1)[0] ?? ''
  const refuse = (reason: string): RequestPath => ({ok: false, reason, pathname})
  if (!pathname.startsWith('/')) return refuse('the path must start with /')
  if (pathname.includes('\\')) return refuse('backslashes are not allowed in paths')
  const segments: string[] = []
  const parts = pathname.split('/').slice(1)
  for (const [index, part] of parts.entries()) {
    if (part === '') {
      // Only a trailing slash is meaningful; `//` inside a path is refused rather than collapsed.
      if (index === parts.length - 1) break
      return refuse('empty path segment')
    }
    let decoded: string
    try {
      decoded = decodeURIComponent(part)
    } catch {
      return refuse('malformed percent-encoding')
    }
    if (CONTROL.test(decoded)) return refuse('control characters are not allowed in paths')
    if (decoded.includes('/') || decoded.includes('\\')) return refuse('encoded path separators are not allowed')
    if (decoded === '.' || decoded === '..') return refuse('dot segments are not allowed')
    segments.push(decoded)
  }
  return {ok: true, segments, trailingSlash: pathname.endsWith('/'), pathname}
}
