import {randomBytes} from 'node:crypto'
import {Mutation} from '@sanity/mutator'
import type {LakeDocument} from './groq.ts'

/**
 * The stand-in's dataset: documents in memory, changed only by transactions (from `data/mutate` or
 * `data/actions`), each recorded for assertions and announced to listeners.
 */

export interface DocumentChange {
  id: string
  before: LakeDocument | null
  after: LakeDocument | null
}

export interface Transaction {
  transactionId: string
  /** Which endpoint wrote it. */
  endpoint: 'mutate' | 'actions'
  /** The request body's mutations or actions, as sent. */
  request: unknown[]
  changes: DocumentChange[]
  timestamp: string
  identity: string
}

/** A request the Content Lake would refuse; `status` is the HTTP status it would answer with. */
export class LakeError extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

type RawMutation = Record<string, Record<string, unknown> | undefined>

export class LakeStore {
  readonly documents = new Map<string, LakeDocument>()
  readonly transactions: Transaction[] = []
  private readonly subscribers = new Set<(transaction: Transaction) => void>()

  private readonly now: () => Date

  /** `now` stamps transactions; a test whose browser clock is pinned passes the same clock here. */
  constructor(documents: Iterable<LakeDocument>, now: () => Date = () => new Date()) {
    this.now = now
    for (const document of documents) this.documents.set(document._id, document)
  }

  subscribe(subscriber: (transaction: Transaction) => void): () => void {
    this.subscribers.add(subscriber)
    return () => this.subscribers.delete(subscriber)
  }

  /** The documents now, in id order (as NDJSON lines are written). */
  snapshot(): LakeDocument[] {
    return [...this.documents.values()].sort((a, b) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  }

  mutate(mutations: RawMutation[], identity: string, transactionId = newId()): Transaction {
    return this.commit('mutate', mutations, identity, transactionId, (working) => {
      for (const mutation of mutations) applyMutation(working, mutation)
    })
  }

  act(actions: Array<Record<string, unknown>>, identity: string, transactionId = newId()): Transaction {
    return this.commit('actions', actions, identity, transactionId, (working) => {
      for (const action of actions) applyAction(working, action)
    })
  }

  private commit(
    endpoint: Transaction['endpoint'],
    request: unknown[],
    identity: string,
    transactionId: string,
    apply: (working: Working) => void,
  ): Transaction {
    // Reads fall through to the stored documents; writes stay in `writes` until every step succeeded.
    const writes = new Map<string, LakeDocument | null>()
    apply({
      get: (id) => (writes.has(id) ? (writes.get(id) ?? null) : (this.documents.get(id) ?? null)),
      set: (id, document) => void writes.set(id, document),
    })
    const timestamp = this.now().toISOString()
    const changes: DocumentChange[] = []
    for (const [id, after] of writes) {
      const before = this.documents.get(id) ?? null
      if (after === null && before === null) continue
      const stamped = after && {
        ...after,
        _id: id,
        _rev: transactionId,
        _createdAt: before?._createdAt ?? after._createdAt ?? timestamp,
        _updatedAt: timestamp,
      }
      if (stamped) this.documents.set(id, stamped)
      else this.documents.delete(id)
      changes.push({id, before, after: stamped})
    }
    const transaction: Transaction = {transactionId, endpoint, request, changes, timestamp, identity}
    this.transactions.push(transaction)
    for (const subscriber of this.subscribers) subscriber(transaction)
    return transaction
  }
}

/** The transaction's view of the dataset: reads see earlier writes of the same transaction. */
interface Working {
  get(id: string): LakeDocument | null
  set(id: string, document: LakeDocument | null): void
}

export function newId(): string {
  return randomBytes(11).toString('base64url').replace(/[-_]/g, 'x')
}

function applyMutation(working: Working, mutation: RawMutation): void {
  const [kind, body] = Object.entries(mutation)[0] ?? []
  if (!kind || !body) throw new LakeError(400, 'Empty mutation')
  if (kind === 'create' || kind === 'createOrReplace' || kind === 'createIfNotExists') {
    const id = typeof body._id === 'string' ? body._id : kind === 'create' ? newId() : ''
    if (!id) throw new LakeError(400, `${kind} needs an _id`)
    const current = working.get(id) ?? null
    if (kind === 'create' && current) throw new LakeError(409, `Document by ID "${id}" already exists`)
    if (kind === 'createIfNotExists' && current) return
    working.set(id, {...(body as LakeDocument), _id: id})
    return
  }
  if (kind === 'delete') {
    working.set(String(body.id), null)
    return
  }
  if (kind === 'patch') {
    const id = String(body.id)
    const current = working.get(id) ?? null
    if (!current) throw new LakeError(404, `Cannot patch missing document "${id}"`)
    if (typeof body.ifRevisionID === 'string' && body.ifRevisionID !== current._rev) {
      const found = String(current._rev)
      const expected = String(body.ifRevisionID)
      throw new LakeError(409, `Document "${id}" has unexpected revision ID ("${found}"), expected "${expected}"`)
    }
    working.set(id, patched(current, {...body, id}))
    return
  }
  throw new LakeError(400, `Unsupported mutation "${kind}"`)
}

function patched(document: LakeDocument, patch: Record<string, unknown>): LakeDocument {
  const result = new Mutation({mutations: [{patch: patch as never}]}).apply(document)
  if (!result) throw new LakeError(400, 'The patch removed the document')
  return result as LakeDocument
}

function applyAction(working: Working, action: Record<string, unknown>): void {
  const draftId = typeof action.draftId === 'string' ? action.draftId : null
  const publishedId = typeof action.publishedId === 'string' ? action.publishedId : null
  const type = action.actionType
  if (type === 'sanity.action.document.create') {
    const attributes = (action.attributes ?? {}) as LakeDocument
    const id = attributes._id ?? (publishedId ? `drafts.${publishedId}` : newId())
    if (working.get(id)) {
      if (action.ifExists === 'ignore') return
      throw new LakeError(409, `Document by ID "${id}" already exists`)
    }
    working.set(id, {...attributes, _id: id})
    return
  }
  if (!publishedId) throw new LakeError(400, `${String(type)} needs a publishedId`)
  const draftOf = draftId ?? `drafts.${publishedId}`
  const draft = working.get(draftOf)
  const published = working.get(publishedId)
  switch (type) {
    case 'sanity.action.document.edit': {
      const base = draft ?? (published ? {...published, _id: draftOf} : null)
      if (!base) throw new LakeError(404, `Cannot edit missing document "${publishedId}"`)
      working.set(draftOf, patched(base, {...(action.patch as Record<string, unknown>), id: draftOf}))
      return
    }
    case 'sanity.action.document.publish': {
      if (!draft) throw new LakeError(409, `No draft of "${publishedId}" to publish`)
      working.set(publishedId, {...draft, _id: publishedId})
      working.set(draftOf, null)
      return
    }
    case 'sanity.action.document.discard':
      working.set(draftOf, null)
      return
    case 'sanity.action.document.delete': {
      working.set(publishedId, null)
      working.set(draftOf, null)
      for (const id of (action.includeDrafts as string[] | undefined) ?? []) working.set(id, null)
      return
    }
    case 'sanity.action.document.unpublish': {
      if (!published) throw new LakeError(409, `"${publishedId}" is not published`)
      if (!draft) working.set(draftOf, {...published, _id: draftOf})
      working.set(publishedId, null)
      return
    }
    default:
      throw new LakeError(400, `Unsupported action "${String(type)}"`)
  }
}
