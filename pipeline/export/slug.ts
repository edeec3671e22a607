import {RESERVED_SLUGS, SLUG_MAX_LENGTH as MAX_SLUG_LENGTH, SLUG_PATTERN, WINDOWS_DEVICE_NAMES} from '../../domain/slug.ts'
import type {ExportFinding} from './types.ts'

// The pattern and reserved names are the Studio's slug rule, so a writer is told before publishing. The export
// checks again here because a slug becomes a directory name: nothing with dots, slashes, upper case or spaces
// may ever leave `articles/` or clash on a case-insensitive disk, whatever the source let through.
export {MAX_SLUG_LENGTH, RESERVED_SLUGS, SLUG_PATTERN, WINDOWS_DEVICE_NAMES}

/** Why a slug cannot be used as an address, or null when it can. */
export function slugProblem(slug: string | null): string | null {
  if (slug === null || slug === '') return 'The article has no slug, so it has no address to publish at. Generate a slug in Studio.'
  if (slug.length > MAX_SLUG_LENGTH) return `The slug is ${slug.length} characters long; shorten it to ${MAX_SLUG_LENGTH} or fewer.`
  if (!SLUG_PATTERN.test(slug)) {
    return `The slug "${slug}" cannot be used as an address: use only lower-case letters, digits and single hyphens (like "infant-mental-health").`
  }
  if (RESERVED_SLUGS.has(slug)) return `The slug "${slug}" is reserved for the release itself; choose another slug.`
  if (WINDOWS_DEVICE_NAMES.test(slug)) return `The slug "${slug}" is a device name on Windows, where its folder cannot be created or copied; choose another slug.`
  return null
}

export function slugFinding(documentId: string, slug: string | null, message: string, ruleId = 'export-slug-unusable'): ExportFinding {
  return {ruleId, severity: 'error', documentId, path: ['slug'], message, source: 'vetted:export', slug}
}
