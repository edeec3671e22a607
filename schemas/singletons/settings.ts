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
    defineField({
      name: 'publisherUrl',
      title: 'Publisher URL',
      type: 'url',
      description: 'Links the publisher’s name on every page, and names the publisher in article.json and JSON-LD.',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'siteUrl',
      title: 'Site URL',
      type: 'url',
      description:
        'Where the articles are published: a page is at this URL + /articles/<slug>/. Gives pages their canonical ' +
        'link, og: tags and JSON-LD url, and the release its sitemap.xml; without it they are left out.',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
    defineField({
      name: 'editorialPolicyUrl',
      title: 'Editorial policy URL',
      type: 'url',
      description: 'Linked from review notices and the page footer ("Read our editorial policy").',
      validation: (rule) => rule.uri({scheme: ['https', 'http']}),
    }),
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
        {name: 'changesRequested', title: 'Changes requested', initial: 'warning'},
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
    defineField({
      name: 'publicationPolicy',
      title: 'What the export publishes for each review status',
      type: 'object',
      description:
        'Publish (with the status’s notice where it has one), keep the last bundle an approval covers, or block. ' +
        'Every output states a review claim only when an approval covers its text, whatever is chosen here. ' +
        '`npx vetted export --policy edited-since-review=keep-last-reviewed` overrides these for one run.',
      options: {collapsible: true, collapsed: true},
      fields: [
        {name: 'current', title: 'Current', initial: 'publish'},
        {name: 'dueSoon', title: 'Review due soon', initial: 'publish'},
        {name: 'overdue', title: 'Review overdue', initial: 'publish-with-notice'},
        {name: 'editedSinceReview', title: 'Edited since review', initial: 'publish-with-notice'},
        {name: 'changesRequested', title: 'Changes requested', initial: 'publish-with-notice'},
        {name: 'unreviewed', title: 'Never reviewed', initial: 'publish-with-notice'},
      ].map(({name, title, initial}) =>
        defineField({
          name,
          title,
          type: 'string',
          initialValue: initial,
          options: {
            list: [
              {title: 'Publish', value: 'publish'},
              {title: 'Publish with notice', value: 'publish-with-notice'},
              {title: 'Keep the last reviewed version', value: 'keep-last-reviewed'},
              {title: 'Block', value: 'block'},
            ],
            layout: 'radio',
          },
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
