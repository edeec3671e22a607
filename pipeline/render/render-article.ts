import type {Element, ElementContent, Root as HastRoot} from 'hast'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {Root as MdastRoot} from 'mdast'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {bodyReadability} from '../../schemas/rules/editorial/body-readability.ts'
import {assertAllowed} from './assert-allowed.ts'
import {citationToCsl} from './citations/csl-json.ts'
import {formatReferences} from './citations/format-reference-list.ts'
import {articleJsonPieces, articleJsonValue} from './formats/article-json.ts'
import {isoDay} from './formats/dates.ts'
import {articleMarkdown} from './formats/markdown.ts'
import {hastToPlainText, pageAndBodyText, type PlainTextOptions} from './formats/plain-text.ts'
import {fragmentReviewHtml} from './formats/review-html.ts'
import {eachElement} from './each-element.ts'
import {citationMarkerToHast, deferredBodyToHast, figureToHast, withDeferredBody} from './mdast-to-hast-handlers.ts'
import type {ArticleModel, CitationModel, FigureModel, PersonModel} from './model.ts'
import {pageDocument} from './page-document.ts'
import {figureFields} from './portable-text-to-mdast/handlers/figure.ts'
import {portableTextToMdast} from './portable-text-to-mdast/index.ts'
import {resolveFigures, resolveLeadImage} from './resolve-figures.ts'
import {rehypeHeadingIds} from './rehype-heading-ids.ts'
import {REFERENCES_HEADING_ID, rehypeReferenceList} from './rehype-reference-list.ts'
import {remarkNumberCitations} from './remark-number-citations.ts'
import {reviewClaim} from './review-claim.ts'
import {articleUrl, citationUrl, webUrl} from './site-url.ts'
import {fragmentSanitizeSchema} from './sanitize-schema.ts'
import type {CitationStyle, FigureImage, RenderedArticle, RenderInput, RenderOptions, SourcePerson} from './types.ts'

/** Ids the page shell uses outside the fragment; body headings must not take them. */
const PAGE_IDS = ['content', 'key-takeaways', 'about-this-content']

/**
 * Renders one article into the five bundle files. The whole route, in order:
 *
 *   Portable Text ─portableTextToMdast─► mdast ─remarkNumberCitations─► mdast (numbered markers)
 *     ├─ remark-rehype ─► hast ─rehypeReferenceList (entries: citeproc's HTML, sanitized)─► ─rehypeHeadingIds─►
 *     │     ─assertAllowed─► fragment
 *     │     └─ page shell (byline, dates, notices, JSON-LD) ─assertAllowed─► index.html ─► article.txt
 *     └─ markdown-subset (remark-stringify where it stops) (+ front matter) ─► article.md
 *   and article.json from the same model.
 *
 * Content problems become messages; nothing here reads files, the clock or the network, so the Studio preview runs
 * it as is and the same input always gives the same bytes.
 */
