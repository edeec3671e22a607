import {readFileSync} from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {BehaviorSubject, type Observable, switchMap} from 'rxjs'
import type {DocumentBadgeProps, DocumentStore, SanityDocument} from 'sanity'
import {articleQuery} from '../../pipeline/source/queries.ts'
import {contentHash} from '../../domain/content-hash.ts'
import {reviewState, type ReviewState} from '../../domain/review-status.ts'
import type {ArticleQueryResult} from '../../schemas/sanity.types.ts'

/**
 * Fixtures and doubles for the Studio tests: documents as the Content Lake stores them, GROQ run through
 * groq-js (the real query language, no perspectives: drafts come back unless a query excludes them), and
 * the pipeline's own view of an article (`articleQuery` + `contentHash` + `reviewState`) to compare with.
 */

export interface StoredDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

export const AS_OF = '2026-11-26'

export function readNdjson(file: string): StoredDocument[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredDocument)
}

export async function groqFetch<R>(
  documents: readonly StoredDocument[],
  query: string,
  params: Record<string, unknown> = {},
): Promise<R> {
  const value = await evaluate(parse(query, {params}), {dataset: [...documents], params})
  return (await value.get()) as R
}

/** The pipeline's article (published only) with its content hash and review state. */
export async function pipelineView(
  documents: readonly StoredDocument[],
  id: string,
  asOf = AS_OF,
): Promise<{article: NonNullable<ArticleQueryResult>; contentHash: string; state: ReviewState}> {
  const article = await groqFetch<ArticleQueryResult>(documents, articleQuery, {id})
  if (!article) throw new Error(`No published article ${id} in the fixture`)
  const hash = await contentHash(article, (citationId) =>
    article.citations.find((citation) => citation._id === citationId),
  )
  const settings = documents.find((document) => document._id === 'settings')
  const policy = settings
    ? {
        reviewIntervalMonths: numberOrNull(settings.reviewIntervalMonths),
        dueSoonDays: numberOrNull(settings.dueSoonDays),
      }
    : null
  return {article, contentHash: hash, state: reviewState({contentHash: hash, reviews: article.reviews, policy, asOf})}
}

/**
 * A document store double whose `listenQuery` runs the fetch query with groq-js over the current documents
 * and runs it again whenever the test replaces them, as the real store does after a mutation.
 */
export function fakeDocumentStore(initial: readonly StoredDocument[]): {
  store: Pick<DocumentStore, 'listenQuery'>
  replaceDocuments: (documents: readonly StoredDocument[]) => void
} {
  const documents = new BehaviorSubject<readonly StoredDocument[]>(initial)
  const listenQuery = (
    query: string | {fetch: string; listen: string},
    params: Record<string, unknown>,
  ): Observable<unknown> =>
    documents.pipe(
      switchMap((current) => groqFetch<unknown>(current, typeof query === 'string' ? query : query.fetch, params)),
    )
  return {store: {listenQuery}, replaceDocuments: (next) => documents.next(next)}
}

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' ? value : null
}

const block = (key: string, text: string, citation?: string): Record<string, unknown> => ({
  _type: 'block',
  _key: key,
  style: 'normal',
  markDefs: [],
  children: [
    {_type: 'span', _key: `${key}s`, text, marks: []},
    ...(citation ? [{_type: 'citationMarker', _key: `${key}c`, citation: {_type: 'reference', _ref: citation}}] : []),
  ],
})

function article(id: string, title: string, citation?: string): StoredDocument {
  return {
    _id: id,
    _type: 'article',
    title,
    slug: {_type: 'slug', current: id.replace(/^(drafts\.)?article\./, '')},
    summary: `About ${title.toLowerCase()}.`,
    language: 'en',
    body: [block('b1', `${title}: what to know.`, citation)],
    authors: [{_type: 'reference', _ref: 'person.writer', _key: 'a1'}],
    publishedAt: '2025-01-01',
  }
}

function review(
  id: string,
  articleId: string,
  reviewedOn: string,
  outcome: 'approved' | 'changesRequested',
  hash: string,
): StoredDocument {
  return {
    _id: id,
    _type: 'review',
    article: {_type: 'reference', _ref: articleId},
    reviewer: {_type: 'reference', _ref: 'person.reviewer'},
    reviewedOn,
    outcome,
    contentHash: hash,
    notes: 'Internal.',
  }
}

