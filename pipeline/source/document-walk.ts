/** A reference found in a document, with the field path a writer can follow in the Studio. */
export interface FoundReference {
  path: string
  ref: string
  weak: boolean
}

export interface DocumentWalk {
  references: FoundReference[]
  /** Paths of objects inside arrays that have no `_key` (Sanity needs one to edit and patch them). */
  missingKeys: string[]
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `authors[0]`, `body[3].children[1].citation`: the path form Sanity's own validation messages use. */
export function joinPath(parent: string, segment: string | number): string {
  if (typeof segment === 'number') return `${parent}[${segment}]`
  return parent === '' ? segment : `${parent}.${segment}`
}

/**
 * Visits every value of a document once, without recursion (depth is bounded before parsing, but a stack of our
 * own costs nothing and cannot overflow). Only own enumerable keys are read, so a `__proto__` key in the input is
 * just data here.
 */
export function walkDocument(document: Record<string, unknown>): DocumentWalk {
  const references: FoundReference[] = []
  const missingKeys: string[] = []
  const stack: Array<{value: unknown; path: string; inArray: boolean}> = [{value: document, path: '', inArray: false}]
  while (stack.length > 0) {
    const {value, path, inArray} = stack.pop() as {value: unknown; path: string; inArray: boolean}
    if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({value: value[index], path: joinPath(path, index), inArray: true})
      continue
    }
    if (!isRecord(value)) continue
    if (inArray && typeof value._key !== 'string') missingKeys.push(path)
    if (typeof value._ref === 'string') references.push({path, ref: value._ref, weak: value._weak === true})
    const entries = Object.entries(value)
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index] as [string, unknown]
      if (typeof child === 'object' && child !== null) stack.push({value: child, path: joinPath(path, key), inArray: false})
    }
  }
  return {references, missingKeys}
}

/** Ids of documents that are not published content: drafts and release versions. */
export function isPublishedId(id: string): boolean {
  return !id.startsWith('drafts.') && !id.startsWith('versions.')
}

export const DOCUMENT_ID = /^[a-z0-9_.-]+$/i
