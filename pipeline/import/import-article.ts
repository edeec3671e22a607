import path from 'node:path'
import type {List, ListItem, Nodes} from 'mdast'
import type {VFile} from 'vfile'
import {hashKey} from './ids.ts'
import {hashOfArticle} from '../source/article-hash.ts'
import {citationId, matchCitation, structureReference, type ImportedCitation} from './citations.ts'
import {applyDocuments, type DatasetDocument} from './dataset.ts'
import {readFrontMatter, type CitationStyle, type FrontMatter, type PersonEntry} from './front-matter.ts'
import {definitionsOf} from './definitions.ts'
import {FIGURE_ASSET_PREFIX, mdastToPortableText} from './mdast-to-portable-text.ts'
import {loadImages} from './load-images.ts'
import {importMessage} from './messages.ts'
import {parseMarkdown} from './parse-markdown.ts'
import {IMPORTABLE_ROLES, resolvePerson} from './people.ts'
import {plainText} from './plain-text.ts'
import {articleSections, type ArticleSections} from './sections.ts'
import {slugify} from '../../domain/slug.ts'

export interface ArticleImport {
  /** The documents the file gives, in the order they are written: people, citations, the article, its review. */
  documents: DatasetDocument[]
  /** Null when the file cannot become an article (reported as an error on the file). */
  articleId: string | null
  /** The image files the article's figures name, to be written to the dataset's `images/` folder. */
  images: ImportedImage[]
}

/** An image file read for a figure: its bytes, exactly as hashed, and its name in the dataset's `images/` folder. */
export interface ImportedImage {
  name: string
  /** Where it was read from (absolute, symbolic links followed). */
  source: string
  bytes: Uint8Array
}

/** The article fields an import writes; any other field of an existing article is kept. */
const ARTICLE_FIELDS = [
  'title',
  'slug',
  'summary',
  'language',
  'audience',
  'topics',
  'keyTakeaways',
  'body',
  'safetyNotice',
  'authors',
  'publishedAt',
  'lastEditedAt',
]

/**
 * One Markdown file → the documents of one article, matched against `dataset` (people by id, slug or name;
 * citations by DOI, PMID, PMCID, URL or text; the article by slug) so that nothing is duplicated and importing the
 * same file twice changes nothing. Every finding is a message on `file`, with its line.
 */
export interface ImportArticleOptions {
  /**
   * Turn a reviewer and `lastReviewed` in the front matter into an `imported` review record (a migrated past review),
   * reported per file. Without it the article is imported as never reviewed: a file cannot grant a sign-off.
   * @defaultValue false
   */
  acceptReviewRecords?: boolean
  /**
   * The import root: image files are read only from under it (symbolic links followed), so a Markdown file cannot
   * make the import copy files from elsewhere into a dataset. Image paths are relative to the Markdown file.
   * @defaultValue the file's `cwd` (the working directory)
   */
  imageRoot?: string
}