/**
 * One article in every queue as of 2026-11-26 (12-month interval, 30-day window), with the review hashes
 * computed by the pipeline, so "current" here means current to the pipeline too:
 * - Bravo and Alpha are overdue (next review 2026-03-01 and 2026-06-01)
 * - Charlie is due soon (2026-12-10)
 * - Delta's approved hash is stale, and Hotel has a draft edited after its review: edited since review
 * - Echo is current; Foxtrot is a new draft never reviewed; Golf only has "changes requested"
 */
export async function reviewQueueFixture(): Promise<StoredDocument[]> {
  const documents: StoredDocument[] = [
    {_id: 'settings', _type: 'settings', publisherName: 'Vetted', reviewIntervalMonths: 12, dueSoonDays: 30},
    {_id: 'person.writer', _type: 'person', name: 'Wren Writer', roles: ['writer'], credentials: 'MA'},
    {_id: 'person.reviewer', _type: 'person', name: 'Riley Reviewer', roles: ['medicalReviewer'], credentials: 'MD'},
    {_id: 'person.both', _type: 'person', name: 'Bo Both', roles: ['writer', 'medicalReviewer'], credentials: 'RN'},
    {
      _id: 'citation.who',
      _type: 'citation',
      cslType: 'webpage',
      organization: 'World Health Organization',
      title: 'Hypertension',
      url: 'https://www.who.int/news-room/fact-sheets/detail/hypertension',
      accessed: '2026-01-05',
    },
    {
      _id: 'citation.knowler',
      _type: 'citation',
      cslType: 'article-journal',
      authors: [{_type: 'cslName', _key: 'k1', family: 'Knowler', given: 'W. C.'}],
      title: 'Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin',
      containerTitle: 'New England Journal of Medicine',
      issued: '2002',
      doi: '10.1056/NEJMoa012512',
    },
    article('article.alpha', 'Alpha', 'citation.who'),
    article('article.bravo', 'Bravo'),
    article('article.charlie', 'Charlie', 'citation.knowler'),
    article('article.delta', 'Delta'),
    article('article.echo', 'Echo', 'citation.knowler'),
    article('drafts.article.foxtrot', 'Foxtrot'),
    article('article.golf', 'Golf'),
    article('article.hotel', 'Hotel', 'citation.who'),
    {...article('drafts.article.hotel', 'Hotel', 'citation.who'), title: 'Hotel, revised'},
  ]
  // Each person is linked to one Studio user, so a test can sign in as any of them.
  const studioUsers: Record<string, string> = {
    'person.writer': 'user.wren',
    'person.reviewer': 'user.riley',
    'person.both': 'user.bo',
  }
  for (const document of documents) {
    const userId = studioUsers[document._id]
    if (userId) document.sanityUserIds = [userId]
  }
  const hashOf = async (id: string) => (await pipelineView(documents, id)).contentHash
  documents.push(
    review('review.alpha', 'article.alpha', '2025-06-01', 'approved', await hashOf('article.alpha')),
    review('review.bravo', 'article.bravo', '2025-03-01', 'approved', await hashOf('article.bravo')),
    review('review.charlie', 'article.charlie', '2025-12-10', 'approved', await hashOf('article.charlie')),
    review('review.delta', 'article.delta', '2026-05-01', 'approved', 'hash-of-an-older-text'),
    review('review.echo', 'article.echo', '2026-06-01', 'approved', await hashOf('article.echo')),
    review('review.golf', 'article.golf', '2026-10-01', 'changesRequested', await hashOf('article.golf')),
    review('review.hotel', 'article.hotel', '2026-06-01', 'approved', await hashOf('article.hotel')),
  )
  return documents
}

/** What the Studio passes a document badge or action for one article: its draft and published documents. */
export function editStateOf(documents: readonly StoredDocument[], id: string): DocumentBadgeProps {
  const stored = (documentId: string): SanityDocument | null => {
    const found = documents.find((document) => document._id === documentId)
    return found
      ? {_createdAt: '2026-01-01T00:00:00Z', _updatedAt: '2026-01-01T00:00:00Z', _rev: 'rev1', ...found}
      : null
  }
  return {
    id,
    type: 'article',
    draft: stored(`drafts.${id}`),
    published: stored(id),
    version: null,
    transactionSyncLock: null,
    liveEdit: false,
    liveEditSchemaType: false,
    ready: true,
    release: undefined,
    scopeId: undefined,
  }
}
