import {p} from './portable-text.ts'
import {handWashing} from './articles/hand-washing.ts'
import {sleepHygieneTeens} from './articles/sleep-hygiene-teens.ts'
import type {ArticleSpec} from './types.ts'

/**
 * Unpublished work, as the Studio stores it under `drafts.` ids. Neither may ever reach an export: a new article
 * that was never reviewed (the review queue's "never reviewed" list shows it), and a pending edit of a published
 * article whose draft title differs from the published one.
 */
export const drafts: Array<{article: ArticleSpec; updatedAt: string}> = [
  {article: sleepHygieneTeens, updatedAt: '2026-11-19T16:02:37Z'},
  {
    article: {
      ...handWashing,
      title: 'Handwashing: when, how and for how long',
      lastEditedAt: '2026-11-24',
      body: [
        ...handWashing.body,
        p('DRAFT: add a short section on caring for dry or cracked skin from frequent handwashing.'),
      ],
    },
    updatedAt: '2026-11-24T10:31:12Z',
  },
]
