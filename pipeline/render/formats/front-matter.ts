import {Scalar, stringify as stringifyYaml} from 'yaml'

/** A front matter value: text, `null`, a double-quoted string (`quoted`), a list of texts or of people. */
export type FrontMatterValue = string | null | Scalar | readonly string[] | ReadonlyArray<Record<string, string>>

/**
 * article.md's front matter as the `yaml` package writes it (`lineWidth: 0`, without the final line break).
 *
 * Most front matters hold only words, dates, nulls and lists of them, which YAML writes as they are; those are
 * written here, and any other goes to the `yaml` package whole. Why not always the package: building and writing
 * its document for these few keys cost half a millisecond per article, more than writing the article's body as
 * Markdown (`tests/render-front-matter.test.ts` pins both routes to the same bytes).
 */
export function frontMatterYaml(fields: Readonly<Record<string, FrontMatterValue>>): string {
  return plainFrontMatter(fields) ?? stringifyYaml(fields, {lineWidth: 0}).trimEnd()
}

/**
 * A date as a quoted string: unquoted, `2026-03-02` is a date to YAML 1.1 readers (PyYAML) and a string to others
 * (js-yaml 5); quoted, it is the same string to all.
 */
export function quoted(date: string | null): Scalar | null {
  if (date === null) return null
  const scalar = new Scalar(date)
  scalar.type = 'QUOTE_DOUBLE'
  return scalar
}

/**
 * Text YAML writes plain, as it is: it starts with a letter or digit (no indicator such as `-`, `'`, `&`, `%`), holds
 * only letters, digits, spaces and marks without line breaks or control characters, has no `: ` or ` #` (a key or a
 * comment to YAML), and does not end in a space or `:`. Of such texts, only those YAML 1.2's core schema reads back
 * as null, a boolean or a number (`null`, `True`, `42`, `0x1F`, `1.5`, `1e5`) are not strings; the package quotes
 * those.
 */
const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} ,.;:()/'’"&+_#?=%@!*~-]*$/u
const NOT_PLAIN = /: | #|[ :]$/
const NOT_A_STRING =
  /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)$/
/** What `isoDay` gives: double-quoted, it needs no escape. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function plainText(value: string): string | null {
  return PLAIN.test(value) && !NOT_PLAIN.test(value) && !NOT_A_STRING.test(value) ? value : null
}

/** The front matter written here, or null where any value is not one written as it is. */
function plainFrontMatter(fields: Readonly<Record<string, FrontMatterValue>>): string | null {
  const lines: string[] = []
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) lines.push(`${key}: null`)
    else if (typeof value === 'string') {
      const text = plainText(value)
      if (text === null) return null
      lines.push(`${key}: ${text}`)
    } else if (value instanceof Scalar) {
      if (value.type !== 'QUOTE_DOUBLE' || typeof value.value !== 'string' || !ISO_DAY.test(value.value)) return null
      lines.push(`${key}: "${value.value}"`)
    } else if (value.length === 0) lines.push(`${key}: []`)
    else {
      lines.push(`${key}:`)
      for (const item of value) {
        if (!listItem(item, lines)) return null
      }
    }
  }
  return lines.join('\n')
}

/** `  - text`, or a person's fields as `  - id: …` then `    name: …`. */
function listItem(item: string | Readonly<Record<string, string>>, lines: string[]): boolean {
  if (typeof item === 'string') {
    const text = plainText(item)
    if (text === null) return false
    lines.push(`  - ${text}`)
    return true
  }
  const entries = Object.entries(item)
  if (entries.length === 0) return false
  for (const [index, [key, value]] of entries.entries()) {
    const text = typeof value === 'string' ? plainText(value) : null
    if (text === null) return false
    lines.push(`${index === 0 ? '  - ' : '    '}${key}: ${text}`)
  }
  return true
}
