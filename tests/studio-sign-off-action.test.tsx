// @vitest-environment jsdom
import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {ToastProvider} from '@sanity/ui/toast'
import {cleanup, fireEvent, render, screen, waitFor, within} from '@testing-library/react'
import type {CurrentUser, DocumentActionProps, SanityClient, ValidationMarker} from 'sanity'
import {afterEach, beforeAll, beforeEach, describe, expect, it, vi} from 'vitest'
import {contentHash} from '../domain/content-hash.ts'
import type {NewReview} from '../studio/actions/create-review.ts'
import {SignOffReviewAction} from '../studio/actions/sign-off-review.tsx'
import {
  AS_OF,
  editStateOf,
  groqFetch,
  pipelineView,
  reviewQueueFixture,
  type StoredDocument,
} from './helpers/studio-fixtures.ts'

/** The Studio as the action sees it: a client over the fixture documents, and the document's validation. */
const studio = vi.hoisted(() => ({
  documents: [] as StoredDocument[],
  created: [] as NewReview[],
  validation: [] as ValidationMarker[],
  failCreate: false,
  user: null as CurrentUser | null,
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
    useCurrentUser: () => studio.user,
  }
})

const theme = buildTheme()

/** Renders the action the way the document footer does: a button, and the dialog once it is handled. */
function ActionProbe(props: DocumentActionProps) {
  return (
    <ThemeProvider theme={theme}>
      <ToastProvider>
        <ActionView {...props} />
      </ToastProvider>
    </ThemeProvider>
  )
}

function ActionView(props: DocumentActionProps) {
  const action = SignOffReviewAction(props)
  if (!action) return null
  const dialog = action.dialog && action.dialog.type === 'dialog' ? action.dialog : null
  return (
    <>
      <button
        type="button"
        disabled={action.disabled}
        title={typeof action.title === 'string' ? action.title : undefined}
        onClick={action.onHandle}
      >
        {action.label}
      </button>
      {dialog && (
        <section role="dialog" aria-label="Sign off review">
          {dialog.content}
        </section>
      )}
    </>
  )
}

let fixture: StoredDocument[]

/** Studio users as `useCurrentUser()` reports them; their ids are linked to the fixture's people. */
const user = (id: string, name: string): CurrentUser => ({
  id,
  name,
  email: `${id}@example.org`,
  role: 'editor',
  roles: [],
})
const RILEY = user('user.riley', 'Riley R.')
const BO = user('user.bo', 'Bo B.')
const WREN = user('user.wren', 'Wren W.')

