import slugifyText from '@sindresorhus/slugify'

/**
 * A slug the schema accepts (lowercase a–z, digits, hyphens, at most 96 characters). Letters outside ASCII are
 * transliterated, not dropped (`Straße und Ärzte` → `strasse-und-aerzte`, `Ωμέγα-3` → `omega-3`), by
 * @sindresorhus/slugify's transliteration tables; camel case is left as words the writer typed.
 */
export function slugify(text: string): string {
  return slugifyText(text, {decamelize: false})
    .replace(/[^a-z0-9-]/g, '')
    .slice(0, 96)
    .replace(/-+$/, '')
}
