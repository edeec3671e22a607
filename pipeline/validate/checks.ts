import {diagnostic} from '../diagnostic.ts'
import {
  authorRequiredRule,
  citationAccessedRule,
  citationCompleteRule,
  citationLocatorRule,
  doubledWordRule,
  emptyBlockRule,
  linkTextRule,
  missingSpaceRule,
  publicationDatesRule,
  readingGradeRule,
  requiredFieldsRule,
  reviewCurrencyRules,
  reviewerPresentRule,
  reviewSignerRule,
  reviewTimingRule,
  reviewUnsignedRule,
  type ProseValue,
} from '../../schemas/rules/editorial/index.ts'
import {
  authorRoleRule,
  citationExistsRule,
  dateOrderRule,
  doiFormatRule,
  figureRules,
  type FigureValue,
  headingOrderRule,
  isoDateRule,
  issuedFormatRule,
  journalAbbreviationRule,
  languageTagRule,
  citationUrlRule,
  linkUrlRule,
  orphanMarkerRule,
  pmcidFormatRule,
  pmidFormatRule,
  reviewerQualifiedRule,
  slugFormatRule,
  slugUniqueRule,
  summaryLengthRule,
} from '../../schemas/rules/fields/index.ts'
import type {PathSegment} from '../../schemas/rules/rule.ts'
import {check, target, type ArticleContext, type Check, type Target} from './check.ts'

/**
 * Every rule the pipeline runs on an article, in report order: the schema's field rules (the same functions
 * Studio runs through `Rule.custom`), then trust, review currency, sources, structure and language. Each line
 * says which values of the resolved article a rule looks at and where a finding points.
 *
 * Not run here: the schema's `review-date-not-future` (against today), because a pipeline run is pinned to an
 * as-of date; `review-timing` checks review dates against it instead.
 */

const reference = (id: string) => ({_ref: id})

function onArticle<Value>(path: PathSegment[], value: (context: ArticleContext) => Value) {
  return (context: ArticleContext): Array<Target<Value, undefined>> => [
    target(context.article._id, path, value(context), undefined),
  ]
}

/** The prose fields language rules read, with their paths. */
function proseFields(context: ArticleContext): Array<Target<ProseValue, undefined>> {
  const {article} = context
  const targets: Array<Target<ProseValue, undefined>> = [
    target(article._id, ['title'], article.title, undefined),
    target(article._id, ['summary'], article.summary, undefined),
  ]
  ;(article.keyTakeaways ?? []).forEach((takeaway, index) =>
    targets.push(target(article._id, ['keyTakeaways', index], takeaway, undefined)),
  )
  targets.push(target(article._id, ['body'], article.body, undefined))
  targets.push(target(article._id, ['safetyNotice'], article.safetyNotice, undefined))
  return targets
}

function linkHrefs(context: ArticleContext): Array<Target<string | null | undefined, undefined>> {
  const targets: Array<Target<string | null | undefined, undefined>> = []
  ;(context.article.body ?? []).forEach((block, index) => {
    if (block._type !== 'block') return
    const blockSegment: PathSegment = block._key ? {_key: block._key} : index
    ;(block.markDefs ?? []).forEach((def, defIndex) => {
      if (def._type !== 'link') return
      targets.push(
        target(
          context.article._id,
          ['body', blockSegment, 'markDefs', def._key ? {_key: def._key} : defIndex, 'href'],
          def.href,
          undefined,
        ),
      )
    })
  })
  return targets
}

/** The article's figures: each image block of the body, then the lead image. */
function figures(context: ArticleContext): Array<Target<FigureValue, undefined>> {
  const {article} = context
  const targets: Array<Target<FigureValue, undefined>> = []
  ;(article.body ?? []).forEach((block, index) => {
    if (block._type !== 'figure') return
    targets.push(target(article._id, ['body', block._key ? {_key: block._key} : index], block, undefined))
  })
  if (article.leadImage) targets.push(target(article._id, ['leadImage'], article.leadImage, undefined))
  return targets
}

const citations = (context: ArticleContext) => context.article.citations
const reviews = (context: ArticleContext) => context.article.reviews
const eachReview = (context: ArticleContext) =>
  reviews(context).map((review) => target(review._id, [], review, undefined))

/**
 * Values the source's decoder refused (a number where the schema has text, an unknown `cslType`, a title over
 * its limit): in the article or in a document it uses. The decoder left those fields out, so the rules below
 * never read them; this check is what blocks the article.
 */
const decodedValuesCheck: Check = {
  ruleId: 'invalid-value',
  severity: 'error',
  description: 'Every value has the type and size the schema gives it (checked by the source where documents enter).',
  source: 'vetted:schema',
  run: (context) =>
    (context.article.decodeFindings ?? []).map((finding) =>
      diagnostic({
        ruleId: 'invalid-value',
        severity: 'error',
        place: {documentId: finding.documentId, path: finding.segments},
        message: finding.message,
        source: 'vetted:schema',
      }),
    ),
}