export async function importArticle(
  file: VFile,
  dataset: readonly DatasetDocument[],
  options: ImportArticleOptions = {},
): Promise<ArticleImport> {
  const tree = parseMarkdown(file)
  const source = String(file.value)
  const yaml = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined
  const front = readFrontMatter(yaml, file)
  const sections = articleSections(tree.children, front.summary, front.leadImage)
  const report = (reason: string, ruleId: string, node?: Nodes, level?: 'info' | 'warning' | 'error') =>
    importMessage(file, reason, {ruleId, node: node ?? null, ...(level ? {level} : {})})

  const headingTitle = sections.titleHeading ? plainText(sections.titleHeading).trim() : undefined
  const title = front.title ?? headingTitle
  if (front.title && headingTitle !== undefined && headingTitle !== front.title) {
    report(
      `The level-1 heading “${headingTitle}” differs from the front matter title “${front.title}”: the front matter title is imported. Make them the same.`,
      'title-mismatch',
      sections.titleHeading,
    )
  }
  const slug = front.slug ?? (title ? slugify(title) : '')
  if (!slug) {
    report(
      'The file has no title (no `title:` in the front matter and no `#` heading) and no slug, so it cannot be imported. Add a title.',
      'title-missing',
      undefined,
      'error',
    )
    return {documents: [], articleId: null, images: []}
  }
  if (!title)
    report(
      'The article has no title: add `title:` to the front matter or a `#` heading at the top.',
      'title-missing',
      undefined,
      'error',
    )

  const settings = dataset.find((document) => document._id === 'settings')
  const style: CitationStyle =
    front.citationStyle ?? (isStyle(settings?.citationStyle) ? settings.citationStyle : 'apa')
  const existingArticle = dataset.find(
    (document) => document._type === 'article' && isPublished(document._id) && slugOf(document) === slug,
  )
  const articleId = existingArticle?._id ?? `article.${slug}`

  const documents: DatasetDocument[] = []
  const put = (document: DatasetDocument) => {
    const index = documents.findIndex((candidate) => candidate._id === document._id)
    if (index === -1) documents.push(document)
    else documents[index] = document
  }
  const working = () => applyDocuments(dataset, documents).documents

  const people = (entries: PersonEntry[], field: string) =>
    entries.map((entry) => {
      const resolved = resolvePerson(entry, working())
      const known = documents.find((document) => document._id === resolved.document._id)
      if (known && !dataset.some((document) => document._id === known._id)) {
        // Made by this import a moment ago (an author who also reviews): one person, never a medical reviewer.
        const roles = entry.roles.filter((role) => IMPORTABLE_ROLES.includes(role))
        known.roles = [...new Set([...(Array.isArray(known.roles) ? known.roles : []), ...roles])]
        return known._id
      }
      if (resolved.conflicts.length > 0) {
        report(
          `${entry.name} is already in the dataset with a different ${resolved.conflicts.join(' and ')}; the dataset’s is kept. Change it on the person in Studio if the file is right.`,
          'person-differs',
          yaml,
          'info',
        )
      }
      if (resolved.missingRoles.length > 0) {
        const which = resolved.missingRoles.map(roleName).join(' or ')
        report(
          resolved.matched
            ? `${entry.name} is listed under \`${field}\` but is not a ${which} in the dataset; an import never ` +
                'grants a role. Ask an editor to add the role in Studio.'
            : `${entry.name} is imported as a new person without the ${which} role; an import never grants a role. ` +
                'Ask an editor to add the role in Studio once their qualification is checked.',
          'person-role',
          yaml,
        )
      }
      put(resolved.document)
      return resolved.document._id
    })
  const authorIds = people(front.authors, 'authors')
  if (front.reviewers.length > 1) {
    report(
      `Only one reviewer per review date is imported: ${front.reviewers
        .slice(1)
        .map((entry) => entry.name)
        .join(', ')} ${front.reviewers.length > 2 ? 'are' : 'is'} not. Record their reviews in Studio.`,
      'reviewer-extra',
      yaml,
    )
  }
  const [reviewerId] = people(front.reviewers.slice(0, 1), 'reviewer')
  if (sections.byline && front.authors.length === 0) {
    report(
      'The byline (“Written by …”) is not read: add the people to the front matter as `authors:` and `reviewer:`.',
      'byline',
      sections.byline,
    )
  }

  const citationFor = referenceResolver(sections, front, style, file, working, put)
  const definitions = definitionsOf(tree)
  if (front.leadImage !== undefined && sections.leadImage === undefined)
    report(
      `The front matter names \`${front.leadImage}\` as the lead image, but the image under the byline is not that file: no lead image is imported. Put \`![alt](${front.leadImage} "caption")\` on a line of its own under the byline, or set the lead image in Studio.`,
      'lead-image-placement',
      yaml,
    )
  const leadNodes = sections.leadImage ?? []
  const images = await loadImages([...leadNodes, ...sections.body], {
    folder: path.resolve(file.cwd, file.dirname ?? '.'),
    root: path.resolve(file.cwd, options.imageRoot ?? '.'),
    cwd: file.cwd,
    definitions,
  })
  const blocks = {file, source, documentId: articleId, citationFor: citationFor.resolve, definitions, images}
  const body = mdastToPortableText(sections.body, blocks)
  const lead = mdastToPortableText(leadNodes, blocks)
  const leadImage = lead.find((block) => block._type === 'figure')
  const {_key: _leadKey, ...leadFigure} = leadImage ?? {_key: ''}
  citationFor.reportUncited()
  if (body.length === 0) report('The article has no body text.', 'body-empty', undefined, 'error')

  const keyTakeaways = pick(
    front.keyTakeaways,
    sections.keyTakeaways?.items,
    'key takeaways',
    sections.keyTakeaways?.heading,
  )
  const safetyNotice = pick(
    front.safetyNotice,
    sections.safetyNotice?.text,
    'safety notice',
    sections.safetyNotice?.paragraph,
  )
  function pick<T>(
    fromFront: T | undefined,
    fromBody: T | undefined,
    name: string,
    node: Nodes | undefined,
  ): T | undefined {
    if (fromFront !== undefined && fromBody !== undefined && JSON.stringify(fromFront) !== JSON.stringify(fromBody)) {
      report(
        `The ${name} in the front matter and in the text differ: the front matter’s are imported. Keep one of them.`,
        'duplicate-field',
        node,
      )
    }
    return fromFront ?? fromBody
  }
  checkNotices(sections, settings, file)

  const imported: DatasetDocument = {
    _id: articleId,
    _type: 'article',
    ...(title ? {title} : {}),
    slug: {_type: 'slug', current: slug},
    ...(front.summary ? {summary: front.summary} : {}),
    ...(front.language ? {language: front.language} : {}),
    ...(front.audience ? {audience: front.audience} : {}),
    ...(front.topics ? {topics: front.topics} : {}),
    ...(keyTakeaways && keyTakeaways.length > 0 ? {keyTakeaways} : {}),
    ...(leadImage ? {leadImage: leadFigure} : {}),
    body,
    ...(safetyNotice ? {safetyNotice} : {}),
    authors: authorIds.map((id, index) => ({
      _type: 'reference',
      _ref: id,
      _key: hashKey(`${articleId}/authors/${index}`),
    })),
    ...(front.published ? {publishedAt: front.published} : {}),
    ...(front.lastEdited ? {lastEditedAt: front.lastEdited} : {}),
  }
  put(existingArticle ? mergeArticle(existingArticle, imported) : imported)

  const accept = options.acceptReviewRecords === true
  const review = await reviewDocument({front, reviewerId, articleId, slug, documents: working(), file, yaml, accept})
  if (review) put(review)
  const named = new Set(
    [...lead, ...body].flatMap((block) => (block._type === 'figure' && block._sanityAsset ? [block._sanityAsset] : [])),
  )
  const files = new Map<string, ImportedImage>()
  for (const load of images.values()) {
    if (load.kind === 'asset' && named.has(`${FIGURE_ASSET_PREFIX}${load.asset.name}`))
      files.set(load.asset.name, {name: load.asset.name, source: load.absolute, bytes: load.bytes})
  }
  return {documents, articleId, images: [...files.values()]}
}