export async function renderArticle(input: RenderInput, options: RenderOptions = {}): Promise<RenderedArticle> {
  const {article} = input
  const file = new VFile({path: article._id})
  const style: CitationStyle = input.citationStyle ?? input.settings?.citationStyle ?? 'apa'
  const locale = options.citationLocale ?? 'en-US'

  const bodyMdast = portableTextToMdast(article.body, file)
  const citationsById = new Map(article.citations.map((citation) => [citation._id, citation]))
  // Our own transformer, called as a processor would call it: it numbers the markers in place.
  remarkNumberCitations({available: new Set(citationsById.keys())})(bodyMdast, file)
  const images = input.images ?? {}
  const figures = resolveFigures(bodyMdast, images, file)
  const leadImage = leadFigure(article, images, file)

  const cited = (file.data.citations ?? []).map(({number, id}) => ({
    number,
    id,
    source: citationsById.get(id)!,
    csl: citationToCsl(citationsById.get(id)!),
  }))
  // A source without a title but with its text as written is shown as written; the others are formatted in one call.
  const asWritten = cited.map(({source, csl}) => (!csl.title && source.rawText ? source.rawText : null))
  const formatted = await formatReferences(
    cited.filter((_, index) => asWritten[index] === null).map(({csl}) => csl),
    style,
    locale,
  )
  let nextFormatted = 0
  const citations: CitationModel[] = cited.map(({number, id, csl}, index) => {
    const rawText = asWritten[index]
    const {children, text} = rawText
      ? {children: [{type: 'text' as const, value: rawText}], text: rawText}
      : formatted[nextFormatted++]!
    // The cached nodes are shared and frozen; the list around them is this article's.
    const url = citationUrl(csl)
    const pubmedOnly = !csl.DOI && !csl.URL && url !== null
    const entry = pubmedOnly ? withLink([...children], url) : [...children]
    return {number, id, csl, text, html: '', url, children: sanitizedEntry(entry)}
  })
  const places = new Map((file.data.citations ?? []).map((entry) => [entry.number, entry.places]))

  const fragment = (await unified()
    .use(remarkRehype, {
      handlers: {citationMarker: citationMarkerToHast, deferredBody: deferredBodyToHast, figure: figureToHast},
    })
    .use(rehypeReferenceList, {
      entries: citations.map(({number, children}) => ({number, places: places.get(number) ?? 1, children})),
    })
    .use(rehypeHeadingIds, {reserved: PAGE_IDS})
    // mdast-util-to-hast builds a new tree and never writes to the mdast, so the Markdown writer can share it.
    .run(withDeferredBody(bodyMdast), file)) as HastRoot
  assertAllowed(fragment, fragmentSanitizeSchema, 'article fragment')

  const entries = referenceEntries(fragment)
  for (const citation of citations) citation.html = toHtml(referenceEntry(entries, citation.number))

  const model = buildModel(input, style, bodyMdast, fragment, citations, {leadImage, figures})
  const fragmentHtml = toHtml(fragment)
  const page = pageDocument(model, fragmentHtml)
  // article.txt (the page laid out) and article.json's body text (the body without its reference list) in one walk.
  const texts = pageAndBodyText(page.tree, withoutReferences(fragment).children, {
    ...TEXT_LAYOUT,
    baseUrl: model.publisher.url ?? undefined,
  })

  const json = articleJsonValue({
    model,
    portableText: article.body,
    html: fragmentHtml,
    text: texts.body,
    // The same measurement as validation's reading-grade rule (of the Portable Text), made once per article.
    readability: bodyReadability(article.body).readability,
  })
  const pieces = {
    'index.html': [...page.pieces, '\n'],
    'fragment.html': [fragmentReviewHtml(model), fragmentHtml, '\n'],
    'article.json': articleJsonPieces(json),
  }
  return {
    files: {
      'index.html': joined(pieces['index.html']),
      'fragment.html': joined(pieces['fragment.html']),
      'article.txt': texts.page,
      'article.md': articleMarkdown(model),
      'article.json': joined(pieces['article.json']),
    },
    pieces,
    articleJson: json,
    messages: [...file.messages],
  }
}

/** The pieces as one text: concatenated, not `join`ed, so that the text stays a rope until something reads it. */
function joined(pieces: readonly string[]): string {
  let text = ''
  for (const piece of pieces) text += piece
  return text
}

/**
 * article.txt reads as an e-mail body: link addresses written out (relative ones under the publisher's URL),
 * headings underlined, 72 columns.
 */
const TEXT_LAYOUT: PlainTextOptions = {linkAddresses: true, headingRules: true, width: 72}

function buildModel(
  input: RenderInput,
  style: CitationStyle,
  bodyMdast: MdastRoot,
  fragment: HastRoot,
  citations: CitationModel[],
  {leadImage, figures}: Pick<ArticleModel, 'leadImage' | 'figures'>,
): ArticleModel {
  const {article, review, settings} = input
  const reviewer = review.approvedReview?.reviewer
  const claim = reviewClaim(review, reviewer ? [person(reviewer)] : [])
  return {
    id: article._id,
    revision: article._rev,
    slug: article.slug ?? article._id,
    title: article.title?.trim() || 'Untitled article',
    summary: article.summary?.trim() || null,
    language: article.language?.trim() || 'en',
    audience: article.audience ?? null,
    topics: (article.topics ?? []).filter((topic) => topic.trim() !== ''),
    keyTakeaways: (article.keyTakeaways ?? []).filter((takeaway) => takeaway.trim() !== ''),
    safetyNotice: article.safetyNotice?.trim() || null,
    authors: (article.authors ?? []).map(person),
    reviewers: reviewer && claim.current ? [person(reviewer)] : [],
    dates: {
      published: isoDay(article.publishedAt),
      lastEdited: isoDay(article.lastEditedAt),
      lastReviewed: claim.current ? review.lastReviewed : null,
      nextReviewDue: claim.current ? review.nextReviewDue : null,
    },
    review: {
      status: review.status,
      contentHash: input.contentHash,
      reviewedContentHash: review.reviewedContentHash,
      claim,
    },
    notice: {
      editorial: settings?.editorialNotice?.trim() || null,
      disclaimer: settings?.disclaimer?.trim() || null,
      policyUrl: webUrl(settings?.editorialPolicyUrl),
    },
    // Like the other addresses in settings: one that is not http(s) is left out of every format (the Studio refuses it).
    publisher: {name: settings?.publisherName?.trim() || null, url: webUrl(settings?.publisherUrl)},
    canonicalUrl: articleUrl(settings?.siteUrl, article.slug ?? article._id),
    citationStyle: style,
    citations,
    leadImage,
    figures,
    outline: outline(fragment),
    datasetLabel: input.datasetLabel,
    bodyMdast,
    fragment,
  }
}

