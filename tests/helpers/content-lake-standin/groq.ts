import {evaluate, parse} from 'groq-js'

/**
 * GROQ as the Content Lake answers it, over groq-js: perspectives (groq-js has none) and `text::query()`
 * (groq-js cannot parse it; the Studio's document lists send it with an empty search).
 */

export type Perspective = 'raw' | 'drafts' | 'published'

export interface LakeDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

const isDraft = (id: string) => id.startsWith('drafts.')
const isVersion = (id: string) => id.startsWith('versions.')

/** The documents a query sees under a perspective: drafts over their published documents for `drafts`. */
export function perspectiveView(documents: Iterable<LakeDocument>, perspective: Perspective): LakeDocument[] {
  const all = [...documents]
  if (perspective === 'raw') return all
  const published = all.filter((document) => !isDraft(document._id) && !isVersion(document._id))
  if (perspective === 'published') return published
  const byId = new Map(published.map((document) => [document._id, document]))
  for (const draft of all.filter((document) => isDraft(document._id))) {
    const id = draft._id.slice('drafts.'.length)
    byId.set(id, {...draft, _id: id, _originalId: draft._id})
  }
  return [...byId.values()]
}

export function parsePerspective(value: string | null, fallback: Perspective): Perspective {
  if (value === null || value === '') return fallback
  const first = value.split(',')[0]
  if (first === 'previewDrafts' || first === 'drafts') return 'drafts'
  if (first === 'raw' || first === 'published') return first
  return 'drafts' // a release stack: drafts are the closest the stand-in has
}

/**
 * Replaces each `text::query(…)` call so that every document matches, which is what an empty search box means:
 * `x match text::query(…)` becomes `x match "*"`, a bare call becomes `true`. Arguments are skipped with their
 * parentheses and string literals balanced.
 */
export function withoutTextQuery(query: string): string {
  const marker = 'text::query('
  let out = ''
  let rest = query
  for (let at = rest.indexOf(marker); at !== -1; at = rest.indexOf(marker)) {
    const before = rest.slice(0, at)
    out += `${before}${/\bmatch\s*$/.test(before) ? '"*"' : 'true'}`
    let depth = 1
    let index = at + marker.length
    let quote: string | null = null
    for (; index < rest.length && depth > 0; index += 1) {
      const char = rest[index]
      if (quote) {
        if (char === '\\') index += 1
        else if (char === quote) quote = null
      } else if (char === '"' || char === "'") quote = char
      else if (char === '(') depth += 1
      else if (char === ')') depth -= 1
    }
    rest = rest.slice(index)
  }
  return out + rest
}

export async function runQuery(
  documents: readonly LakeDocument[],
  query: string,
  params: Record<string, unknown>,
  identity: string,
): Promise<unknown> {
  const tree = parse(withoutTextQuery(query), {params})
  const value = await evaluate(tree, {dataset: [...documents], params, identity, timestamp: new Date()})
  return value.get()
}

/** Whether a listener's filter query (`*[filter]`) matches one document. */
export async function matchesListenQuery(
  document: LakeDocument | null,
  query: string,
  params: Record<string, unknown>,
  identity: string,
): Promise<boolean> {
  if (!document) return false
  const result = await runQuery([document], query, params, identity)
  return Array.isArray(result) && result.length > 0
}
