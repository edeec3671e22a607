/**
 * JSON with object keys sorted and `undefined` dropped, so that equal content always gives the same string whatever
 * order an editor, the Content Lake or an import wrote the keys in.
 *
 * This is RFC 8785 (JCS) for the values we hash: strings and numbers are written by `JSON.stringify` (as JCS
 * prescribes) and keys are sorted by UTF-16 code units. Where every object's keys can be held in that order (nearly
 * always: the values hashed are mostly built in it), one native `JSON.stringify` writes the value (`inKeyOrder`; a
 * generated article's content hash took 250 µs with its text built here piece by piece, 215 so). Otherwise the string
 * is built here (`write`), because a JavaScript object cannot hold that order (integer-like keys such as "1" always
 * come first) and a plain object turns an own `__proto__` key into its prototype, so two different documents would
 * serialise alike. Not the `canonicalize` package: it throws on a lone surrogate, and a hash must be computable for any
 * text a writer can type (Studio computes it on every keystroke). `tests/canonical-json.test.ts` holds both paths to a
 * plain RFC 8785 writer.
 */
export function canonicalJson(value: unknown): string {
  const ordered = inKeyOrder(value, 0)
  if (ordered !== UNORDERABLE) return JSON.stringify(ordered) ?? 'null'
  return write(value) ?? 'null'
}

const UNORDERABLE = Symbol('unorderable')

/**
 * The value with every object's keys in UTF-16 order, for `JSON.stringify` to write in one native call: the value
 * itself where its keys are in order already (objects this hashes are mostly built so), otherwise a copy of the parts
 * that are not. `UNORDERABLE` where a plain object cannot hold the order or `JSON.stringify` would not write what
 * `write` does: a key that starts with a digit (an integer-like key is always listed first), `__proto__` (setting it
 * sets the prototype), a `toJSON` (its result is written unsorted), a value too deep to walk here.
 */
function inKeyOrder(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (depth > MAX_DEPTH || 'toJSON' in value) return UNORDERABLE
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null
    for (let index = 0; index < value.length; index++) {
      const item = value[index]
      const ordered = inKeyOrder(item, depth + 1)
      if (ordered === UNORDERABLE) return UNORDERABLE
      if (ordered !== item && copy === null) copy = value.slice(0, index)
      if (copy !== null) copy.push(ordered)
    }
    return copy ?? value
  }
  const keys = Object.keys(value)
  let sorted = true
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string
    const first = key.charCodeAt(0)
    if ((first >= 48 && first <= 57) || key === '__proto__') return UNORDERABLE
    if (index > 0 && !((keys[index - 1] as string) < key)) sorted = false
  }
  if (!sorted) keys.sort()
  let copy: Record<string, unknown> | null = sorted ? null : {}
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index] as string
    const item = (value as Record<string, unknown>)[key]
    const ordered = inKeyOrder(item, depth + 1)
    if (ordered === UNORDERABLE) return UNORDERABLE
    if (ordered !== item && copy === null) {
      copy = {}
      for (let before = 0; before < index; before++) {
        const earlier = keys[before] as string
        copy[earlier] = (value as Record<string, unknown>)[earlier]
      }
    }
    if (copy !== null) copy[key] = ordered
  }
  return copy ?? value
}

/** Deeper than anything hashed: left to `write`. */
const MAX_DEPTH = 200

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
