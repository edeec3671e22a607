import {ClockIcon} from '@sanity/icons/Clock'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {EditIcon} from '@sanity/icons/Edit'
import {ErrorOutlineIcon} from '@sanity/icons/ErrorOutline'
import {InboxIcon} from '@sanity/icons/Inbox'
import type {ComponentType} from 'react'
import {map, type Observable, shareReplay, switchMap} from 'rxjs'
import type {DocumentStore} from 'sanity'
import type {ListBuilder, ListItemBuilder, StructureBuilder} from 'sanity/structure'
import type {ReviewStatus} from '../../domain/review-status.ts'
import type {ReviewQueueQueryResult} from '../../schemas/sanity.types.ts'
import {STUDIO_API_VERSION} from '../lib/api.ts'
import {reviewQueueListenQuery, reviewQueueQuery} from '../lib/queries.ts'
import {
  entriesInQueue,
  REVIEW_QUEUES,
  type ReviewQueue,
  type ReviewQueueEntry,
  reviewQueueEntries,
} from '../lib/review-queue.ts'
import {localToday} from '../lib/today.ts'

/**
 * Why not `S.documentList().filter(…)`: a review status depends on the content hash (Web Crypto over the
 * article and its cited sources) and on month arithmetic, neither of which GROQ can compute, and a document
 * list can only be ordered by a stored field, not by the computed next-review date. So each list listens to
 * the document store, computes every status with `reviewQueueEntries()` (the pipeline's own `contentHash()`
 * and `reviewState()`), and emits a static list of document items in next-review order. It re-emits whenever
 * an article, review, citation or the settings change, so the queue stays live.
 */

const QUEUE_ICONS: Record<ReviewStatus, ComponentType> = {
  overdue: ErrorOutlineIcon,
  'due-soon': ClockIcon,
  'edited-since-review': EditIcon,
  'changes-requested': ErrorOutlineIcon,
  unreviewed: DocumentTextIcon,
  current: DocumentTextIcon, // not a queue; listed for completeness of the record
}

/** The part of the structure context the queue uses (the structure tool passes the whole context). */
export interface ReviewQueueContext {
  documentStore: Pick<DocumentStore, 'listenQuery'>
}

/**
 * One stream per document store, kept for the whole Studio session: the structure is resolved again on
 * navigation, and a stream torn down whenever no list is open would re-listen, re-query and re-hash every
 * article body on each switch between lists.
 */
const sessionStreams = new WeakMap<object, Observable<ReviewQueueEntry[]>>()

function sessionEntries(context: ReviewQueueContext): Observable<ReviewQueueEntry[]> {
  let entries = sessionStreams.get(context.documentStore)
  if (!entries) {
    entries = reviewQueueEntriesStream(context)
    sessionStreams.set(context.documentStore, entries)
  }
  return entries
}

export function reviewQueueItem(S: StructureBuilder, context: ReviewQueueContext): ListItemBuilder {
  // One listener and one round of hashing serve all four lists, for the whole session.
  const entries = sessionEntries(context)
  return S.listItem()
    .id('review-queue')
    .title('Review queue')
    .icon(InboxIcon)
    .child(
      S.list()
        .id('review-queue')
        .title('Review queue')
        .items(
          REVIEW_QUEUES.map((queue) =>
            S.listItem()
              .id(queue.id)
              .title(queue.title)
              .icon(QUEUE_ICONS[queue.status])
              .child(() => reviewQueueList(S, entries, queue)),
          ),
        ),
    )
}

/** Every article's review status, recomputed whenever an article, sign-off, citation or the settings change. */
export function reviewQueueEntriesStream(context: ReviewQueueContext): Observable<ReviewQueueEntry[]> {
  const results: Observable<ReviewQueueQueryResult> = context.documentStore.listenQuery(
    {fetch: reviewQueueQuery, listen: reviewQueueListenQuery},
    {},
    {apiVersion: STUDIO_API_VERSION, perspective: 'raw', throttleTime: 1000, tag: 'vetted.review-queue'},
  )
  return results.pipe(
    switchMap((data) => reviewQueueEntries(data, localToday())),
    shareReplay({bufferSize: 1, refCount: false}),
  )
}

/**
 * One queue as a live list: the articles with the queue's status, soonest next review first. An open article
 * stays open when it leaves the list (after a sign-off, say): the list resolves any article id, not only its items.
 */
export function reviewQueueList(
  S: StructureBuilder,
  entries: Observable<ReviewQueueEntry[]>,
  queue: ReviewQueue,
): Observable<ListBuilder> {
  return entries.pipe(
    map((all) => entriesInQueue(all, queue.status)),
    map((inQueue) =>
      S.list()
        .id(queue.id)
        .title(`${queue.title} (${inQueue.length})`)
        .items(inQueue.map((entry) => S.documentListItem().id(entry.id).schemaType('article')))
        .child((id: string) => S.defaultDocument({documentId: id, schemaType: 'article'})),
    ),
  )
}