interface ReferenceEntry {
  text: string
  links: string[]
  /** The entry's italic runs (`_Journal_`), which tell apart readings that differ only there. */
  emphasis: string[]
  node: ListItem
}

/** `[n]` → the citation document of entry n of the reference list, found or made on first use. */
function referenceResolver(
  sections: ArticleSections,
  front: FrontMatter,
  style: CitationStyle,
  file: VFile,
  working: () => DatasetDocument[],
  put: (document: DatasetDocument) => void,
) {
  const entries = new Map<number, ReferenceEntry>()
  const list: List | undefined = sections.references?.list
  if (list) {
    const start = list.ordered && typeof list.start === 'number' ? list.start : 1
    list.children.forEach((item, index) => {
      const links: string[] = []
      collectLinks(item, links)
      const emphasis: string[] = []
      collectEmphasis(item, emphasis)
      entries.set(start + index, {text: plainText(item).replace(/\s+/g, ' ').trim(), links, emphasis, node: item})
    })
  }
  for (const node of sections.references?.other ?? []) {
    const text = plainText(node).trim()
    importMessage(
      file,
      `The “References” section holds something other than its numbered list${text ? ` (“${text.slice(0, 60)}”)` : ''}; it is not imported. Put each reference in the numbered list.`,
      {
        ruleId: 'references-content',
        node,
      },
    )
  }
  const resolved = new Map<number, string | null>()
  return {
    resolve(number: number): string | null {
      const known = resolved.get(number)
      if (known !== undefined) return known
      const entry = entries.get(number)
      let id: string | null = null
      if (entry && entry.text !== '') {
        const structured = structureReference(entry.text, entry.links, style, front.exported, entry.emphasis)
        const match = matchCitation(structured.citation, working(), style)
        if (match) {
          id = match._id
          put(match)
        } else {
          id = citationId(structured.citation)
          put({_id: id, _type: 'citation', ...withAuthorKeys(id, structured.citation)})
          if (structured.quality === 'identifiers') {
            const found = ['doi', 'pmid', 'pmcid', 'url', 'issued'].filter(
              (field) => structured.citation[field as 'doi'],
            )
            importMessage(
              file,
              `Reference ${number} (“${excerpt(entry.text)}”) could not be read into author, date and title${found.length > 0 ? ` (only its ${found.map((field) => (field === 'issued' ? 'year' : field.toUpperCase())).join(', ')} could be)` : ''}: it is imported as written. Fill in its title and authors in Studio.`,
              {ruleId: 'reference-unstructured', node: entry.node},
            )
          } else if (
            structured.quality === 'read' &&
            structured.formatted !== undefined &&
            structured.formatted !== entry.text
          ) {
            importMessage(
              file,
              `Reference ${number} is imported as a structured citation and will read, in ${style.toUpperCase()} style: “${structured.formatted}”. Check it in Studio.`,
              {
                ruleId: 'reference-restyled',
                node: entry.node,
                level: 'info',
              },
            )
          }
        }
      }
      resolved.set(number, id)
      return id
    },
    reportUncited(): void {
      for (const [number, entry] of entries) {
        if (!resolved.has(number)) {
          importMessage(
            file,
            `Reference ${number} is not cited anywhere in the text (no [${number}]), so it is not imported. Cite it or remove it.`,
            {ruleId: 'reference-uncited', node: entry.node},
          )
        }
      }
    },
  }
}

