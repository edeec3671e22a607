import {slug} from 'github-slugger'

/**
 * A slug the schema accepts (lowercase a–z, digits, hyphens, at most 96 characters): accents are dropped
 * (`Müller` → `muller`), everything else github-slugger's way.
 */
export function slugify(text: string): string {
  const ascii = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
  return slug(ascii)
    .replace(/[^a-z0-9-]/g, '')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 96)
    .replace(/-$/, '')
}