beforeAll(async () => {
  // The toast layer asks for the user's motion preference; jsdom has no media queries.
  window.matchMedia ??= (media: string) =>
    ({
      matches: false,
      media,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(`${AS_OF}T09:00:00`))
  fixture = await reviewQueueFixture()
})

beforeEach(() => {
  studio.documents = fixture
  studio.created = []
  studio.validation = []
  studio.failCreate = false
  studio.user = RILEY
})

afterEach(cleanup)

const completed = vi.fn()

function renderAction(id: string) {
  completed.mockClear()
  render(<ActionProbe {...editStateOf(studio.documents, id)} onComplete={completed} initialValueResolved />)
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
  it('records the linked reviewer, the signer, today, outcome, notes and the hash of the draft shown', async () => {
    const dialog = await openDialog('article.hotel')
    expect(dialog.getByTestId('sign-off-reviewer').textContent).toBe('Riley Reviewer, MD')
    fireEvent.change(dialog.getByLabelText(/Internal notes/), {target: {value: '  Checked the revised title.  '}})
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))

    const draft = fixture.find((document) => document._id === 'drafts.article.hotel')
    const who = await groqFetch<Record<string, unknown>>(
      fixture,
      '*[_id == "citation.who"][0]{_id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, issued, volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText}',
    )
    const expectedHash = await contentHash(
      {title: 'Hotel, revised', summary: draft?.summary as string, body: draft?.body as unknown[]},
      (id) => (id === 'citation.who' ? who : undefined),
    )
    expect(studio.created[0]).toEqual({
      _type: 'review',
      article: {_type: 'reference', _ref: 'article.hotel'},
      reviewer: {_type: 'reference', _ref: 'person.reviewer'},
      reviewedOn: AS_OF,
      outcome: 'approved',
      contentHash: expectedHash,
      provenance: 'studio',
      signedBy: {userId: 'user.riley', name: 'Riley R.', email: 'user.riley@example.org'},
      notes: 'Checked the revised title.',
    })
    expect(expectedHash).not.toBe((await pipelineView(fixture, 'article.hotel')).contentHash)
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('confirms the sign-off in a toast (who, outcome, date) and completes the action', async () => {
    const dialog = await openDialog('article.echo')
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    expect(await screen.findByText('Sign-off recorded', {}, {timeout: 10_000})).toBeTruthy()
    expect(screen.getByText(`Riley Reviewer approved “Echo” on ${AS_OF}. Signed in as Riley R..`)).toBeTruthy()
    expect(completed).toHaveBeenCalledTimes(1)
  })

  it('makes the article current for the pipeline once the signed-off draft is published', async () => {
    studio.user = BO
    const dialog = await openDialog('article.hotel')
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))

    const published = afterPublishing(
      [...fixture, {_id: 'review.new', ...studio.created[0]} as StoredDocument],
      'article.hotel',
    )
    const {state} = await pipelineView(published, 'article.hotel')
    expect(state).toMatchObject({status: 'current', lastReviewed: AS_OF, nextReviewDue: '2027-11-26'})
  })

  it('takes an earlier review date and a "changes requested" outcome, and stores no empty notes', async () => {
    const dialog = await openDialog('article.echo')
    fireEvent.change(dialog.getByLabelText('Reviewed on'), {target: {value: '2026-11-20'}})
    fireEvent.click(dialog.getByLabelText('Changes requested'))
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))
    expect(studio.created[0]).toMatchObject({reviewedOn: '2026-11-20', outcome: 'changesRequested'})
    expect(studio.created[0]).not.toHaveProperty('notes')
    expect(studio.created[0]?.contentHash).toBe((await pipelineView(fixture, 'article.echo')).contentHash)
  })

  it('signs off as the person linked to the signed-in user, with no choice of someone else', async () => {
    studio.user = BO
    const dialog = await openDialog('article.echo')
    expect(dialog.getByTestId('sign-off-reviewer').textContent).toBe('Bo Both, RN')
    expect(dialog.queryByRole('combobox')).toBeNull()
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))
    const expected = {reviewer: {_ref: 'person.both'}, signedBy: {userId: 'user.bo'}, provenance: 'studio'}
    expect(studio.created[0]).toMatchObject(expected)
  })

  it('is unavailable, saying why, to a user linked to no medical reviewer', async () => {
    studio.user = WREN
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    const why = /^Only a medical reviewer can sign off\. Your Studio account \(Wren W\., user id user\.wren\)/
    await waitFor(() => expect(button.title).toMatch(why))
    expect(button.disabled).toBe(true)
  })

  it('is unavailable, saying why, to a user linked to nobody at all', async () => {
    studio.user = user('user.stranger', 'Sam Stranger')
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    await waitFor(() => expect(button.title).toMatch(/^Only a medical reviewer can sign off/))
    expect(button.disabled).toBe(true)
  })

  it('is unavailable when nobody is signed in', async () => {
    studio.user = null
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    expect(button.title).toBe('Sign in to the Studio as a medical reviewer to sign off.')
    expect(button.disabled).toBe(true)
  })

  it('refuses a user linked to two medical reviewers', async () => {
    const twice = (document: StoredDocument) => ({...document, sanityUserIds: ['user.bo', 'user.riley']})
    studio.documents = fixture.map((document) => (document._id === 'person.both' ? twice(document) : document))
    renderAction('article.echo')
    const button = screen.getByRole<HTMLButtonElement>('button', {name: 'Sign off review'})
    const why = /linked to more than one medical reviewer \(Bo Both, Riley Reviewer\)/
    await waitFor(() => expect(button.title).toMatch(why))
    expect(button.disabled).toBe(true)
  })

  it('refuses a review date in the future', async () => {
    const dialog = await openDialog('article.echo')
    fireEvent.change(dialog.getByLabelText('Reviewed on'), {target: {value: '2026-11-27'}})
    expect(dialog.getByRole<HTMLButtonElement>('button', {name: 'Sign off'}).disabled).toBe(true)
    expect(dialog.getByRole('status').textContent).toBe(`The review date cannot be after today (${AS_OF}).`)
  })

  it('references a never-published article weakly, so the sign-off can exist before the article does', async () => {
    const dialog = await openDialog('article.foxtrot')
    fireEvent.click(dialog.getByRole('button', {name: 'Sign off'}))
    await waitFor(() => expect(studio.created).toHaveLength(1))
    expect(studio.created[0]?.article).toEqual({_type: 'reference', _ref: 'article.foxtrot', _weak: true})
  })

  it('keeps the dialog open and says why when the review cannot be saved', async () => {
    studio.failCreate = true
    const dialog = await openDialog('article.echo')
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
})
