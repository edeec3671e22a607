import type {PathSegment} from '../../schemas/rules/rule.ts'

/**
 * A document path the way Sanity and GROQ write it: `body[_key=="abc"].children[_key=="def"]`, `authors[0]`.
 * Keys are quoted with JSON string escaping, so any key round-trips.
 */
export function pathToString(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'string') out += out === '' ? segment : `.${segment}`
    else out += `[_key==${JSON.stringify(segment._key)}]`
  }
  return out
}
