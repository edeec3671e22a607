import type {ElementContent} from 'hast'
import type {BlockContent, Heading, PhrasingContent, Root, RootContent} from 'mdast'
import {defaultHandlers, type Handle, type Unsafe} from 'mdast-util-to-markdown'
import remarkFrontmatter from 'remark-frontmatter'
import remarkStringify from 'remark-stringify'
import {unified} from 'unified'
import type {CitationMarker} from '../mdast-citation.ts'
import type {ArticleModel, FigureModel, PersonModel} from '../model.ts'
import {figureCreditLine} from './figure-credit-line.ts'
import {frontMatterYaml, quoted} from './front-matter.ts'
import {IMAGES_FROM_ARTICLE} from './figure-html.ts'
import {roleLine} from './page.ts'
import {nameWithCredentials, peopleList} from './people.ts'
import {hasLineBreak, subsetMarkdown} from './markdown-subset.ts'
import {anyPattern, patternsPresentIn} from './present-patterns.ts'

/**
 * `[n]`, never escaped: bracketed text is always written `\[n]`, so a reader (our import) tells the two apart.
 * Where a marker would start a link (`[2](…)`) or a definition (`[2]:`), the next character is escaped instead:
 * mdast-util-to-markdown escapes a `(` after any `]` itself, and `MARKER_COLON` the `:`.
 */
const citationMarkerToMarkdown: Handle = (node) => `[${(node as unknown as CitationMarker).number ?? '?'}]`

/**
 * A `:` that starts a text right after a marker: `[2]\:`. `^` is where the text's node begins, so bracketed text
 * inside one text (`\[2]:`) is written as it is; after any other node that ends in `]` the escape is harmless.
 */
const MARKER_COLON: Unsafe = {
  character: ':',
  before: '^\\]',
  inConstruct: 'phrasing',
  notInConstruct: ['autolink', 'link', 'image', 'label'],
}

/**
 * GFM readers (GitHub, most sites, our own import) turn a bare `https://…` or `www.…` into a link that runs to the
 * next space or `<`, swallowing the backslash that escapes that `<`: `https://x.org/"\<script>` would become a link
 * followed by raw `<script>`. When a `<` follows later in the same text, the `:` or `.` that starts the literal is
 * escaped instead, so no link forms; ordinary addresses in the text are written as they are.
 */
const GFM_LITERAL_BEFORE_TAG: Unsafe[] = [
  // The condition is a lookahead inside `before`: an `after` would be consumed (hiding the next address in the same
  // run) and is dropped by mdast-util-to-markdown when the next character is escaped anyway (`www.*<b>`).
  // Any `<` later in the text counts, whitespace or not: a heading writes line endings and tabs as `&#xA;`, `&#x9;`,
  // which do not end the run.
  {
    character: ':',
    before: '[ps](?=:\\/\\/[^<]*<)',
    inConstruct: 'phrasing',
    notInConstruct: ['autolink', 'link', 'image', 'label'],
  },
  {
    character: '.',
    before: '[Ww](?=\\.[^<]*<)',
    inConstruct: 'phrasing',
    notInConstruct: ['autolink', 'link', 'image', 'label'],
  },
]

/**
 * mdast-util-to-markdown's own text handler, told only the unsafe patterns whose character occurs in the text (or the
 * character written just before or after it). It runs every pattern's regular expression over every text node, and
 * a pattern whose character is absent cannot match, so the output is the same; prose uses a handful of the ~85
 * patterns, and this was most of article.md's cost.
 *
 * Where not even those match (one expression, their alternation, finds nothing) and no backslash is there to
 * escape, the handler would return the text as it is: it is returned without the handler's bookkeeping. Nearly
 * every text of an article is such a text; this halved article.md's cost again.
 */
export const textWithPresentPatterns: Handle = (node, parent, state, info) => {
  const text = (node as {value?: string}).value ?? ''
  const value = `${info.before ?? ''}${text}${info.after ?? ''}`
  const present = patternsPresentIn(state.unsafe, value)
  const any = anyPattern(present, state.stack)
  if (any !== null && !value.includes('\\') && !escapesWithin(any, value, info.before?.length ?? 0, text.length)) {
    return text
  }
  const all = state.unsafe
  state.unsafe = present.patterns
  try {
    return defaultHandlers.text(node as Parameters<typeof defaultHandlers.text>[0], parent, state, info)
  } finally {
    state.unsafe = all
  }
}

