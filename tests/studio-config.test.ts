// @vitest-environment jsdom
import {createClient} from '@sanity/client'
import {createSourceFromConfig, type Source} from 'sanity'
import {beforeAll, describe, expect, it} from 'vitest'
import {SignOffReviewAction} from '../studio/actions/sign-off-review.tsx'
import {ReviewStatusBadge} from '../studio/badges/review-status-badge.ts'
import config from '../studio/sanity.config.ts'

// The real Studio configuration resolved the way the Studio resolves it (offline: no request is made).
let source: Source

beforeAll(async () => {
  source = await createSourceFromConfig({
    ...config,
    currentUser: {id: 'editor', name: 'Editor', email: 'editor@example.org', role: 'administrator', roles: []},
    getClient: () =>
      createClient({projectId: 'vetted00', dataset: 'production', apiVersion: '2025-02-19', useCdn: false}),
  })
})

/** The actions the document footer offers on a draft of a document of this type. */
const actionsFor = (schemaType: string, documentId = 'x') =>
  source.document.actions({schemaType, documentId, releaseId: undefined, versionType: 'draft'})

const actionNames = (schemaType: string) =>
  actionsFor(schemaType, schemaType).map((action) => action.action ?? action.displayName)

describe('Studio configuration', () => {
  it('keeps Publish the main action on articles, with Sign off review right after it, and only there', () => {
    const actions = actionsFor('article')
    expect(actions[0]?.action).toBe('publish')
    expect(actions[1]).toBe(SignOffReviewAction)
    for (const type of ['person', 'citation', 'review', 'settings']) {
      expect(actionsFor(type)).not.toContain(SignOffReviewAction)
    }
  })

  it('shows the review-status badge on articles only', () => {
    expect(source.document.badges({schemaType: 'article', documentId: 'a'})).toContain(ReviewStatusBadge)
    expect(source.document.badges({schemaType: 'person', documentId: 'p'})).not.toContain(ReviewStatusBadge)
  })

  it('lets the settings singleton be edited and published but not deleted, duplicated or unpublished', () => {
    expect(actionNames('settings').sort()).toEqual(['discardChanges', 'publish', 'restore'])
    expect(actionNames('article')).toEqual(expect.arrayContaining(['delete', 'duplicate']))
  })

  it('offers no way to create a second settings document', () => {
    expect(source.templates.map((template) => template.schemaType)).not.toContain('settings')
    const global = source.document.resolveNewDocumentOptions({type: 'global'}).map((item) => item.templateId)
    expect(global).toContain('article')
    expect(global).not.toContain('settings')
  })
})
