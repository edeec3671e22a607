// @vitest-environment jsdom
import {createClient} from '@sanity/client'
import {firstValueFrom, isObservable} from 'rxjs'
import {createSourceFromConfig, type DocumentStore, type Source} from 'sanity'
import {
  type ChildResolverOptions,
  createStructureBuilder,
  type ListBuilder,
  type ListItem,
  type StructureBuilder,
  type StructureResolverContext,
} from 'sanity/structure'
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest'
import {schemaTypes} from '../schemas/index.ts'
import {REVIEW_QUEUES, type ReviewQueue} from '../studio/lib/review-queue.ts'
import {structure} from '../studio/structure/index.ts'
import {reviewQueueEntriesStream, reviewQueueList} from '../studio/structure/review-queue.ts'
import {AS_OF, fakeDocumentStore, reviewQueueFixture, type StoredDocument} from './helpers/studio-fixtures.ts'

// Sanity's real structure builder over a real (offline) source: the lists are what the Studio would show.
let source: Source
let S: StructureBuilder
let documents: StoredDocument[]

beforeAll(async () => {
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(`${AS_OF}T12:00:00`))
  documents = await reviewQueueFixture()
  const client = createClient({projectId: 'vetted00', dataset: 'production', apiVersion: '2025-02-19', useCdn: false})
  source = await createSourceFromConfig({
    name: 'default',
    projectId: 'vetted00',
    dataset: 'production',
    schema: {types: schemaTypes},
    currentUser: {id: 'editor', name: 'Editor', email: 'editor@example.org', role: 'administrator', roles: []},
    getClient: () => client,
  })
  S = createStructureBuilder({source, perspectiveStack: ['drafts']})
})

afterAll(() => {
  vi.useRealTimers()
})

/** The structure tool's context; the queue only uses the document store's `listenQuery`. */
function context(store: Pick<DocumentStore, 'listenQuery'>): StructureResolverContext {
  return {...source, documentStore: store as DocumentStore, perspectiveStack: ['drafts'], i18n: source.i18n}
}

function rootList() {
  const {store} = fakeDocumentStore(documents)
  return (structure(S, context(store)) as ListBuilder).serialize()
}

function queue(id: string): ReviewQueue {
  const found = REVIEW_QUEUES.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`No queue ${id}`)
  return found
}

function itemIds(list: ListBuilder): string[] {
  const serialized = list.serialize()
  return serialized.items?.map((item) => item.id) ?? []
}

async function queueIds(id: string, docs: readonly StoredDocument[] = documents): Promise<string[]> {
  const {store} = fakeDocumentStore(docs)
  return itemIds(await firstValueFrom(reviewQueueList(S, reviewQueueEntriesStream({documentStore: store}), queue(id))))
}

describe('Studio structure', () => {
  it('starts with the review queue, then articles, citations, people, sign-offs and the settings singleton', () => {
    const root = rootList()
    expect(root.items?.map((item) => ('title' in item ? item.title : item.type))).toEqual([
      'Review queue',
      'divider',
      'All articles',
      'Citations',
      'People',
      'Sign-offs',
      'divider',
      'Settings',
    ])
  })

  it('opens the settings as one fixed document, not a list', async () => {
    const root = rootList()
    const settings = root.items?.find((item) => item.id === 'settings')
    expect(settings && 'child' in settings && settings.child).toMatchObject({
      type: 'document',
      options: {id: 'settings', type: 'settings'},
    })
  })

  it('splits people into writers and medical reviewers by role', async () => {
    const root = rootList()
    const people = root.items?.find((item) => item.id === 'people')
    const list = people && 'child' in people ? people.child : undefined
    expect(list).toMatchObject({type: 'list'})
    const lists = (
      list as {items: Array<{id: string; child: {options: {filter: string; params: Record<string, string>}}}>}
    ).items
      .filter((item) => item.id !== 'all-people' && 'child' in item)
      .map((item) => ({id: item.id, filter: item.child.options.filter, params: item.child.options.params}))
    expect(lists).toEqual([
      {id: 'writers', filter: '_type == "person" && $role in roles', params: {role: 'writer'}},
      {id: 'medical-reviewers', filter: '_type == "person" && $role in roles', params: {role: 'medicalReviewer'}},
    ])
  })

  it('has one review-queue list per status needing attention', () => {
    expect(REVIEW_QUEUES.map((entry) => [entry.title, entry.status])).toEqual([
      ['Overdue', 'overdue'],
      ['Due soon', 'due-soon'],
      ['Edited since review', 'edited-since-review'],
      ['Changes requested', 'changes-requested'],
      ['Never reviewed', 'unreviewed'],
    ])
  })
})