/** Whether `any` finds a character to escape in `value` from `offset` on, within `length` characters. */
function escapesWithin(any: RegExp, value: string, offset: number, length: number): boolean {
  any.lastIndex = offset
  const match = any.exec(value)
  return match !== null && match.index < offset + length
}

/**
 * mdast-util-to-markdown's heading handler, without its setext test where that test cannot pass. The library asks
 * for every heading whether it must be written setext (`Title\n===`) by walking it with unist-util-visit, which
 * names a new function per node visited (8% of article.md's cost). This writer never asks for setext, so only a
 * heading of rank 1 or 2 with a line break in it can be one: those go to the library's handler; the others are
 * written ATX here exactly as it writes them.
 */
export const headingWithoutSetextWalk: Handle = (node, parent, state, info) => {
  const heading = node as Heading
  const rank = Math.max(Math.min(6, heading.depth || 1), 1)
  if (rank < 3 && hasLineBreak(heading)) return defaultHandlers.heading(heading, parent, state, info)
  const tracker = state.createTracker(info)
  const sequence = '#'.repeat(rank)
  const exit = state.enter('headingAtx')
  const subexit = state.enter('phrasing')
  tracker.move(`${sequence} `)
  let value = state.containerPhrasing(heading, {before: '# ', after: '\n', ...tracker.current()})
  const head = value.charCodeAt(0)
  // A leading tab or space would be taken for the space after `#`: written as a character reference.
  if (head === 9 || head === 32) value = `&#x${head.toString(16).toUpperCase()};${value.slice(1)}`
  value = value ? `${sequence} ${value}` : sequence
  if (state.options.closeAtx) value += ` ${sequence}`
  subexit()
  exit()
  return value
}

/** article.md's settings for mdast-util-to-markdown. */
const WRITER_OPTIONS = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  listItemIndent: 'one',
  handlers: {
    citationMarker: citationMarkerToMarkdown,
    heading: headingWithoutSetextWalk,
    text: textWithPresentPatterns,
  },
  unsafe: [...GFM_LITERAL_BEFORE_TAG, MARKER_COLON],
} satisfies Parameters<typeof remarkStringify>[0]

/** One writer for every article: its settings never change. */
const markdownWriter = unified().use(remarkFrontmatter, ['yaml']).use(remarkStringify, WRITER_OPTIONS).freeze()

let writerUnsafe: readonly Unsafe[] | undefined

/**
 * The unsafe patterns the writer escapes with (the library's, front matter's and ours), as the library lists them
 * for a document: taken from one small document written with the same settings, so the subset writer escapes (or
 * stops) by the same list.
 */
function unsafePatterns(): readonly Unsafe[] {
  if (writerUnsafe === undefined) {
    const capture: Handle = (_node, _parent, state) => {
      writerUnsafe = state.unsafe
      return ''
    }
    unified()
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkStringify, {...WRITER_OPTIONS, handlers: {...WRITER_OPTIONS.handlers, text: capture}})
      .stringify({type: 'root', children: [{type: 'paragraph', children: [{type: 'text', value: 'x'}]}]})
  }
  return writerUnsafe!
}

/** article.md as mdast-util-to-markdown writes it (what `subsetMarkdown` must equal, and its fallback). */
export function libraryMarkdown(tree: Root): string {
  return markdownWriter.stringify(tree)
}

/**
 * article.md: YAML front matter, then title, summary, takeaways, safety notice, the body (the same mdast the
 * HTML comes from, with numbered `[n]` markers), the numbered reference list and the notices.
 */
export function articleMarkdown(model: ArticleModel): string {
  const tree = articleMarkdownTree(model)
  return subsetArticleMarkdown(tree) ?? libraryMarkdown(tree)
}

/** article.md as the subset writer (`markdown-subset.ts`) writes it, or null where it leaves it to the library. */
export function subsetArticleMarkdown(tree: Root): string | null {
  return subsetMarkdown(tree, unsafePatterns())
}

