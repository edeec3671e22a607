import {bullet, cite, h2, p} from '../portable-text.ts'
import type {ArticleSpec} from '../types.ts'
import {cdcSleep} from './sleep-adults.ts'

/** A new article still in draft (`drafts.article.sleep-hygiene-teens`): never published, never reviewed. */
export const sleepHygieneTeens: ArticleSpec = {
  slug: 'sleep-hygiene-teens',
  title: 'Helping teenagers get enough sleep',
  summary: 'How much sleep teenagers need, why so many get too little, and what families can do to help.',
  language: 'en',
  audience: 'caregivers',
  topics: ['sleep', 'teenagers', 'parenting'],
  authors: ['priya-raman'],
  // The planned date: the field is required, and the whole dataset, drafts included, must validate without errors.
  publishedAt: '2026-12-07',
  createdAt: '2026-11-12T15:45:00Z',
  citations: [cdcSleep],
  body: [
    p('Teenagers aged 13 to 18 need 8 to 10 hours of sleep in every 24 hours.', cite('cdc-sleep')),
    h2('Why teenagers sleep too little'),
    p('DRAFT: explain the later body clock in puberty, early school start times, and screens in the evening.'),
    h2('What families can do'),
    bullet('Agree on a regular bedtime and wake-up time, including at weekends.'),
    bullet('Charge phones outside the bedroom overnight.'),
  ],
}
