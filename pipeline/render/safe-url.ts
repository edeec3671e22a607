import {ALLOWED_LINK_SCHEMES} from '../../schemas/rules/fields/urls.ts'

/**
 * The URL schemes a rendered link may use: the same list the Studio's link rule enforces, so the sanitizer never
 * drops a link the writer was told is fine. Anything without a scheme is relative and allowed.
 */
export const SAFE_PROTOCOLS = ALLOWED_LINK_SCHEMES

/**
 * True for https:, http:, mailto:, tel: and relative URLs. Control characters and whitespace are removed
 * before the scheme is read, as browsers do, so `java\nscript:` is caught.
 */
export function isSafeUrl(url: string): boolean {
  // eslint-disable-next-line no-control-regex
  const compact = url.replace(/[\u0000-\u0020\u007f]/g, '')
  if (compact === '') return false
  const scheme = /^([a-z][a-z\d+.-]*):/i.exec(compact)
  if (!scheme) return !compact.startsWith('//') && !compact.startsWith('\\')
  return (SAFE_PROTOCOLS as readonly string[]).includes(scheme[1]!.toLowerCase())
}
