import {defineField, defineType} from 'sanity'

/**
 * An inline marker in the body that cites one `citation` document. Several markers side by side
 * (`[2][9]`) are several inline objects; numbering is decided at render time by first appearance.
 */
export const citationMarker = defineType({
  name: 'citationMarker',
  title: 'Citation',
  type: 'object',
  fields: [
    defineField({
      name: 'citation',
      title: 'Source',
      type: 'reference',
      to: [{type: 'citation'}],
      validation: (rule) => rule.required().error('Choose the source this marker cites, or remove the marker.'),
    }),
  ],
  preview: {
    select: {title: 'citation.title'},
    prepare: ({title}) => ({title: title ? `[${title}]` : '[missing source]'}),
  },
})
