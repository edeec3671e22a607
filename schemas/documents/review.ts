import {defineField, defineType} from 'sanity'
import {isoDateRule, reviewDateRule, reviewerQualifiedRule} from '../rules/fields/index.ts'
import {sanityLookupRule, sanityRule, sanityRuleWith} from '../rules/sanity-rule.ts'

/** Where a review record came from: signed in Studio by its reviewer, or migrated from an earlier system. */
export const REVIEW_PROVENANCES = [
  {title: 'Signed in Studio', value: 'studio'},
  {title: 'Imported record', value: 'imported'},
] as const

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
      validation: (rule) => [
        rule.required().error('Choose the medical reviewer who signed off.'),
        ...sanityLookupRule(rule, reviewerQualifiedRule),
      ],
    }),
    defineField({
      name: 'reviewedOn',
      title: 'Reviewed on',
      type: 'date',
      validation: (rule) => [
        rule.required().error('Set the date of the review.'),
        ...sanityRule(rule, isoDateRule),
        // Studio compares with the editor's calendar day; the pipeline passes its as-of date instead.
        ...sanityRuleWith(rule, reviewDateRule, (value) => ({
          value: typeof value === 'string' ? value : undefined,
          context: {today: localIsoDate(new Date())},
        })),
      ],
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
      validation: (rule) =>
        rule
          .required()
          .error('A review must record the content hash of what was reviewed; use the Sign off review action.'),
    }),
    defineField({
      name: 'provenance',
      title: 'Provenance',
      type: 'string',
      readOnly: true,
      options: {list: [...REVIEW_PROVENANCES]},
      description:
        'Set by the Sign off review action (studio) or by an import of past records (imported); never typed.',
    }),
    defineField({
      name: 'signedBy',
      title: 'Signed by',
      type: 'object',
      readOnly: true,
      description: 'The Studio user who signed off, as Sanity reported them at the time.',
      fields: [
        defineField({name: 'userId', title: 'User id', type: 'string'}),
        defineField({name: 'name', title: 'Name', type: 'string'}),
        defineField({name: 'email', title: 'E-mail', type: 'string'}),
      ],
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

function localIsoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
