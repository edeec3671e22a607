import {Scalar, stringify as stringifyYaml} from 'yaml'

/** A front matter value: text, `null`, a double-quoted string (`quoted`), a list of texts or of people. */
export type FrontMatterValue = string | null | Scalar | readonly string[] | ReadonlyArray<Record<string, string>>

/**
 * article.md's front matter as the `yaml` package writes it (`lineWidth: 0`, without the final line break).
 *
 * Front matters that hold only text of certain form (`CERTAIN`), dates, nulls and lists of them are written here,
 * and any other goes to the `yaml` package whole. Why not always the package: building and writing
 * its document for these few keys cost half a millisecond per article, a fifth of article.md's cost (`tests/render-front-matter.test.ts` pins both routes to the same bytes).
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
 * Text whose YAML form is certain without the package: printable ASCII other than `"` and `\`, letters, digits and
 * common typographic marks (no line breaks, tabs, control characters or lone surrogates). YAML writes such text plain
 * unless it must not be (`PLAIN_REFUSED`, or it would read back as another type: `NOT_A_STRING`), and then in double
 * quotes, which need no escape here: the package picks double quotes for text without `"`, and JSON (which its
 * double quotes start from) escapes nothing in it. Text that opens a line with `---`, `...` or `%` is left to the
 * package, whose choice there depends on where the text sits.
 */
const CERTAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e\p{L}\p{N}’‘“”–—…·•°±×]*$/u
/**
 * YAML's rule for plain scalars: no indicator at the start (nor `-`, `?` alone or before a space), no `: `, no `#`
 * after a space, no space or `:` at the end (the package's own test, restricted to text without line breaks and
 * tabs).
 */
const PLAIN_REFUSED = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/
/** What YAML 1.2's core schema reads as null, a boolean or a number; the package quotes these. */
const NOT_A_STRING =
  /^(?:~|[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.(?:inf|Inf|INF)|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)|\.nan|\.NaN|\.NAN)?$/
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/
/** What `isoDay` gives: double-quoted, it needs no escape. */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/

function plainText(value: string): string | null {
  if (!CERTAIN.test(value)) return null
  if (PLAIN_REFUSED.test(value) || NOT_A_STRING.test(value)) return `"${value}"`
  return DOCUMENT_MARKER.test(value) ? null : value
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
