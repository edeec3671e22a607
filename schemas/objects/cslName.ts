import {defineField, defineType} from 'sanity'
import {NAME_MAX_LENGTH} from '../limits.ts'

/** A CSL-JSON name: a person (family + given) as the reference list prints it. */
export const cslName = defineType({
  name: 'cslName',
  title: 'Author',
  type: 'object',
  fields: [
    defineField({
      name: 'family',
      title: 'Family name',
      type: 'string',
      validation: (rule) => [
        rule.required().error('Give the author’s family name.'),
        rule.max(NAME_MAX_LENGTH).error(`Keep the name to at most ${NAME_MAX_LENGTH} characters.`),
      ],
    }),
    defineField({
      name: 'given',
      title: 'Given names or initials',
      type: 'string',
      validation: (rule) => rule.max(NAME_MAX_LENGTH).error(`Keep the names to at most ${NAME_MAX_LENGTH} characters.`),
    }),
  ],
  preview: {
    select: {family: 'family', given: 'given'},
    prepare: ({family, given}) => ({title: [family, given].filter(Boolean).join(', ')}),
  },
})
