import path from 'node:path'

/**
 * Media types of the files a release holds. Text types name UTF-8 explicitly: the exporter writes UTF-8, and a
 * browser left to guess renders Markdown or plain text with the wrong encoding.
 */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.css': 'text/css; charset=utf-8',
}

export const FALLBACK_TYPE = 'application/octet-stream'

export function contentTypeFor(file: string): string {
  return TYPES[path.extname(file).toLowerCase()] ?? FALLBACK_TYPE
}

/** Worth compressing: text formats; binary fallbacks are sent as they are. */
export function isCompressible(contentType: string): boolean {
  return contentType !== FALLBACK_TYPE
}

export function isHtmlLike(contentType: string): boolean {
  return contentType.startsWith('text/html') || contentType.startsWith('image/svg+xml')
}
