import {canonicalJson} from '../../domain/canonical-json.ts'
import {revisionOf} from './ids.ts'

/** One document of an NDJSON dataset (`sanity dataset import` format). */
export interface DatasetDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

export type ChangeKind = 'create' | 'update' | 'unchanged'

export interface DocumentChange {
  kind: ChangeKind
  id: string
  type: string
}

const VOLATILE = new Set(['_rev', '_createdAt', '_updatedAt'])

/**
 * Puts imported documents into a dataset: a new `_id` is appended, an existing one is replaced where it stands,
 * unless it says the same thing (ignoring `_key` values and the system timestamps), in which case the dataset's
 * document is kept byte for byte. Changed and new documents get a `_rev` derived from their content, so the result
 * never depends on the clock.
 */
export function applyDocuments(
  dataset: readonly DatasetDocument[],
  incoming: readonly DatasetDocument[],
): {documents: DatasetDocument[]; changes: DocumentChange[]} {
  const documents = [...dataset]
  const positions = new Map(documents.map((document, index) => [document._id, index]))
  const changes: DocumentChange[] = []
  for (const document of incoming) {
    const position = positions.get(document._id)
    const existing = position === undefined ? undefined : documents[position]
    if (existing && sameContent(existing, document)) {
      changes.push({kind: 'unchanged', id: document._id, type: document._type})
      continue
    }
    const next = withRevision(
      existing ? {...carrySystemFields(existing), ...withoutVolatile(document)} : withoutVolatile(document),
    )
    if (position === undefined) {
      positions.set(next._id, documents.length)
      documents.push(next)
      changes.push({kind: 'create', id: next._id, type: next._type})
    } else {
      documents[position] = next
      changes.push({kind: 'update', id: next._id, type: next._type})
    }
  }
  return {documents, changes}
}

export function sameContent(a: DatasetDocument, b: DatasetDocument): boolean {
  return canonicalJson(comparable(a)) === canonicalJson(comparable(b))
}

export function parseNdjson(text: string): {
  documents: DatasetDocument[]
  problems: Array<{line: number; message: string}>
} {
  const documents: DatasetDocument[] = []
  const problems: Array<{line: number; message: string}> = []
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return
    try {
      const value: unknown = JSON.parse(line)
      if (
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        typeof (value as DatasetDocument)._id === 'string' &&
        typeof (value as DatasetDocument)._type === 'string'
      ) {
        documents.push(value as DatasetDocument)
      } else problems.push({line: index + 1, message: 'not a document with `_id` and `_type`'})
    } catch (error) {
      problems.push({line: index + 1, message: `not JSON (${(error as Error).message})`})
    }
  })
  return {documents, problems}
}

export function toNdjson(documents: readonly DatasetDocument[]): string {
  return documents.map((document) => JSON.stringify(document)).join('\n') + (documents.length > 0 ? '\n' : '')
}

function comparable(value: unknown, top = true): unknown {
  if (Array.isArray(value)) return value.map((item) => comparable(item, false))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    if (key === '_key' || (top && VOLATILE.has(key))) continue
    out[key] = comparable(item, false)
  }
  return out
}

function carrySystemFields(existing: DatasetDocument): Partial<DatasetDocument> {
  const out: Partial<DatasetDocument> = {}
  for (const key of ['_createdAt', '_updatedAt'] as const) if (existing[key] !== undefined) out[key] = existing[key]
  return out
}

function withoutVolatile(document: DatasetDocument): DatasetDocument {
  const out: DatasetDocument = {_id: document._id, _type: document._type}
  for (const [key, value] of Object.entries(document)) if (!VOLATILE.has(key)) out[key] = value
  return out
}

function withRevision(document: DatasetDocument): DatasetDocument {
  const {_id, _type, ...rest} = document
  return {
    _id,
    _type,
    ...(rest._createdAt ? {_createdAt: rest._createdAt} : {}),
    ...(rest._updatedAt ? {_updatedAt: rest._updatedAt} : {}),
    _rev: revisionOf(canonicalJson(document)),
    ...rest,
  }
}