describe('Review queue lists', () => {
  it('resolve, from the root structure, to live lists over the document store', async () => {
    const {store} = fakeDocumentStore(documents)
    const root = (structure(S, context(store)) as ListBuilder).serialize()
    const queueItem = root.items?.find((item) => item.id === 'review-queue')
    const queueList = queueItem && 'child' in queueItem ? queueItem.child : undefined
    if (!queueList || !('items' in queueList) || !Array.isArray(queueList.items))
      throw new Error('The review queue is not a list')
    const resolved: Record<string, string[]> = {}
    for (const item of queueList.items as ListItem[]) {
      if (typeof item.child !== 'function') throw new Error(`${item.id} has no child resolver`)
      const child = item.child(item.id, {} as ChildResolverOptions)
      if (!isObservable(child)) throw new Error(`${item.id} does not resolve to a live list`)
      resolved[item.id] = itemIds((await firstValueFrom(child)) as ListBuilder)
    }
    expect(resolved).toEqual({
      overdue: ['article.bravo', 'article.alpha'],
      'due-soon': ['article.charlie'],
      'edited-since-review': ['article.delta', 'article.hotel'],
      'changes-requested': [],
      'never-reviewed': ['article.foxtrot', 'article.golf'],
    })
  })

  it('lists overdue articles, longest overdue first', async () => {
    expect(await queueIds('overdue')).toEqual(['article.bravo', 'article.alpha'])
  })

  it('lists articles due for review within the window', async () => {
    expect(await queueIds('due-soon')).toEqual(['article.charlie'])
  })

  it('lists articles whose reviewed content changed, including an unpublished draft edit, by next review date', async () => {
    expect(await queueIds('edited-since-review')).toEqual(['article.delta', 'article.hotel'])
  })

  it('lists never-approved articles, including a draft that was never published', async () => {
    expect(await queueIds('never-reviewed')).toEqual(['article.foxtrot', 'article.golf'])
  })

  it('leaves current articles out of every queue', async () => {
    const all = await Promise.all(REVIEW_QUEUES.map((entry) => queueIds(entry.id)))
    expect(all.flat()).not.toContain('article.echo')
  })

  it('counts its entries in the title and opens each entry as the article document', async () => {
    const {store} = fakeDocumentStore(documents)
    const list = (
      await firstValueFrom(
        reviewQueueList(S, reviewQueueEntriesStream({documentStore: store}), queue('never-reviewed')),
      )
    ).serialize()
    expect(list.title).toBe('Never reviewed (2)')
    expect(list.items?.[0]).toMatchObject({id: 'article.foxtrot', schemaType: {name: 'article'}})
  })

  it('updates when a sign-off is added', async () => {
    const {store, replaceDocuments} = fakeDocumentStore(documents)
    const lists: ListBuilder[] = []
    const subscription = reviewQueueList(
      S,
      reviewQueueEntriesStream({documentStore: store}),
      queue('never-reviewed'),
    ).subscribe((list) => lists.push(list))
    await vi.waitFor(() => expect(lists).toHaveLength(1))
    const golfHash = documents.find((document) => document._id === 'review.golf')?.contentHash
    replaceDocuments([
      ...documents,
      {
        _id: 'review.golf-2',
        _type: 'review',
        article: {_type: 'reference', _ref: 'article.golf'},
        reviewedOn: '2026-11-20',
        outcome: 'approved',
        contentHash: golfHash,
      },
    ])
    await vi.waitFor(() => expect(lists).toHaveLength(2))
    subscription.unsubscribe()
    expect(lists.map(itemIds)).toEqual([['article.foxtrot', 'article.golf'], ['article.foxtrot']])
  })

  it('listens and hashes once per session: switching lists and resolving the structure again reuse it', async () => {
    const {store} = fakeDocumentStore(documents)
    const listenQuery = vi.fn(store.listenQuery)
    const resolverContext = context({listenQuery} as Pick<DocumentStore, 'listenQuery'>)
    for (const id of ['overdue', 'due-soon', 'overdue', 'never-reviewed']) {
      const root = (structure(S, resolverContext) as ListBuilder).serialize()
      const queueItem = root.items?.find((item) => item.id === 'review-queue')
      const queueList = (queueItem && 'child' in queueItem ? queueItem.child : undefined) as {items: ListItem[]}
      const item = queueList.items.find((candidate) => candidate.id === id)
      const child = typeof item?.child === 'function' ? item.child(id, {} as ChildResolverOptions) : undefined
      if (!isObservable(child)) throw new Error(`${id} does not resolve to a live list`)
      await firstValueFrom(child) // subscribes and unsubscribes, as switching lists does
    }
    expect(listenQuery).toHaveBeenCalledTimes(1)
  })

  it('keeps an article open after it leaves the list: the list resolves any article id', async () => {
    const {store} = fakeDocumentStore(documents)
    const entries = reviewQueueEntriesStream({documentStore: store})
    const list = (await firstValueFrom(reviewQueueList(S, entries, queue('due-soon')))).serialize()
    expect(list.items?.map((item) => item.id)).not.toContain('article.echo')
    if (typeof list.child !== 'function') throw new Error('The list has no child resolver')
    const child = list.child('article.echo', {} as ChildResolverOptions)
    const document = (child as {serialize: () => unknown}).serialize()
    expect(document).toMatchObject({type: 'document', options: {id: 'article.echo', type: 'article'}})
  })
})
