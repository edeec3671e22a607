/**
 * Text from a dataset or an API, made safe to print: control characters (terminal escape sequences start with
 * one), C1 controls, line separators and bidirectional overrides are written as `\u…` escapes, and very long
 * text is cut. Everything a message quotes from the input goes through here.
 */
export function printable(text: string, maxLength = 120): string {
  const cut = [...text]
  const shown = cut.length > maxLength ? `${cut.slice(0, maxLength).join('')}…` : text
  return shown.replace(UNPRINTABLE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