/** article.md's mdast. */
export function articleMarkdownTree(model: ArticleModel): Root {
  const frontMatter = frontMatterYaml({
    title: model.title,
    slug: model.slug,
    language: model.language,
    ...(model.audience ? {audience: model.audience} : {}),
    ...(model.topics.length > 0 ? {topics: model.topics} : {}),
    summary: model.summary,
    // Names the figure under the byline as the lead image, so an import of this file sets it back (not a body figure).
    ...(model.leadImage ? {leadImage: `${IMAGES_FROM_ARTICLE}${model.leadImage.original}`} : {}),
    published: quoted(model.dates.published),
    lastEdited: quoted(model.dates.lastEdited),
    lastReviewed: quoted(model.dates.lastReviewed),
    nextReviewDue: quoted(model.dates.nextReviewDue),
    authors: model.authors.map(person),
    reviewers: model.reviewers.map(person),
    ...(model.canonicalUrl ? {url: model.canonicalUrl} : {}),
    reviewStatus: model.review.status,
    ...(model.review.claim.notice ? {reviewNotice: model.review.claim.notice} : {}),
    contentHash: model.review.contentHash,
    citationStyle: model.citationStyle,
  })
  const children: RootContent[] = [{type: 'yaml', value: frontMatter}, heading(1, model.title)]
  if (model.summary) children.push(paragraph(model.summary))
  const byline: string[] = []
  if (model.authors.length > 0) byline.push(`Written by ${peopleList(model.authors)}`)
  if (model.reviewers.length > 0) byline.push(`Medically reviewed by ${peopleList(model.reviewers)}`)
  if (byline.length > 0) children.push(paragraph(`${byline.join('. ')}.`))
  // In the body, not only in the front matter: a reader of the Markdown sees what the page says.
  if (model.review.claim.notice)
    children.push(withPolicyLink(model, labelled('Review notice:', model.review.claim.notice)))
  // Under the byline and notice, as the page's header shows it.
  if (model.leadImage) children.push(...figureMarkdown(model.leadImage))
  if (model.keyTakeaways.length > 0) {
    children.push(heading(2, 'Key takeaways'), {
      type: 'list',
      ordered: false,
      spread: false,
      children: model.keyTakeaways.map((text) => ({type: 'listItem', spread: false, children: [paragraph(text)]})),
    })
  }
  if (model.safetyNotice) children.push(labelled('Safety notice:', model.safetyNotice))
  // Shared with the HTML route, not copied: mdast-util-to-markdown only reads the tree.
  children.push(
    ...model.bodyMdast.children.flatMap((node): RootContent[] =>
      node.type === 'figure' ? (node.model ? figureMarkdown(node.model) : []) : [node],
    ),
  )
  if (model.citations.length > 0) {
    children.push(heading(2, 'References'), {
      type: 'list',
      ordered: true,
      start: 1,
      spread: false,
      // The formatted entry's own nodes, so its italics survive: `_Journal_, 21(5)`.
      children: model.citations.map((citation) => ({
        type: 'listItem',
        spread: false,
        children: [{type: 'paragraph', children: referencePhrasing(citation.children)}],
      })),
    })
  }
  children.push(...contributors(model))
  const notices = [model.notice.editorial, model.notice.disclaimer].filter((text): text is string => Boolean(text))
  const publisher = publishedBy(model)
  if (notices.length > 0 || publisher) {
    const policy = model.notice.policyUrl ? [withPolicyLink(model, {type: 'paragraph', children: []})] : []
    children.push(
      heading(2, 'About this content'),
      ...notices.map(paragraph),
      ...policy,
      ...(publisher ? [publisher] : []),
    )
  }
  return {type: 'root', children}
}

/**
 * A figure as `![alt](../../images/… "caption")`, then its credit line (`figure-credit-line.ts`) in italics on a line
 * of its own: mdast-util-to-markdown escapes the writer's words in the alt, the title and the line. The file is the
 * one with the original's own bytes when the release holds it, so a re-import names the same asset.
 */
function figureMarkdown(figure: FigureModel): BlockContent[] {
  const image: PhrasingContent = {
    type: 'image',
    url: `${IMAGES_FROM_ARTICLE}${figure.original}`,
    alt: figure.alt,
    title: figure.caption,
  }
  const credit = figureCreditLine(figure)
  return [
    {type: 'paragraph', children: [image]},
    ...(credit === null
      ? []
      : [
          {
            type: 'paragraph' as const,
            children: [{type: 'emphasis' as const, children: [{type: 'text' as const, value: credit}]}],
          },
        ]),
  ]
}

function person(value: PersonModel): Record<string, string> {
  return {
    id: value.id,
    name: value.name,
    ...(value.credentials ? {credentials: value.credentials} : {}),
    ...(value.jobTitle ? {jobTitle: value.jobTitle} : {}),
    ...(value.bio ? {bio: value.bio} : {}),
  }
}

