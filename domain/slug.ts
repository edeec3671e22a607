import slugifyText from '@sindresorhus/slugify'

/** A slug becomes a folder and a URL path, so it is kept short. */
export const SLUG_MAX_LENGTH = 96

/** The whole shape of a usable slug: kebab-case words, no leading, trailing or doubled hyphen. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/**
 * Names Windows keeps for devices, whatever follows them: a release folder `articles/con/` cannot be created, copied
 * or opened there, and a mirror or partner on Windows would break on it.
 */
export const WINDOWS_DEVICE_NAMES = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/

/**
 * Names that mean something at the top of an output folder, a release or the server (`current`, `manifest`,
 * `healthz`…). The export refuses them as paths; Studio says so before the writer publishes.
 */
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

/**
 * A slug the schema accepts (lowercase a–z, digits, hyphens, at most 96 characters). Letters outside ASCII are
 * transliterated, not dropped (`Straße und Ärzte` → `strasse-und-aerzte`, `Ωμέγα-3` → `omega-3`), by
 * @sindresorhus/slugify's transliteration tables; camel case is left as the words the writer typed.
 */
export function slugify(text: string): string {
  return slugifyText(text, {decamelize: false})
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, SLUG_MAX_LENGTH)
    .replace(/-+$/, '')
}
