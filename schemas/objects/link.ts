import {defineField, defineType} from 'sanity'
import {linkUrlRule} from '../rules/fields/index.ts'
import {sanityRule} from '../rules/sanity-rule.ts'

export const link = defineType({
  name: 'link',
  title: 'Link',
  type: 'object',
  fields: [
    defineField({
      name: 'href',
      title: 'URL',
      type: 'string',
      description: 'https://, http://, mailto:, tel: or a site-relative path such as /editorial-policy',
      validation: (rule) => [
        rule.required().error('Give the link a URL, or remove the link.'),
        ...sanityRule(rule, linkUrlRule),
      ],
    }),
  ],
})