async function reviewDocument(input: {
  front: FrontMatter
  reviewerId: string | undefined
  articleId: string
  slug: string
  documents: DatasetDocument[]
  file: VFile
  yaml: Nodes | undefined
  accept: boolean
}): Promise<DatasetDocument | null> {
  const {front, reviewerId, articleId, documents, file, yaml} = input
  const date = front.lastReviewed
  if (!reviewerId && !date) return null
  if (!reviewerId || !date) {
    importMessage(
      file,
      reviewerId
        ? 'A reviewer is named but no `lastReviewed` date is given, so no review is recorded. Add the date of the review.'
        : '`lastReviewed` is given but no `reviewer`, so no review is recorded. Name the medical reviewer.',
      {
        ruleId: 'review-incomplete',
        node: yaml ?? null,
      },
    )
    return null
  }
  const existing = documents.find(
    (document) =>
      document._type === 'review' &&
      isPublished(document._id) &&
      refOf(document.article) === articleId &&
      document.reviewedOn === date &&
      document.outcome === 'approved',
  )
  if (existing) {
    if (refOf(existing.reviewer) !== reviewerId) {
      importMessage(
        file,
        `The dataset already records an approval of this article on ${date} by someone else (${refOf(existing.reviewer)}); it is kept, and no second review is added.`,
        {ruleId: 'review-differs', node: yaml ?? null},
      )
    }
    return existing
  }
  if (front.reviewStatus === 'edited-since-review') {
    importMessage(
      file,
      `The file says the article was edited after its review on ${date}, so that review did not cover this text and no review is recorded. Ask the reviewer to sign off the imported article.`,
      {
        ruleId: 'review-not-of-this-text',
        node: yaml ?? null,
      },
    )
    return null
  }
  if (!input.accept) {
    importMessage(
      file,
      `The file names a review (${front.reviewers[0]?.name ?? 'a reviewer'}, ${date}), but a file cannot record a ` +
        'sign-off: the article is imported as never reviewed. Ask the reviewer to sign off in Studio, or import past ' +
        'review records with --accept-review-records.',
      {ruleId: 'review-not-imported', node: yaml ?? null},
    )
    return null
  }
  importMessage(
    file,
    `Review record accepted (--accept-review-records): ${front.reviewers[0]?.name ?? reviewerId} on ${date} is ` +
      'imported as a past review (provenance “imported”) of the text as imported. It supports a “Medically reviewed ' +
      'by” claim only if that person is a medical reviewer in the dataset.',
    {ruleId: 'review-record-imported', node: yaml ?? null, level: 'info'},
  )
  let id = `review.${input.slug}.${date}`
  if (documents.some((document) => document._id === id)) id = `${id}.${reviewerId.replace(/^person\./, '')}`
  return {
    _id: id,
    _type: 'review',
    article: {_type: 'reference', _ref: articleId},
    reviewer: {_type: 'reference', _ref: reviewerId},
    reviewedOn: date,
    outcome: 'approved',
    contentHash: await hashOfArticle(documents, articleId),
    provenance: 'imported',
  }
}

