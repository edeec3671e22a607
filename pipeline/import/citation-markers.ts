/** A run of text or a `[n]` citation marker, in the order they stand. */
export type MarkerPiece = {type: 'text'; value: string} | {type: 'marker'; number: number}

const MARKER = /\[([1-9]\d{0,3})\]/g
const SOURCE_MARKER = /(\\*)\[([1-9]\d{0,3})\]/g

/**
 * Splits a text node's value at its `[n]` markers, as the export writes them (`[1]`, `[2][9]`). The source decides
 * what is a marker: the export writes a bracketed number that is plain text as `\[3]`, which parses to the same
 * value, so an escaped bracket in the source (an odd number of backslashes before it) stays text. The export never
 * escapes a marker (before `(` or `:` it escapes that character instead: `[2]\(`, `[2]\:`). When the value's
 * markers cannot be paired with the source's (character references such as `&#91;`), every one counts as a marker.
 */
export function splitCitationMarkers(value: string, source: string | undefined): MarkerPiece[] {
  const inValue = [...value.matchAll(MARKER)]
  if (inValue.length === 0) return value === '' ? [] : [{type: 'text', value}]
  const inSource = source === undefined ? [] : [...source.matchAll(SOURCE_MARKER)]
  const paired = inSource.length === inValue.length && inSource.every((match, index) => match[2] === inValue[index]![1])
  const pieces: MarkerPiece[] = []
  let text = ''
  let last = 0
  inValue.forEach((match, index) => {
    const escaped = paired && inSource[index]![1]!.length % 2 === 1
    text += value.slice(last, match.index)
    last = match.index + match[0].length
    if (escaped) {
      text += match[0]
      return
    }
    if (text !== '') pieces.push({type: 'text', value: text})
    text = ''
    pieces.push({type: 'marker', number: Number(match[1])})
  })
  text += value.slice(last)
  if (text !== '') pieces.push({type: 'text', value: text})
  return pieces
}
