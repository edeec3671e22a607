// @vitest-environment jsdom
import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {cleanup, fireEvent, render, screen, waitFor, within} from '@testing-library/react'
import type {DocumentActionProps, SanityClient, ValidationMarker} from 'sanity'
import {afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest'
import {contentHash} from '../domain/content-hash.ts'
import type {NewReview} from '../studio/actions/create-review.ts'
import {SignOffReviewAction} from '../studio/actions/sign-off-review.tsx'
import {AS_OF, editStateOf, groqFetch, pipelineView, reviewQueueFixture, type StoredDocument} from './helpers/studio-fixtures.ts'

/** The Studio as the action sees it: a client over the fixture documents, and the document's validation. */
const studio = vi.hoisted(() => ({
  documents: [] as StoredDocument[],
  created: [] as NewReview[],
  validation: [] as ValidationMarker[],
  failCreate: false,
}))

vi.mock('sanity', () => {
  const client = {
    fetch: (query: string, params?: Record<string, unknown>) => groqFetch(studio.documents, query, params),
    create: async (document: NewReview) => {
      if (studio.failCreate) throw new Error('Insufficient permissions')
      studio.created.push(document)
      return {...document, _id: 'review.generated'}
    },
  }
  return {
    useClient: () => client as unknown as SanityClient,
    useValidationStatus: () => ({isValidating: false, validation: studio.validation}),
  }
})

const theme = buildTheme()

/** Renders the action the way the document footer does: a button, and the dialog once it is handled. */
function ActionProbe(props: DocumentActionProps) {
  const action = SignOffReviewAction(props)
  if (!action) return null
  const dialog = action.dialog && action.dialog.type === 'dialog' ? action.dialog : null
  return (
    <ThemeProvider theme={theme}>
      <button type="button" disabled={action.disabled} title={typeof action.title === 'string' ? action.title : undefined} onClick={action.onHandle}>
        {action.label}
      </button>
      {dialog && (
        <section role="dialog" aria-label="Sign off review">
          {dialog.content}
        </section>
      )}
    </ThemeProvider>
  )
}

let fixture: StoredDocument[]

beforeAll(async () => {
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(`${AS_OF}T09:00:00`))
  fixture = await reviewQueueFixture()
})

beforeEach(() => {
  studio.documents = fixture
  studio.created = []
  studio.validation = []
  studio.failCreate = false
})

afterEach(cleanup)

function renderAction(id: string) {
  render(<ActionProbe {...editStateOf(studio.documents, id)} onComplete={() => undefined} initialValueResolved />)
}

async function openDialog(id: string) {
  renderAction(id)
  const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
  await waitFor(() => expect(button.disabled).toBe(false))
  fireEvent.click(button)
  return within(await screen.findByRole('dialog'))
}

/** The fixture as it will be once the draft of `id` is published: what the pipeline will then export. */
function afterPublishing(documents: readonly StoredDocument[], id: string): StoredDocument[] {
  const draft = documents.find((document) => document._id === `drafts.${id}`)
  if (!draft) throw new Error(`No draft of ${id}`)
  return [...documents.filter((document) => document._id !== id && document._id !== draft._id), {...draft, _id: id}]
}

describe('Sign off review action', () => {
  it('records reviewer, today’s date, outcome, notes and the content hash of the draft being shown', async () => {
    const dialog = await openDialog('article.hotel')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.reviewer'}})
    fireEvent.change(dialog.getByLabelText(/Internal notes/), {target: {value: '  Checked the revised title.  '}})
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))

    const draft = fixture.find((document) => document._id === 'drafts.article.hotel')
    const who = await groqFetch<Record<string, unknown>>(fixture, '*[_id == "citation.who"][0]{_id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, issued, volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText}')
    const expectedHash = await contentHash({title: 'Hotel, revised', summary: draft?.summary as string, body: draft?.body as unknown[]}, (id) => (id === 'citation.who' ? who : undefined))
    expect(studio.created[0]).toEqual({
      _type: 'review',
      article: {_type: 'reference', _ref: 'article.hotel'},
      reviewer: {_type: 'reference', _ref: 'person.reviewer'},
      reviewedOn: AS_OF,
      outcome: 'approved',
      contentHash: expectedHash,
      notes: 'Checked the revised title.',
    })
    expect(expectedHash).not.toBe((await pipelineView(fixture, 'article.hotel')).contentHash)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('makes the article current for the pipeline once the signed-off draft is published', async () => {
    const dialog = await openDialog('article.hotel')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.both'}})
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))

    const published = afterPublishing([...fixture, {_id: 'review.new', ...studio.created[0]} as StoredDocument], 'article.hotel')
    const {state} = await pipelineView(published, 'article.hotel')
    expect(state).toMatchObject({status: 'current', lastReviewed: AS_OF, nextReviewDue: '2027-11-26'})
  })

  it('takes an earlier review date and a "changes requested" outcome, and stores no empty notes', async () => {
    const dialog = await openDialog('article.echo')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.reviewer'}})
    fireEvent.change(dialog.getByLabelText('Reviewed on'), {target: {value: '2026-11-20'}})
    fireEvent.click(dialog.getByLabelText('Changes requested'))
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))
    expect(studio.created[0]).toMatchObject({reviewedOn: '2026-11-20', outcome: 'changesRequested'})
    expect(studio.created[0]).not.toHaveProperty('notes')
    expect(studio.created[0]?.contentHash).toBe((await pipelineView(fixture, 'article.echo')).contentHash)
  })

  it('offers only medical reviewers, with their credentials', async () => {
    const dialog = await openDialog('article.echo')
    const options = within(dialog.getByLabelText('Reviewer')).getAllByRole('option').map((option) => option.textContent)
    expect(options).toEqual(['Choose a medical reviewer…', 'Bo Both, RN', 'Riley Reviewer, MD'])
  })

  it('refuses a review date in the future', async () => {
    const dialog = await openDialog('article.echo')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.reviewer'}})
    fireEvent.change(dialog.getByLabelText('Reviewed on'), {target: {value: '2026-11-27'}})
    expect(dialog.getByRole<HTMLButtonElement>('button', {name: 'Sign off'}).disabled).toBe(true)
    expect(dialog.getByRole('status').textContent).toBe(`The review date cannot be after today (${AS_OF}).`)
  })

  it('references a never-published article weakly, so the sign-off can exist before the article does', async () => {
    const dialog = await openDialog('article.foxtrot')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.reviewer'}})
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))
    expect(studio.created[0]?.article).toEqual({_type: 'reference', _ref: 'article.foxtrot', _weak: true})
  })

  it('keeps the dialog open and says why when the review cannot be saved', async () => {
    studio.failCreate = true
    const dialog = await openDialog('article.echo')
    fireEvent.change(dialog.getByLabelText('Reviewer'), {target: {value: 'person.reviewer'}})
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    expect((await dialog.findByRole('alert')).textContent).toBe('The sign-off was not saved: Insufficient permissions')
  })

  it('is disabled, saying why, while the article has validation errors', async () => {
    studio.validation = [{level: 'error', message: 'Give the article a title.', path: ['title']}]
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    await waitFor(() => expect(button.title).toBe('Fix the 1 validation error in the article before signing it off.'))
    expect(button.disabled).toBe(true)
  })

  it('is disabled, saying why, when nobody has the medical-reviewer role', async () => {
    studio.documents = fixture.filter((document) => document._type !== 'person' || document._id === 'person.writer')
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    await waitFor(() => expect(button.title).toMatch(/^No medical reviewers yet/))
    expect(button.disabled).toBe(true)
  })
})