/** The dataset's article with the imported fields; a date the file gives as the same day keeps the dataset's time. */
function mergeArticle(existing: DatasetDocument, imported: DatasetDocument): DatasetDocument {
  const merged: DatasetDocument = {...existing}
  for (const field of ARTICLE_FIELDS) delete merged[field]
  Object.assign(merged, imported)
  for (const field of ['publishedAt', 'lastEditedAt']) {
    const before = existing[field]
    const after = imported[field]
    if (typeof before === 'string' && typeof after === 'string' && before.startsWith(after)) merged[field] = before
  }
  return merged
}

function checkNotices(sections: ArticleSections, settings: DatasetDocument | undefined, file: VFile): void {
  if (!sections.notices) return
  const expected = [settings?.editorialNotice, settings?.disclaimer]
    .filter((text): text is string => typeof text === 'string' && text.trim() !== '')
    .map((text) => text.trim())
  const same =
    sections.notices.paragraphs.length === expected.length &&
    sections.notices.paragraphs.every((text, index) => text === expected[index])
  if (!same) {
    importMessage(
      file,
      '“About this content” is the publisher’s notice, kept once in Settings and added by the export; it is not imported with the article, and it differs from the Settings text. Change it in Settings if the file is right.',
      {
        ruleId: 'publisher-notice',
        node: sections.notices.heading,
        level: 'info',
      },
    )
  }
}

function withAuthorKeys(id: string, citation: ImportedCitation): Record<string, unknown> {
  if (!citation.authors) return {...citation}
  return {
    ...citation,
    authors: citation.authors.map((name, index) => ({
      _type: 'cslName',
      _key: hashKey(`${id}/authors/${index}`),
      ...name,
    })),
  }
}

function collectEmphasis(node: Nodes, runs: string[]): void {
  if (node.type === 'emphasis') runs.push(plainText(node).replace(/\s+/g, ' ').trim())
  else if ('children' in node) for (const child of node.children as Nodes[]) collectEmphasis(child, runs)
}

function collectLinks(node: Nodes, links: string[]): void {
  if (node.type === 'link') links.push(node.url)
  if ('children' in node) for (const child of node.children as Nodes[]) collectLinks(child, links)
}

function excerpt(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}

function roleName(role: string): string {
  return role === 'medicalReviewer' ? 'medical reviewer' : role
}

function slugOf(document: DatasetDocument): string | undefined {
  const slug = document.slug
  return typeof slug === 'object' && slug !== null && 'current' in slug && typeof slug.current === 'string'
    ? slug.current
    : undefined
}

function refOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && '_ref' in value && typeof value._ref === 'string'
    ? value._ref
    : undefined
}

function isPublished(id: string): boolean {
  return !id.startsWith('drafts.') && !id.startsWith('versions.')
}

function isStyle(value: unknown): value is CitationStyle {
  return value === 'apa' || value === 'vancouver' || value === 'ama'
}
