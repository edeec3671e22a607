/**
 * JSON with object keys sorted and `undefined` dropped, so that equal content always gives the same
 * string whatever order an editor, the Content Lake or an import wrote the keys in.
 *
 * This is RFC 8785 (JCS) for the values we hash: strings and numbers are written by `JSON.stringify` (as JCS
 * prescribes) and keys are sorted by UTF-16 code units. The string is built here rather than by `JSON.stringify` of
 * a sorted copy, because a JavaScript object cannot hold that order (integer-like keys such as "1" always come
 * first) and a plain object turns an own `__proto__` key into its prototype, so two different documents would
 * serialise alike. Not the `canonicalize` package: it throws on a lone surrogate, and a hash must be computable for
 * any text a writer can type (Studio computes it on every keystroke).
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null'
}

function write(value: unknown): string | undefined {
  // null and booleans written here: a call into JSON.stringify costs more than these few bytes.
  if (value === null) return 'null'
  if (typeof value === 'boolean') return value ? 'true' : 'false'
  if (typeof value !== 'object') return JSON.stringify(value) as string | undefined
  if ('toJSON' in value && typeof value.toJSON === 'function') return write((value.toJSON as () => unknown)())
  // Strings built by concatenation, not by mapping and joining arrays: content hashes serialise every article's
  // body, and the intermediate arrays were most of the cost.
  if (Array.isArray(value)) {
    let out = '['
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ','
      out += write(value[index]) ?? 'null'
    }
    return `${out}]`
  }
  let out = '{'
  for (const key of sortedKeys(value)) {
    const item = write((value as Record<string, unknown>)[key])
    if (item === undefined) continue
    if (out.length > 1) out += ','
    out += `${keyJson(key)}:${item}`
  }
  return `${out}}`
}

/**
 * The object's keys in UTF-16 code unit order (`sort`'s default order, as `<` compares strings). Sorting copies the
 * keys into a scratch array even when they are in order already, as most objects this hashes are built to be.
 */
function sortedKeys(value: object): string[] {
  const keys = Object.keys(value)
  for (let index = 1; index < keys.length; index++)
    if (!((keys[index - 1] as string) < (keys[index] as string))) return keys.sort()
  return keys
}

/** Object keys repeat across documents (`type`, `text`, `marks`…): their JSON form is remembered. */
const keys = new Map<string, string>()

function keyJson(key: string): string {
  let json = keys.get(key)
  if (json === undefined) {
    json = JSON.stringify(key)
    if (keys.size < 10_000) keys.set(key, json)
  }
  return json
}