/** The article's lead image (a `figure` field beside the body), resolved as body figures are. */
function leadFigure(
  article: RenderInput['article'],
  images: Readonly<Record<string, FigureImage>>,
  file: VFile,
): FigureModel | null {
  const lead = (article as {leadImage?: unknown}).leadImage
  if (typeof lead !== 'object' || lead === null) return null
  const ref = (lead as {asset?: {_ref?: unknown}}).asset?._ref
  return resolveLeadImage(
    figureFields(lead as Record<string, unknown>),
    typeof ref === 'string' ? ref : null,
    images,
    file,
  )
}

function person(value: SourcePerson): PersonModel {
  return {
    id: value._id,
    name: value.name?.trim() || 'Unnamed author',
    credentials: value.credentials?.trim() || null,
    jobTitle: value.jobTitle?.trim() || null,
    bio: value.bio?.trim() || null,
  }
}

/** Body headings (not the reference list's) in document order; a heading without words is nothing to go to. */
function outline(fragment: HastRoot): ArticleModel['outline'] {
  const items: ArticleModel['outline'] = []
  eachElement(withoutReferences(fragment), (node) => {
    const level = /^h([2-6])$/.exec(node.tagName)?.[1]
    const text = level ? hastToPlainText(node).trim() : ''
    const id = node.properties.id
    if (level && text !== '' && typeof id === 'string') items.push({level: Number(level), text, id})
  })
  return items
}

function withoutReferences(fragment: HastRoot): HastRoot {
  return {
    ...fragment,
    children: fragment.children.filter(
      (node) =>
        !(
          node.type === 'element' &&
          Array.isArray(node.properties.ariaLabelledBy) &&
          node.properties.ariaLabelledBy.includes(REFERENCES_HEADING_ID)
        ),
    ),
  }
}

/** The reference list's entries by id, found in one walk (a walk per citation was 7% of an export's CPU). */
function referenceEntries(fragment: HastRoot): Map<string, Element> {
  const entries = new Map<string, Element>()
  eachElement(fragment, (node) => {
    // The last element with an id wins, as when each entry was searched for on its own.
    if (node.tagName === 'li' && typeof node.properties.id === 'string') entries.set(node.properties.id, node)
  })
  return entries
}

/** A reference list entry's content without its back-links, for article.json. */
function referenceEntry(entries: Map<string, Element>, number: number): HastRoot {
  // A new list of the entry's own nodes, not a copy of them: they are only serialised.
  const children = entries
    .get(`ref-${number}`)!
    .children.filter(
      (child) =>
        !(
          child.type === 'element' &&
          child.tagName === 'a' &&
          Array.isArray(child.properties.className) &&
          child.properties.className.includes('citation-backlink')
        ),
    )
  while (children.at(-1)?.type === 'text' && (children.at(-1) as {value: string}).value.trim() === '') children.pop()
  return {type: 'root', children}
}

/**
 * A formatted reference is the one part of an article made from foreign HTML (citeproc's output, from the source's
 * fields as written), so it is sanitized with the fragment's schema before it joins the tree the renderer builds;
 * the rest of the tree is only checked (`assertAllowed`). Sanitized on its own, an entry keeps what it would keep
 * inside the reference list, except an `<li>` (the schema wants it in a list), which citeproc never writes.
 */
function sanitizedEntry(children: ElementContent[]): ElementContent[] {
  return (sanitize({type: 'root', children}, fragmentSanitizeSchema) as HastRoot).children as ElementContent[]
}

/**
 * A PubMed-only source (no DOI, no URL) gets its PubMed address appended unless its entry already links: the styles
 * print the PMID as text, if at all. DOI and URL links come from the citation styles themselves.
 */
function withLink(children: CitationModel['children'], url: string | null): CitationModel['children'] {
  let linked = false
  eachElement({type: 'root', children}, (node) => void (linked ||= node.tagName === 'a'))
  if (url === null || linked) return children
  return [...children, {type: 'text', value: ' '}, h('a', {href: url}, url)]
}
