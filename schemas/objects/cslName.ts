import {defineField, defineType} from 'sanity'

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
      validation: (rule) => rule.required().error('Give the author’s family name.'),
    }),
    defineField({name: 'given', title: 'Given names or initials', type: 'string'}),
  ],
  preview: {
    select: {family: 'family', given: 'given'},
    prepare: ({family, given}) => ({title: [family, given].filter(Boolean).join(', ')}),
  },
})
