import type {ExportFinding} from './types.ts'

/**
 * A slug becomes a directory name in every release, so only a plain kebab-case word is ever used as a path:
 * nothing with dots, slashes, upper case or spaces can leave `articles/` or clash on a case-insensitive disk.
 */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Names that mean something at the top of an output folder or release; kept out even though articles live below `articles/`. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set([
  'current',
  'releases',
  'schema',
  'articles',
  'manifest',
  'index',
  'index-html',
  'manifest-json',
  'healthz',
  'hooks',
  'assets',
  'static',
])

export const MAX_SLUG_LENGTH = 96

/** Why a slug cannot be used as an address, or null when it can. */
export function slugProblem(slug: string | null): string | null {
  if (slug === null || slug === '') return 'The article has no slug, so it has no address to publish at. Generate a slug in Studio.'
  if (slug.length > MAX_SLUG_LENGTH) return `The slug is ${slug.length} characters long; shorten it to ${MAX_SLUG_LENGTH} or fewer.`
  if (!SLUG_PATTERN.test(slug)) {
    return `The slug "${slug}" cannot be used as an address: use only lower-case letters, digits and single hyphens (like "infant-mental-health").`
  }
  if (RESERVED_SLUGS.has(slug)) return `The slug "${slug}" is reserved for the release itself; choose another slug.`
  return null
}

export function slugFinding(documentId: string, slug: string | null, message: string, ruleId = 'export-slug-unusable'): ExportFinding {
  return {ruleId, severity: 'error', documentId, path: ['slug'], message, source: 'vetted:export', slug}
}
