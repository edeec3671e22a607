import {defineField, defineType} from 'sanity'
import {DUE_SOON_DAYS, REVIEW_INTERVAL_MONTHS} from '../limits.ts'

export const SETTINGS_ID = 'settings'

export const settings = defineType({
  name: 'settings',
  title: 'Settings',
  type: 'document',
  fields: [
    defineField({
      name: 'publisherName',
      title: 'Publisher name',
      type: 'string',
      validation: (rule) => rule.required().error('Give the publisher’s name.'),
    }),
    defineField({name: 'publisherUrl', title: 'Publisher URL', type: 'url'}),
    defineField({
      name: 'reviewIntervalMonths',
      title: 'Review interval (months)',
      type: 'number',
      initialValue: 12,
      validation: (rule) =>
        rule.required().integer().min(REVIEW_INTERVAL_MONTHS.minimum).max(REVIEW_INTERVAL_MONTHS.maximum),
    }),
    defineField({
      name: 'dueSoonDays',
      title: 'Due-soon window (days)',
      type: 'number',
      initialValue: 30,
      validation: (rule) => rule.required().integer().min(DUE_SOON_DAYS.minimum).max(DUE_SOON_DAYS.maximum),
    }),
    defineField({
      name: 'reviewSeverity',
      title: 'How validation reports review status',
      type: 'object',
      description:
        'Error blocks publishing; warning is reported (and blocks with --strict); info is a reminder; off says nothing. `npx vetted validate --severity overdue=error` overrides these for one run.',
      options: {collapsible: true, collapsed: true},
      fields: [
        {name: 'unreviewed', title: 'Never reviewed', initial: 'error'},
        {name: 'overdue', title: 'Review overdue', initial: 'warning'},
        {name: 'editedSinceReview', title: 'Edited since review', initial: 'warning'},
        {name: 'dueSoon', title: 'Review due soon', initial: 'info'},
      ].map(({name, title, initial}) =>
        defineField({
          name,
          title,
          type: 'string',
          initialValue: initial,
          options: {list: ['error', 'warning', 'info', 'off'], layout: 'radio', direction: 'horizontal'},
        }),
      ),
    }),
    defineField({name: 'editorialNotice', title: 'Editorial notice', type: 'text', rows: 5}),
    defineField({name: 'disclaimer', title: 'Disclaimer', type: 'text', rows: 3}),
    defineField({
      name: 'citationStyle',
      title: 'Citation style',
      type: 'string',
      initialValue: 'apa',
      options: {
        list: [
          {title: 'APA 7', value: 'apa'},
          {title: 'Vancouver', value: 'vancouver'},
          {title: 'AMA', value: 'ama'},
        ],
      },
    }),
  ],
  preview: {prepare: () => ({title: 'Settings'})},
})
