/**
 * `JSON.stringify(value, null, 2)` as it reads nested `level` levels deep in a pretty-printed document: every line
 * after the first indented by `level` more steps of two spaces. JSON.stringify indents it itself when the value is
 * wrapped in `level` arrays, and the wrapping is then cut off the text: re-indenting the lines by replacing each
 * newline (`replaceAll`) made a second copy of the text and cost a third of the time (article.json's body, ~80 KB
 * of text per article). A value without lines of its own (a string, a number) needs no wrapping.
 */
export function prettyJsonAt(value: unknown, level: number): string | undefined {
  if (typeof value !== 'object' || value === null || level === 0) return JSON.stringify(value, null, 2)
  const {open, close} = wrapping(level)
  let wrapped: unknown = value
  for (let depth = 0; depth < level; depth++) wrapped = [wrapped]
  const text = JSON.stringify(wrapped, null, 2) as string
  return text.slice(open.length, text.length - close.length)
}

/** What `level` wrapping arrays add before and after the value: `[\n  [\n    ` … `\n  ]\n]`. */
function wrapping(level: number): {open: string; close: string} {
  let found = wrappings[level]
  if (found === undefined) {
    let open = ''
    let close = ''
    for (let depth = 0; depth < level; depth++) {
      open += `[\n${'  '.repeat(depth + 1)}`
      close = `\n${'  '.repeat(depth)}]${close}`
    }
    found = wrappings[level] = {open, close}
  }
  return found
}

const wrappings: Array<{open: string; close: string}> = []
