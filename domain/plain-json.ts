/**
 * True when `value` is made of JSON's own values only: null, booleans, finite numbers other than -0, strings, arrays
 * without holes and objects whose prototype is `Object.prototype`, down to the leaves. For such a value
 * `JSON.parse(JSON.stringify(value))` is an equal value (same keys in the same order, same strings, same numbers),
 * so whatever checks one may check the other: the export checks an article.json's value against its schema instead
 * of parsing back the text it wrote from it (a parse of ~90 KB per article). Anything else — `undefined`, a
 * function, a `toJSON`, a Date, NaN, a class instance — is not plain, and the caller parses the text.
 */
export function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0)
  // Deeper than any article: treated as not plain rather than risking the stack (the parse then decides).
  if (typeof value !== 'object' || depth > MAX_DEPTH) return false
  if (Array.isArray(value)) {
    // A hole reads as undefined, which is not plain: `JSON.stringify` writes it as null.
    for (let index = 0; index < value.length; index++) if (!isPlainJson(value[index], depth + 1)) return false
    return Object.getPrototypeOf(value) === Array.prototype
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false
  for (const key in value) {
    // `for…in` on an object whose prototype is Object.prototype lists its own enumerable keys: what JSON.stringify
    // writes (and a validator reads); an accessor is not plain (its value could change between the two).
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    if (descriptor === undefined || !('value' in descriptor) || !isPlainJson(descriptor.value, depth + 1)) return false
  }
  return true
}

const MAX_DEPTH = 1000
