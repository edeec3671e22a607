import {defineArrayMember, defineField, defineType, type ValidationContext} from 'sanity'
import {
  authorRoleRule,
  citationExistsRule,
  dateOrderRule,
  headingOrderRule,
  isoDateRule,
  languageTagRule,
  orphanMarkerRule,
  slugFormatRule,
  slugUniqueRule,
  summaryLengthRule,
} from '../rules/fields/index.ts'
import {
  doubledWordRule,
  emptyBlockRule,
  linkTextRule,
  missingSpaceRule,
  readingGradeRule,
} from '../rules/editorial/index.ts'
import {sanityLookupRule, sanityRule, sanityRuleWith, VALIDATION_API_VERSION} from '../rules/sanity-rule.ts'
import {BODY_MAX_BLOCKS, TITLE_MAX_LENGTH} from '../limits.ts'

export const article = defineType({
  name: 'article',
  title: 'Article',
  type: 'document',
  groups: [
    {name: 'content', title: 'Content', default: true},
    {name: 'trust', title: 'Authors and dates'},
    {name: 'meta', title: 'Metadata'},
  ],
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      group: 'content',
      validation: (rule) => [
        rule.required().error('Give the article a title.'),
        rule.max(TITLE_MAX_LENGTH).error(`Keep the title to at most ${TITLE_MAX_LENGTH} characters.`),
      ],
    }),
    defineField({
      name: 'slug',
      title: 'Slug',
      type: 'slug',
      group: 'meta',
      options: {
        source: 'title',
        maxLength: 96,
        // Uniqueness is the slug-unique rule below, whose message names the other article; this keeps Sanity's
        // built-in check from reporting the same thing a second time in vaguer words.
        isUnique: () => true,
      },
      // Sanity reports rules on an object value (a slug is {current}) as warnings in `sanity documents validate`
      // and `validateDocument`; Studio and the pipeline keep them as errors. Rules given through `fields()` are
      // downgraded the same way, so they sit here, on the slug.
      validation: (rule) => [
        rule.required().error('Generate a slug from the title.'),
        ...sanityRuleWith(rule, slugFormatRule, (value) => ({value: slugCurrent(value), context: undefined}), {
          pure: true,
        }),
        ...sanityRuleWith(rule, slugUniqueRule, async (value, context) => ({
          value: slugCurrent(value),
          context: await sameSlugContext(slugCurrent(value), context),
        })),
      ],
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'One or two sentences for search results and link previews (at most 160 characters).',
      validation: (rule) => [
        rule.required().error('Write a short summary of the article.'),
        ...sanityRule(rule, summaryLengthRule),
        ...sanityRule(rule, missingSpaceRule),
        ...sanityRule(rule, doubledWordRule),
      ],
    }),
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      group: 'meta',
      initialValue: 'en',
      description: 'A BCP 47 language tag, such as en or en-GB.',
      validation: (rule) => [
        rule.required().error('Set the language of the article, such as en.'),
        ...sanityRule(rule, languageTagRule),
      ],
    }),
    defineField({
      name: 'audience',
      title: 'Audience',
      type: 'string',
      group: 'meta',
      initialValue: 'general-public',
      options: {
        list: [
          {title: 'General public', value: 'general-public'},
          {title: 'Patients', value: 'patients'},
          {title: 'Parents and caregivers', value: 'caregivers'},
          {title: 'Health professionals', value: 'professionals'},
        ],
        layout: 'radio',
      },
    }),
    defineField({
      name: 'topics',
      title: 'Topics',
      type: 'array',
      group: 'meta',
      of: [defineArrayMember({type: 'string'})],
      options: {layout: 'tags'},
    }),
    defineField({
      name: 'keyTakeaways',
      title: 'Key takeaways',
      type: 'array',
      group: 'content',
      of: [defineArrayMember({type: 'string'})],
    }),
    defineField({
      name: 'leadImage',
      title: 'Lead image',
      type: 'figure',
      group: 'content',
      description:
        'Optional: shown above the article and in link previews. Part of what the medical reviewer signs off.',
    }),
    defineField({
      name: 'body',
      title: 'Body',
      type: 'blockContent',
      group: 'content',
      validation: (rule) => [
        rule.required().error('Write the body of the article.'),
        rule.max(BODY_MAX_BLOCKS).error(`Split the article: the body may hold at most ${BODY_MAX_BLOCKS} blocks.`),
        ...sanityRule(rule, headingOrderRule),
        ...sanityLookupRule(rule, citationExistsRule),
        ...sanityRule(rule, orphanMarkerRule),
        ...sanityRule(rule, emptyBlockRule),
        ...sanityRule(rule, linkTextRule),
        ...sanityRule(rule, missingSpaceRule),
        ...sanityRule(rule, doubledWordRule),
        ...sanityRuleWith(
          rule,
          readingGradeRule,
          (value, context) => ({
            value: value as readonly unknown[] | undefined,
            context: {audience: stringField(context.document, 'audience')},
          }),
          {pure: true},
        ),
      ],
    }),
    defineField({
      name: 'safetyNotice',
      title: 'Safety notice',
      type: 'text',
      rows: 3,
      group: 'content',
      description: 'Shown prominently, e.g. when to seek urgent care. Part of what the medical reviewer signs off.',
    }),
    defineField({
      name: 'authors',
      title: 'Authors',
      type: 'array',
      group: 'trust',
      of: [defineArrayMember({type: 'reference', to: [{type: 'person'}]})],
      validation: (rule) => [
        rule.required().min(1).error('Add at least one author.'),
        ...sanityLookupRule(rule, authorRoleRule),
      ],
    }),
    defineField({
      name: 'publishedAt',
      title: 'Published',
      type: 'date',
      group: 'trust',
      validation: (rule) => [
        rule.required().error('Set the date the article was first published.'),
        ...sanityRule(rule, isoDateRule),
      ],
    }),
    defineField({
      name: 'lastEditedAt',
      title: 'Last edited',
      type: 'date',
      group: 'trust',
      description: 'The date of the last substantive edit (not typo fixes). Set it by hand.',
      validation: (rule) => [
        ...sanityRule(rule, isoDateRule),
        ...sanityRuleWith(rule, dateOrderRule, (value, context) => ({
          value: typeof value === 'string' ? value : undefined,
          context: {publishedAt: stringField(context.document, 'publishedAt')},
        })),
      ],
    }),
  ],
  preview: {
    select: {title: 'title', subtitle: 'slug.current'},
  },
})

/** Other articles (drafts included, release versions not) whose slug is `value`. */
function slugCurrent(value: unknown): string | undefined {
  const current = typeof value === 'object' && value !== null ? (value as {current?: unknown}).current : undefined
  return typeof current === 'string' ? current : undefined
}

async function sameSlugContext(
  value: string | undefined,
  context: ValidationContext,
): Promise<{documentId: string; idsWithSameSlug: string[]}> {
  const documentId = context.document?._id ?? ''
  if (!value) return {documentId, idsWithSameSlug: []}
  const ids: unknown = await context
    .getClient({apiVersion: VALIDATION_API_VERSION})
    .withConfig({perspective: 'raw'})
    .fetch(
      '*[_type == $type && slug.current == $slug && !(_id in path("versions.**"))]._id',
      {type: context.document?._type ?? 'article', slug: value},
      {signal: context.signal},
    )
  return {
    documentId,
    idsWithSameSlug: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [],
  }
}

function stringField(document: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = document?.[name]
  return typeof value === 'string' ? value : undefined
}
