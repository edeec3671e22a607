import type {ServerResponse} from 'node:http'

/**
 * Response headers shared by every answer.
 *
 * Cache-Control: paths are stable across releases (`articles/<slug>/article.json`) while their content changes at
 * each switch, and a publish must reach readers within seconds; so caches may store a response but must revalidate
 * it before every reuse (`no-cache`). Revalidation is cheap: a strong ETag answered with 304 and no body.
 * `public, max-age=0, must-revalidate` would behave the same for fresh responses; `no-cache` is the directive that
 * says exactly this and also forbids serving a stale copy when the origin is briefly unreachable.
 */
export const CACHE_REVALIDATE = 'public, no-cache'
export const CACHE_NEVER = 'no-store'

/**
 * Pages carry no scripts except JSON-LD data blocks (never executed, so `script-src` stays 'none') and use inline
 * styles. Nothing is fetched from elsewhere, forms and <base> are not used, and nothing should frame the pages.
 */
export const HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
/** JSON, text and Markdown are data: if a browser renders one anyway, nothing in it may load or run. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'"

export function setCommonHeaders(res: ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff')
  // Readers of medical pages should not announce which page they read to the sites the references link to.
  res.setHeader('Referrer-Policy', 'no-referrer')
}

/** A small JSON answer (errors, health, webhook receipts). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: {head?: boolean; headers?: Record<string, string>} = {},
): void {
  const text = Buffer.from(`${JSON.stringify(body)}\n`)
  setCommonHeaders(res)
  res.setHeader('Content-Type', 'application/json')
  res.setHeader('Content-Security-Policy', DATA_CSP)
  res.setHeader('Cache-Control', CACHE_NEVER)
  for (const [name, value] of Object.entries(options.headers ?? {})) res.setHeader(name, value)
  res.setHeader('Content-Length', text.length)
  res.writeHead(status)
  res.end(options.head ? undefined : text)
}
