import {defineField, defineType} from 'sanity'

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
      validation: (rule) => rule.required().integer().min(1).max(60),
    }),
    defineField({
      name: 'dueSoonDays',
      title: 'Due-soon window (days)',
      type: 'number',
      initialValue: 30,
      validation: (rule) => rule.required().integer().min(0).max(365),
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
