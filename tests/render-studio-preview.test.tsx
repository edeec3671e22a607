// @vitest-environment jsdom
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {ThemeProvider} from '@sanity/ui'
import {buildTheme} from '@sanity/ui/theme'
import {cleanup, fireEvent, render, screen} from '@testing-library/react'
import type {SanityClient} from 'sanity'
import {afterEach, beforeAll, describe, expect, it, vi} from 'vitest'
import {ArticlePreview} from '../studio/preview/index.ts'
import type {EditedArticle} from '../studio/preview/preview-sources.ts'
import {groqFetch, readNdjson, type StoredDocument} from './helpers/studio-fixtures.ts'
import {AS_OF, RENDER_FIXTURES, REPO_ROOT} from './render-support.ts'

/** The Studio as the preview sees it: a client whose GROQ runs over the embedded dataset. */
const studio = vi.hoisted(() => ({documents: [] as StoredDocument[]}))

vi.mock('sanity', () => {
  const client = {
    fetch: (query: string, params?: Record<string, unknown>) => groqFetch(studio.documents, query, params),
  }
  return {useClient: () => client as unknown as SanityClient}
})

const theme = buildTheme()

beforeAll(() => {
  vi.useFakeTimers({toFake: ['Date']})
  vi.setSystemTime(new Date(`${AS_OF}T09:00:00`))
  studio.documents = readNdjson(path.join(REPO_ROOT, 'studio/dataset/production.ndjson'))
})

afterEach(cleanup)

function referenceArticle(): EditedArticle {
  return structuredClone(
    studio.documents.find((document) => document._id === 'article.infant-mental-health'),
  ) as unknown as EditedArticle
}

function showPreview(displayed: EditedArticle) {
  render(
    <ThemeProvider theme={theme}>
      <ArticlePreview document={{displayed}} />
    </ThemeProvider>,
  )
}

describe('Studio preview view', () => {
  it('shows the page exactly as the export renders it', async () => {
    showPreview(referenceArticle())
    const frame = (await screen.findByTitle('Rendered page', undefined, {timeout: 45_000})) as HTMLIFrameElement
    const exported = readFileSync(path.join(RENDER_FIXTURES, 'reference-article/expected/index.html'), 'utf8')
    expect(frame.getAttribute('srcdoc')).toBe(exported)
    expect(frame.getAttribute('sandbox')).toBe('')
  })

  it('has a plain-text tab with the numbered markers and references', async () => {
    showPreview(referenceArticle())
    const textTab = await screen.findByRole('tab', {name: 'Plain text'}, {timeout: 45_000})
    const panel = document.getElementById('preview-text-panel')!
    expect(panel.hidden).toBe(true)
    fireEvent.click(textTab)
    expect(panel.hidden).toBe(false)
    expect(panel.textContent).toContain('mental health:[2][9]')
    // article.txt wraps at 72 columns: the entry reads the same once its lines are joined.
    const joined = panel.textContent.replace(/\s+/g, ' ')
    expect(joined).toContain('10. Canadian Paediatric Society. (2017, May). Your child’s mental health.')
  })

  it('renders the edited draft and lists what the renderer could not show', async () => {
    const draft = referenceArticle()
    draft._id = 'drafts.article.infant-mental-health'
    draft.title = 'A retitled draft'
    draft.body = [
      ...(draft.body ?? []),
      {_type: 'image', _key: 'new-image'} as unknown as NonNullable<EditedArticle['body']>[number],
    ]
    showPreview(draft)
    const frame = (await screen.findByTitle('Rendered page', undefined, {timeout: 45_000})) as HTMLIFrameElement
    expect(frame.getAttribute('srcdoc')).toContain('<h1>A retitled draft</h1>')
    // A retitled draft is no longer the text the review covered: the preview says so instead of claiming the review.
    expect(frame.getAttribute('srcdoc')).toContain('this text has changed since and has not been medically reviewed')
    expect(frame.getAttribute('srcdoc')).not.toContain('Medically reviewed by')
    expect(screen.getByText(/Unknown block `image` in the body/).textContent).toContain('body[_key=="new-image"]')
  })
})
