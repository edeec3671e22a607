/** The URL schemes a rendered link may use; anything without a scheme is relative and allowed. */
export const SAFE_PROTOCOLS = ['https', 'http', 'mailto', 'tel'] as const

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
