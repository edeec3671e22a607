import {describe, expect, it} from 'vitest'
import {addMonths} from '../domain/dates.ts'
import {reviewState} from '../domain/review-status.ts'

const approved = (id: string, reviewedOn: string, contentHash = 'h1') => ({
  _id: id,
  reviewedOn,
  outcome: 'approved',
  contentHash,
})
const requested = (id: string, reviewedOn: string, contentHash: string) => ({
  _id: id,
  reviewedOn,
  outcome: 'changesRequested',
  contentHash,
})

describe('reviewState', () => {
  it('is unreviewed without an approved review', () => {
    const state = reviewState({
      contentHash: 'h1',
      reviews: [{_id: 'r', reviewedOn: '2026-01-01', outcome: 'changesRequested', contentHash: 'h1'}],
      asOf: '2026-02-01',
    })
    expect(state.status).toBe('unreviewed')
    expect(state.changesRequestedSince).toBe(true)
  })

  it('is current, then due soon, then overdue as the interval runs out', () => {
    const reviews = [approved('r1', '2025-06-15')]
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2025-12-01'}).status).toBe('current')
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2026-05-20'}).status).toBe('due-soon')
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2026-06-15'}).status).toBe('due-soon')
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2026-06-16'}).status).toBe('overdue')
  })

  it('reports the reference article as overdue on 2026-11-26 (reviewed 2023-07-11, 12 months)', () => {
    const state = reviewState({contentHash: 'h1', reviews: [approved('r', '2023-07-11')], asOf: '2026-11-26'})
    expect(state).toMatchObject({status: 'overdue', lastReviewed: '2023-07-11', nextReviewDue: '2024-07-11'})
  })

  it('is edited-since-review when the content hash moved on', () => {
    const state = reviewState({contentHash: 'h2', reviews: [approved('r1', '2026-01-01', 'h1')], asOf: '2026-02-01'})
    expect(state).toMatchObject({status: 'edited-since-review', edited: true, reviewedContentHash: 'h1'})
  })

  it('ignores reviews dated after the as-of date', () => {
    expect(reviewState({contentHash: 'h1', reviews: [approved('r1', '2026-03-01')], asOf: '2026-02-01'}).status).toBe(
      'unreviewed',
    )
  })

  it('never lets a changes-requested review make an article current', () => {
    const reviews = [{_id: 'r2', reviewedOn: '2026-01-10', outcome: 'changesRequested', contentHash: 'h1'}]
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2026-02-01'}).status).toBe('unreviewed')
  })

  it('is changes-requested when a reviewer asked for changes to this text after the approval', () => {
    const reviews = [approved('r1', '2026-01-01'), requested('r2', '2026-01-20', 'h1')]
    const state = reviewState({contentHash: 'h1', reviews, asOf: '2026-02-01'})
    expect(state).toMatchObject({
      status: 'changes-requested',
      changesRequestedOn: '2026-01-20',
      lastReviewed: '2026-01-01',
    })
    // The same request without a hash is taken to be about the text as it stands.
    const unhashed = [approved('r1', '2026-01-01'), {_id: 'r2', reviewedOn: '2026-01-20', outcome: 'changesRequested'}]
    expect(reviewState({contentHash: 'h1', reviews: unhashed, asOf: '2026-02-01'}).status).toBe('changes-requested')
  })

  it('is edited-since-review, not changes-requested, once the text changed after the request', () => {
    const reviews = [approved('r1', '2026-01-01'), requested('r2', '2026-01-20', 'h1')]
    const state = reviewState({contentHash: 'h2', reviews, asOf: '2026-02-01'})
    expect(state).toMatchObject({status: 'edited-since-review', changesRequestedSince: true})
  })

  it('puts a withdrawn or outdated sign-off before a lapsed one, so only covered texts claim a review', () => {
    const reviews = [approved('r1', '2023-01-01'), requested('r2', '2023-02-01', 'h1')]
    const lapsed = [approved('r1', '2023-01-01')]
    expect(reviewState({contentHash: 'h1', reviews, asOf: '2026-02-01'}).status).toBe('changes-requested')
    expect(reviewState({contentHash: 'h2', reviews: lapsed, asOf: '2026-02-01'}).status).toBe('edited-since-review')
    expect(reviewState({contentHash: 'h1', reviews: lapsed, asOf: '2026-02-01'}).status).toBe('overdue')
  })

  it('clamps month arithmetic to the end of shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29')
    expect(addMonths('2023-07-11', 12)).toBe('2024-07-11')
  })
})