export const articleChecks: readonly Check[] = [
  decodedValuesCheck,

  // What the schema marks required (Sanity runs `Rule.required()` only inside its own validation).
  check(
    'vetted:editorial',
    requiredFieldsRule,
    onArticle([], ({article}) => article),
  ),

  // The schema's field rules.
  check(
    'vetted:schema',
    slugFormatRule,
    onArticle(['slug'], ({article}) => article.slug),
  ),
  check(
    'vetted:schema',
    languageTagRule,
    onArticle(['language'], ({article}) => article.language),
  ),
  check('vetted:schema', slugUniqueRule, (context) =>
    context.slugOwners && context.article.slug
      ? [
          target(context.article._id, ['slug'], context.article.slug, {
            documentId: context.article._id,
            idsWithSameSlug: context.slugOwners.get(context.article.slug) ?? [],
          }),
        ]
      : [],
  ),
  check(
    'vetted:schema',
    summaryLengthRule,
    onArticle(['summary'], ({article}) => article.summary),
  ),
  check('vetted:schema', isoDateRule, (context) => [
    target(context.article._id, ['publishedAt'], context.article.publishedAt, undefined),
    target(context.article._id, ['lastEditedAt'], context.article.lastEditedAt, undefined),
    ...reviews(context).map((review) => target(review._id, ['reviewedOn'], review.reviewedOn, undefined)),
    ...citations(context).map((citation) => target(citation._id, ['accessed'], citation.accessed, undefined)),
  ]),
  check('vetted:schema', dateOrderRule, (context) => [
    target(context.article._id, ['lastEditedAt'], context.article.lastEditedAt, {
      publishedAt: context.article.publishedAt,
    }),
  ]),
  check('vetted:schema', authorRoleRule, (context) => [
    target(
      context.article._id,
      ['authors'],
      (context.article.authors ?? []).map((author) => (author ? reference(author._id) : null)),
      context.lookup,
    ),
  ]),
  check('vetted:schema', reviewerQualifiedRule, (context) =>
    reviews(context).map((review) =>
      target(review._id, ['reviewer'], review.reviewer ? reference(review.reviewer._id) : null, context.lookup),
    ),
  ),
  check(
    'vetted:schema',
    headingOrderRule,
    onArticle(['body'], ({article}) => article.body),
  ),
  check('vetted:schema', linkUrlRule, linkHrefs),
  check('vetted:schema', citationExistsRule, (context) => [
    target(context.article._id, ['body'], context.article.body, context.lookup),
  ]),
  check(
    'vetted:schema',
    orphanMarkerRule,
    onArticle(['body'], ({article}) => article.body),
  ),
  ...figureRules.map((rule) => check('vetted:schema', rule, figures)),
  check('vetted:schema', citationUrlRule, (context) =>
    citations(context).map((citation) => target(citation._id, ['url'], citation.url, undefined)),
  ),
  check('vetted:schema', doiFormatRule, (context) =>
    citations(context).map((citation) => target(citation._id, ['doi'], citation.doi, undefined)),
  ),
  check('vetted:schema', pmidFormatRule, (context) =>
    citations(context).map((citation) => target(citation._id, ['pmid'], citation.pmid, undefined)),
  ),
  check('vetted:schema', pmcidFormatRule, (context) =>
    citations(context).map((citation) => target(citation._id, ['pmcid'], citation.pmcid, undefined)),
  ),
  check('vetted:schema', journalAbbreviationRule, (context) =>
    citations(context).map((cited) => {
      return target(cited._id, ['containerTitleShort'], cited.containerTitleShort, undefined)
    }),
  ),
  check('vetted:schema', issuedFormatRule, (context) =>
    citations(context).map((citation) => target(citation._id, ['issued'], citation.issued, undefined)),
  ),

  // Trust metadata.
  check(
    'vetted:editorial',
    authorRequiredRule,
    onArticle(['authors'], ({article}) => article.authors),
  ),
  check('vetted:editorial', publicationDatesRule, (context) => [
    target(context.article._id, [], context.article, {asOf: context.asOf}),
  ]),
  check('vetted:editorial', reviewerPresentRule, (context) =>
    reviews(context).map((review) => target(review._id, [], review, undefined)),
  ),
  check('vetted:editorial', reviewSignerRule, eachReview),
  check('vetted:editorial', reviewUnsignedRule, eachReview),
  check('vetted:editorial', reviewTimingRule, (context) =>
    reviews(context).map((review) =>
      target(review._id, [], review, {publishedAt: context.article.publishedAt, asOf: context.asOf}),
    ),
  ),

  // Review currency.
  ...reviewCurrencyRules.map((rule) =>
    check('vetted:editorial', rule, (context) => [
      target(context.article._id, [], context.review, {asOf: context.asOf, severity: context.severity}),
    ]),
  ),

  // Sources.
  check('vetted:editorial', citationCompleteRule, (context) =>
    citations(context).map((citation) => target(citation._id, [], citation, undefined)),
  ),
  check('vetted:editorial', citationLocatorRule, (context) =>
    citations(context).map((citation) => target(citation._id, [], citation, undefined)),
  ),
  check('vetted:editorial', citationAccessedRule, (context) =>
    citations(context).map((citation) => target(citation._id, [], citation, {asOf: context.asOf})),
  ),

  // Structure and language.
  check(
    'vetted:editorial',
    emptyBlockRule,
    onArticle(['body'], ({article}) => article.body),
  ),
  check(
    'vetted:editorial',
    linkTextRule,
    onArticle(['body'], ({article}) => article.body),
  ),
  check('vetted:editorial', missingSpaceRule, proseFields),
  check('vetted:editorial', doubledWordRule, proseFields),
  check('vetted:readability', readingGradeRule, (context) => [
    target(context.article._id, ['body'], context.article.body, {audience: context.article.audience}),
  ]),
]
