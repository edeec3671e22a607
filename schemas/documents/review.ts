import {defineField, defineType} from 'sanity'

export const REVIEW_OUTCOMES = [
  {title: 'Approved', value: 'approved'},
  {title: 'Changes requested', value: 'changesRequested'},
] as const

/** A medical reviewer's sign-off of one article as it stood (identified by its content hash). */
export const review = defineType({
  name: 'review',
  title: 'Medical review',
  type: 'document',
  fields: [
    defineField({
      name: 'article',
      title: 'Article',
      type: 'reference',
      to: [{type: 'article'}],
      validation: (rule) => rule.required().error('Choose the article that was reviewed.'),
    }),
    defineField({
      name: 'reviewer',
      title: 'Reviewer',
      type: 'reference',
      to: [{type: 'person'}],
      validation: (rule) => rule.required().error('Choose the medical reviewer who signed off.'),
    }),
    defineField({
      name: 'reviewedOn',
      title: 'Reviewed on',
      type: 'date',
      validation: (rule) => rule.required().error('Set the date of the review.'),
    }),
    defineField({
      name: 'outcome',
      title: 'Outcome',
      type: 'string',
      options: {list: [...REVIEW_OUTCOMES], layout: 'radio'},
      validation: (rule) => rule.required().error('Choose the outcome: approved or changes requested.'),
    }),
    defineField({
      name: 'contentHash',
      title: 'Content hash',
      type: 'string',
      readOnly: true,
      description: 'Fingerprint of the title, summary, body, citations and safety notice the reviewer saw.',
      validation: (rule) => rule.required().error('A review must record the content hash of what was reviewed; use the Sign off review action.'),
    }),
    defineField({
      name: 'notes',
      title: 'Internal notes',
      type: 'text',
      rows: 4,
      description: 'For the editorial team only. Never exported.',
    }),
  ],
  preview: {
    select: {title: 'article.title', reviewer: 'reviewer.name', date: 'reviewedOn', outcome: 'outcome'},
    prepare: ({title, reviewer, date, outcome}) => ({
      title: title ?? 'Untitled article',
      subtitle: [reviewer, date, outcome === 'approved' ? 'approved' : 'changes requested'].filter(Boolean).join(' · '),
    }),
  },
})
