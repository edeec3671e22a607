import {defineField, defineType} from 'sanity'
import {
  figureAltLengthRule,
  figureAltMissingRule,
  figureAltPrefixRule,
  figureAssetMissingRule,
  figureCaptionRepeatsAltRule,
  figureCreditMissingRule,
  figureDecorativeAltRule,
  figureLicenceMissingRule,
} from '../rules/fields/figures.ts'
import {sanityFigureRule, sanityRule} from '../rules/sanity-rule.ts'

/**
 * An image in an article (in the body, or as its lead image): Sanity's image with hotspot, and what a reader who
 * cannot see it, and a publisher who must have the right to show it, need. The rules are the shared ones of
 * `schemas/rules/fields/figures.ts`; each sits on the field it speaks about, so Studio shows it there (and
 * `sanity documents validate` keeps its level, which it would not for a rule on the image object).
 */
export const figure = defineType({
  name: 'figure',
  title: 'Image',
  type: 'image',
  options: {hotspot: true},
  validation: (rule) => sanityRule(rule, figureAssetMissingRule),
  fields: [
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description:
        'What the image shows, for readers who cannot see it (screen readers, slow connections). Leave it empty only for a decorative image.',
      validation: (rule) => [
        ...sanityFigureRule(rule, figureAltMissingRule, 'alt'),
        ...sanityFigureRule(rule, figureDecorativeAltRule, 'alt'),
        ...sanityFigureRule(rule, figureAltLengthRule, 'alt'),
        ...sanityFigureRule(rule, figureAltPrefixRule, 'alt'),
      ],
    }),
    defineField({
      name: 'decorative',
      title: 'Decorative image',
      type: 'boolean',
      description: 'Tick only when the image adds nothing to the text (screen readers then skip it).',
    }),
    defineField({
      name: 'caption',
      title: 'Caption',
      type: 'string',
      description: 'Shown under the image to every reader.',
      validation: (rule) => sanityFigureRule(rule, figureCaptionRepeatsAltRule, 'caption'),
    }),
    defineField({
      name: 'credit',
      title: 'Credit',
      type: 'string',
      description: 'Who made the image or where it comes from, e.g. “Diagram: Northfield Health Library”.',
      validation: (rule) => sanityFigureRule(rule, figureCreditMissingRule, 'credit'),
    }),
    defineField({
      name: 'licence',
      title: 'Licence',
      type: 'string',
      description: 'Under what terms it may be published, e.g. “CC BY 4.0” or “All rights reserved”.',
      validation: (rule) => sanityFigureRule(rule, figureLicenceMissingRule, 'licence'),
    }),
    defineField({
      name: 'publisherOwned',
      title: 'Owned by the publisher',
      type: 'boolean',
      description: 'Tick when the publisher owns the image; otherwise credit and licence are required.',
    }),
  ],
  preview: {
    select: {title: 'caption', subtitle: 'alt', media: 'asset'},
    prepare: ({title, subtitle, media}) => ({
      title: typeof title === 'string' && title !== '' ? title : 'Image',
      subtitle: typeof subtitle === 'string' && subtitle !== '' ? subtitle : 'No alternative text',
      media,
    }),
  },
})
