import type {RuleDefinition} from './rule.ts'

/**
 * The few fields of another document that a rule looks at: whether it exists, its type, a person's roles
 * and credentials. Studio fetches them through the client; the pipeline passes the documents it has already
 * resolved (an article's authors and citations, a review's reviewer), so the rule itself stays synchronous.
 */
export interface LinkedDocument {
  _id: string
  _type: string
  name?: string | null
  roles?: readonly string[] | null
  credentials?: string | null
}

/** Looks up a document by id; `undefined` means it does not exist (or is not published). */
export interface DocumentLookup {
  getDocument(id: string): LinkedDocument | undefined
}

/** A rule that needs other documents, and says which ones, so an async caller can fetch exactly those first. */
export interface LookupRuleDefinition<Value> extends RuleDefinition<Value, DocumentLookup> {
  referencedIds: (value: Value) => string[]
}

export function defineLookupRule<Value>(rule: LookupRuleDefinition<Value>): LookupRuleDefinition<Value> {
  return rule
}

/** What Studio asks the Content Lake for; the same projection as `LinkedDocument`. */
export const LINKED_DOCUMENTS_QUERY = '*[_id in $ids]{_id, _type, name, roles, credentials}'

export function documentLookup(documents: Iterable<LinkedDocument | null | undefined>): DocumentLookup {
  const byId = new Map<string, LinkedDocument>()
  for (const document of documents) if (document) byId.set(document._id, document)
  return {getDocument: (id) => byId.get(id)}
}

/** The `_ref` of a reference-shaped value, or undefined. */
export function referenceId(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const ref = (value as {_ref?: unknown})._ref
  return typeof ref === 'string' && ref !== '' ? ref : undefined
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `{_key}` when the array item has a key (how Studio addresses it), else its index. */
export function itemSegment(item: unknown, index: number): {_key: string} | number {
  return isRecord(item) && typeof item._key === 'string' ? {_key: item._key} : index
}