/** As on the page: each person's name and credentials, role and job title, then the bio. */
function contributors(model: ArticleModel): BlockContent[] {
  const people = [
    ...model.authors.map((value) => ({value, role: 'Author'})),
    ...model.reviewers.map((value) => ({value, role: 'Medical reviewer'})),
  ]
  if (people.length === 0) return []
  return [
    heading(2, 'About the contributors'),
    ...people.flatMap(({value, role}): BlockContent[] => [
      {
        type: 'paragraph',
        children: [
          {type: 'strong', children: [{type: 'text', value: nameWithCredentials(value)}]},
          {type: 'text', value: ` (${roleLine(role, value.jobTitle)})`},
        ],
      },
      ...(value.bio ? [paragraph(value.bio)] : []),
    ]),
  ]
}

function publishedBy(model: ArticleModel): BlockContent | null {
  const name = model.publisher.name
  if (!name) return null
  const text: PhrasingContent = {type: 'text', value: name}
  const named: PhrasingContent = model.publisher.url ? {type: 'link', url: model.publisher.url, children: [text]} : text
  return {type: 'paragraph', children: [{type: 'text', value: 'Published by '}, named, {type: 'text', value: '.'}]}
}

/**
 * A formatted reference's hast as Markdown phrasing: `i`/`em` and `b`/`strong` kept, anything else (links
 * included) by its text, so an address is written as the entry prints it and an entry imported as written (without
 * its links) is exported the same again. GFM readers link bare addresses themselves.
 */
function phrasing(nodes: readonly ElementContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    if (node.type === 'text') out.push({type: 'text', value: node.value})
    else if (node.type !== 'element') continue
    else if (['i', 'em'].includes(node.tagName)) out.push({type: 'emphasis', children: phrasing(node.children)})
    else if (['b', 'strong'].includes(node.tagName)) out.push({type: 'strong', children: phrasing(node.children)})
    else out.push(...phrasing(node.children))
  }
  return mergeTexts(out)
}

/**
 * A reference entry's phrasing, italics kept. An entry with a `<` anywhere is written as one plain text instead: the
 * escaping of a literal web address (`GFM_LITERAL_BEFORE_TAG`) looks ahead within its own text node only, and a `<`
 * across an emphasis boundary from an address would follow it unescaped, which a GFM reader takes as raw HTML.
 */
function referencePhrasing(nodes: readonly ElementContent[]): PhrasingContent[] {
  const content = phrasing(nodes)
  const plain = textOf(nodes)
  return plain.includes('<') ? [{type: 'text', value: plain}] : content
}

function textOf(nodes: readonly ElementContent[]): string {
  return nodes
    .map((node) => (node.type === 'text' ? node.value : node.type === 'element' ? textOf(node.children) : ''))
    .join('')
}

/**
 * One text node per run of text (an entry's link, say, is flattened into the text around it), so escaping sees a
 * run whole. It does not cover a `<` across an emphasis boundary: `referencePhrasing` is what keeps those safe.
 */
function mergeTexts(nodes: PhrasingContent[]): PhrasingContent[] {
  const out: PhrasingContent[] = []
  for (const node of nodes) {
    const last = out.at(-1)
    if (node.type === 'text' && last?.type === 'text')
      out[out.length - 1] = {type: 'text', value: last.value + node.value}
    else out.push(node)
  }
  return out
}

function heading(depth: 1 | 2, text: string): BlockContent {
  return {type: 'heading', depth, children: [{type: 'text', value: text}]}
}

/** `**Label:** text`, as the page writes its notices. */
function labelled(label: string, text: string): BlockContent {
  return {
    type: 'paragraph',
    children: [
      {type: 'strong', children: [{type: 'text', value: label}]},
      {type: 'text', value: ` ${text}`},
    ],
  }
}

function paragraph(text: string): BlockContent {
  return {type: 'paragraph', children: [{type: 'text', value: text}]}
}

/** The paragraph with " Read our editorial policy." linked to the policy URL, as the page writes it. */
function withPolicyLink(model: ArticleModel, block: BlockContent): BlockContent {
  const url = model.notice.policyUrl
  if (!url || block.type !== 'paragraph') return block
  const link = {type: 'link' as const, url, children: [{type: 'text' as const, value: 'Read our editorial policy'}]}
  const lead = block.children.length > 0 ? [{type: 'text' as const, value: ' '}] : []
  return {...block, children: [...block.children, ...lead, link, {type: 'text', value: '.'}]}
}
