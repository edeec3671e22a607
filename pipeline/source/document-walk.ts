/** A reference found in a document, with the field path a writer can follow in the Studio. */
export interface FoundReference {
  path: string
  ref: string
  /** Present only on weak references: most are strong, and saved passes hold 100,000s of them. */
  weak?: true
}

export interface DocumentWalk {
  references: FoundReference[]
  /** Paths of objects inside arrays that have no `_key` (Sanity needs one to edit and patch them). */
  missingKeys: string[]
  /** True when objects and arrays nest deeper than `maxDepth`; the walk stopped there. */
  tooDeep: boolean
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `authors[0]`, `body[3].children[1].citation`: the path form Sanity's own validation messages use. */
export function joinPath(parent: string, segment: string | number): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`
  return parent === '' ? segment : `${parent}.${segment}`
}

/** A node on the walk's own stack; its path is spelled out only when something is reported there. */
interface Frame {
  value: object
  parent: Frame | null
  segment: string | number
  depth: number
}

function pathOf(frame: Frame): string {
  const segments: Array<string | number> = []
  for (let at: Frame | null = frame; at && at.parent; at = at.parent) segments.push(at.segment)
  // `joinPath` segment by segment, but joined once: a concatenation is a tree of strings, and the source keeps paths
  // for as long as it is open.
  const parts: string[] = []
  let empty = true
  for (let index = segments.length - 1; index >= 0; index--) {
    const segment = segments[index] as string | number
    if (typeof segment === 'number') parts.push(`[${segment}]`)
    else parts.push(empty ? segment : `.${segment}`)
    empty &&= segment === ''
  }
  return parts.join('')
}

/**
 * Visits every object and array of a document once, with a stack of its own: V8 parses JSON nested a million
 * levels deep without complaint, and this walk must not be the thing that overflows. Deeper than `maxDepth` is
 * reported instead of walked, so nothing downstream (GROQ, hashing, rendering) ever recurses that far.
 * Only own enumerable keys are read, so a `__proto__` key in the input is plain data here.
 */
export function walkDocument(
  document: Record<string, unknown>,
  maxDepth: number = Number.POSITIVE_INFINITY,
): DocumentWalk {
  const references: FoundReference[] = []
  const missingKeys: string[] = []
  const stack: Frame[] = [{value: document, parent: null, segment: '', depth: 1}]
  while (stack.length > 0) {
    const frame = stack.pop() as Frame
    if (frame.depth > maxDepth) return {references, missingKeys, tooDeep: true}
    const {value} = frame
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) {
        const item: unknown = value[index]
        if (typeof item !== 'object' || item === null) continue
        const child: Frame = {value: item, parent: frame, segment: index, depth: frame.depth + 1}
        if (!Array.isArray(item) && typeof (item as Record<string, unknown>)._key !== 'string')
          missingKeys.push(pathOf(child))
        stack.push(child)
      }
      continue
    }
    const record = value as Record<string, unknown>
    if (typeof record._ref === 'string')
      references.push(
        record._weak === true
          ? {path: pathOf(frame), ref: record._ref, weak: true}
          : {path: pathOf(frame), ref: record._ref},
      )
    const keys = Object.keys(record)
    for (let index = keys.length - 1; index >= 0; index--) {
      const key = keys[index] as string
      const child = record[key]
      if (typeof child === 'object' && child !== null)
        stack.push({value: child, parent: frame, segment: key, depth: frame.depth + 1})
    }
  }
  return {references, missingKeys, tooDeep: false}
}

/** Ids of documents that are not published content: drafts and release versions. */
export function isPublishedId(id: string): boolean {
  return !id.startsWith('drafts.') && !id.startsWith('versions.')
}

export const DOCUMENT_ID = /^[a-z0-9_.-]+$/i
