// @vitest-environment jsdom
import {cleanup, render, screen, waitFor} from '@testing-library/react'
import type {DocumentBadgeProps, DocumentStore} from 'sanity'
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import {ReviewStatusBadge} from '../studio/badges/review-status-badge.ts'
import {
  AS_OF,
  editStateOf,
  fakeDocumentStore,
  pipelineView,
  reviewQueueFixture,
  type StoredDocument,
} from './helpers/studio-fixtures.ts'

const studio = vi.hoisted(() => ({documentStore: null as Pick<DocumentStore, 'listenQuery'> | null}))

vi.mock('sanity', () => ({
  useDocumentStore: () => {
    if (!studio.documentStore) throw new Error('The test did not set a document store')
    return studio.documentStore
  },
}))

/** Renders the badge description the way the Studio shows it: label, tooltip and colour. */
function BadgeProbe(props: DocumentBadgeProps) {
  const badge = ReviewStatusBadge(props)
  return badge ? (
    <output data-color={badge.color} title={badge.title}>
      {badge.label}
    </output>
  ) : null
}

let documents: StoredDocument[]

beforeAll(async () => {
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(`${AS_OF}T09:00:00`))
  documents = await reviewQueueFixture()
})

afterEach(cleanup)

async function badgeFor(id: string, docs: readonly StoredDocument[] = documents): Promise<HTMLElement> {
  studio.documentStore = fakeDocumentStore(docs).store
  render(<BadgeProbe {...editStateOf(docs, id)} />)
  return screen.findByRole('status')
}

describe('Review status badge', () => {
  it('shows an overdue review in red with the date it lapsed', async () => {
    const badge = await badgeFor('article.bravo')
    expect(badge.textContent).toBe('Review overdue since 2026-03-01')
    expect(badge.dataset.color).toBe('danger')
    expect(badge.title).toMatch(/Ask a medical reviewer/)
  })

  it('shows a review due soon with its date', async () => {
    const badge = await badgeFor('article.charlie')
    expect(badge.textContent).toBe('Review due 2026-12-10')
    expect(badge.dataset.color).toBe('warning')
    expect(badge.title).toContain('in 14 days')
  })

  it('shows a current review with the next review date', async () => {
    const badge = await badgeFor('article.echo')
    expect(badge.textContent).toBe('Reviewed · next review 2027-06-01')
    expect(badge.dataset.color).toBe('success')
  })

  it('shows "edited since review" when the reviewed content changed', async () => {
    const badge = await badgeFor('article.delta')
    expect(badge.textContent).toBe('Edited since review · next review 2027-05-01')
    expect(badge.dataset.color).toBe('warning')
  })

  it('judges the draft when there is one: an unpublished edit is already "edited since review"', async () => {
    expect((await badgeFor('article.hotel')).textContent).toBe('Edited since review · next review 2027-06-01')
    cleanup()
    const withoutDraft = documents.filter((document) => document._id !== 'drafts.article.hotel')
    expect((await badgeFor('article.hotel', withoutDraft)).textContent).toBe('Reviewed · next review 2027-06-01')
  })

  it('shows a new draft as never reviewed', async () => {
    const badge = await badgeFor('article.foxtrot')
    expect(badge.textContent).toBe('Never reviewed')
    expect(badge.dataset.color).toBe('primary')
  })

  it('turns current as soon as a sign-off of the shown content is added', async () => {
    const {store, replaceDocuments} = fakeDocumentStore(documents)
    studio.documentStore = store
    render(<BadgeProbe {...editStateOf(documents, 'article.golf')} />)
    expect((await screen.findByRole('status')).textContent).toBe('Not approved · changes requested')
    const {contentHash} = await pipelineView(documents, 'article.golf')
    replaceDocuments([
      ...documents,
      {
        _id: 'review.golf-2',
        _type: 'review',
        article: {_type: 'reference', _ref: 'article.golf'},
        reviewedOn: AS_OF,
        outcome: 'approved',
        contentHash,
      },
    ])
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Reviewed · next review 2027-11-26'))
  })

  it('says when the only review asked for changes', async () => {
    const badge = await badgeFor('article.golf')
    expect(badge.textContent).toBe('Not approved · changes requested')
    expect(badge.dataset.color).toBe('danger')
  })
})
