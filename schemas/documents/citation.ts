import {defineArrayMember, defineField, defineType} from 'sanity'
import {
  citationUrlRule,
  doiFormatRule,
  isoDateRule,
  issuedFormatRule,
  journalAbbreviationRule,
  pmcidFormatRule,
  pmidFormatRule,
} from '../rules/fields/index.ts'
import {sanityRule} from '../rules/sanity-rule.ts'

/** A source, shaped after CSL-JSON so citation-js can format it in any style. */
export const CITATION_TYPES = [
  {title: 'Journal article', value: 'article-journal'},
  {title: 'Web page', value: 'webpage'},
  {title: 'Book', value: 'book'},
  {title: 'Book chapter', value: 'chapter'},
  {title: 'Report', value: 'report'},
] as const

export const citation = defineType({
  name: 'citation',
  title: 'Citation',
  type: 'document',
  fields: [
    defineField({
      name: 'cslType',
      title: 'Type',
      type: 'string',
      initialValue: 'article-journal',
      options: {list: [...CITATION_TYPES]},
      validation: (rule) => rule.required().error('Choose what kind of source this is.'),
    }),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      of: [defineArrayMember({type: 'cslName'})],
      description: 'People, in the order the source lists them. Leave empty when an organisation is the author.',
    }),
    defineField({
      name: 'organization',
      title: 'Organisation as author',
      type: 'string',
      description: 'E.g. Centers for Disease Control and Prevention.',
    }),
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      validation: (rule) => rule.required().error('Give the title of the source.'),
    }),
    defineField({name: 'containerTitle', title: 'Journal or website', type: 'string'}),
    defineField({
      name: 'containerTitleShort',
      title: 'Journal abbreviation (NLM)',
      type: 'string',
      description: 'As the NLM Catalog abbreviates the journal, e.g. J Pediatr Health Care (for Vancouver and AMA).',
      validation: (rule) => sanityRule(rule, journalAbbreviationRule),
    }),
    defineField({
      name: 'issued',
      title: 'Issued',
      type: 'string',
      description:
        'Year, year-month or full date: 2016, 2017-05 or 2021-11-29. Leave empty when the source has no date (n.d.).',
      validation: (rule) => sanityRule(rule, issuedFormatRule),
    }),
    defineField({name: 'volume', title: 'Volume', type: 'string'}),
    defineField({name: 'issue', title: 'Issue', type: 'string'}),
    defineField({name: 'pages', title: 'Pages or article number', type: 'string'}),
    defineField({name: 'publisher', title: 'Publisher', type: 'string'}),
    defineField({
      name: 'doi',
      title: 'DOI',
      type: 'string',
      description: 'E.g. 10.1093/pch/21.5.239 (without https://doi.org/).',
      validation: (rule) => sanityRule(rule, doiFormatRule),
    }),
    defineField({
      name: 'pmid',
      title: 'PMID',
      type: 'string',
      description: 'PubMed id: 1 to 9 digits.',
      validation: (rule) => sanityRule(rule, pmidFormatRule),
    }),
    defineField({
      name: 'pmcid',
      title: 'PMCID',
      type: 'string',
      description: 'PubMed Central id, e.g. PMC4933077.',
      validation: (rule) => sanityRule(rule, pmcidFormatRule),
    }),
    defineField({
      name: 'url',
      title: 'URL',
      // A string, not Sanity's `url` type: that type always adds its own check, whose generic wording ("Does not
      // match allowed protocols/schemes") would stand beside the shared rule's message.
      type: 'string',
      description: 'The https:// address where readers can find the source.',
      validation: (rule) => sanityRule(rule, citationUrlRule),
    }),
    defineField({
      name: 'accessed',
      title: 'Accessed',
      type: 'date',
      description: 'When a web source was retrieved.',
      validation: (rule) => sanityRule(rule, isoDateRule),
    }),
    defineField({
      name: 'rawText',
      title: 'Original reference text',
      type: 'text',
      rows: 3,
      description: 'The reference as it was written before structuring (kept by imports so nothing is lost).',
    }),
  ],
  preview: {
    select: {title: 'title', organization: 'organization', family: 'authors.0.family', issued: 'issued'},
    prepare: ({title, organization, family, issued}) => ({
      title,
      subtitle: [family ?? organization, issued ? String(issued).slice(0, 4) : 'n.d.'].filter(Boolean).join(', '),
    }),
  },
})
