/**
 * JSON for a `<script type="application/ld+json">` element. HTML ends a script at `</script` and treats `<!--`
 * specially, and older JavaScript engines break on raw U+2028/U+2029; escaping `<`, `>`, `&` and those two as
 * `\uXXXX` makes all of them impossible while `JSON.parse` of the element's text still returns the same data.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[<>&\u2028\u2029]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )
}
