import type {SourceArticle, SourceSettings} from '../../pipeline/source/types.ts'
import type {Article} from '../../schemas/sanity.types.ts'

/**
 * What the preview needs beyond the edited document: its authors, the published citations it cites, its
 * sign-offs and the settings — projected exactly as `articleQuery` projects them, so the preview renders what
 * the export would.
 */
export const previewSourcesQuery = `{
  "authors": *[_type == "person" && _id in $authorIds && !(_id in path("drafts.**"))]{_id, name, "slug": slug.current, roles, credentials, jobTitle, bio},
  "citations": *[_type == "citation" && _id in $citationIds && !(_id in path("drafts.**"))] | order(_id asc) {
    _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
    volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
  },
  "images": *[_type == "sanity.imageAsset" && _id in $imageIds] | order(_id asc) {
    _id, sha1hash, extension, mimeType, size, "width": metadata.dimensions.width,
    "height": metadata.dimensions.height, url
  },
  "reviews": *[_type == "review" && article._ref == $articleId && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(reviewedOn desc, _id asc) {
    _id, reviewedOn, outcome, contentHash, provenance, "signerId": signedBy.userId,
    "reviewer": reviewer->{_id, name, "slug": slug.current, roles, credentials, jobTitle, bio, sanityUserIds}
  },
  "settings": *[_id == "settings" && !(_id in path("drafts.**"))][0]{
    publisherName, publisherUrl, siteUrl, editorialPolicyUrl, reviewIntervalMonths, dueSoonDays, reviewSeverity,
    publicationPolicy, editorialNotice, disclaimer, citationStyle
  }
}`

export interface PreviewSources {
  authors: NonNullable<SourceArticle['authors']>
  citations: SourceArticle['citations']
  images: SourceArticle['images']
  reviews: SourceArticle['reviews']
  settings: SourceSettings | null
}

export type EditedArticle = Partial<Article> & {_id?: string}

export interface PreviewSourceParams {
  [name: string]: string | string[]
  articleId: string
  authorIds: string[]
  citationIds: string[]
  imageIds: string[]
}

/** The published id of a document shown in the Studio (drafts and release versions share it). */
export function publishedIdOf(id: string): string {
  return id.replace(/^drafts\./, '').replace(/^versions\.[^.]+\./, '')
}

/**
 * Query parameters for an edited article: its id, author ids (in order), cited ids and image asset ids (sorted,
 * unique).
 */
export function previewSourceParams(article: EditedArticle): PreviewSourceParams {
  const citationIds = new Set<string>()
  const imageIds = new Set<string>()
  if (article.leadImage?.asset?._ref) imageIds.add(article.leadImage.asset._ref)
  for (const block of article.body ?? []) {
    if (block._type === 'figure') {
      if (block.asset?._ref) imageIds.add(block.asset._ref)
      continue
    }
    for (const child of block.children ?? []) {
      if (child._type === 'citationMarker' && child.citation?._ref) citationIds.add(child.citation._ref)
    }
  }
  return {
    articleId: publishedIdOf(article._id ?? ''),
    authorIds: (article.authors ?? []).map((author) => author._ref),
    citationIds: [...citationIds].sort(),
    imageIds: [...imageIds].sort(),
  }
}

/** The edited document shaped like the export's article: slug flattened, authors resolved in their order. */
export function previewArticle(article: EditedArticle, sources: PreviewSources): SourceArticle {
  const people = new Map(sources.authors.map((person) => [person._id, person]))
  return {
    _id: publishedIdOf(article._id ?? 'article.preview'),
    _rev: article._rev ?? 'draft',
    _updatedAt: article._updatedAt ?? '',
    title: article.title ?? null,
    slug: article.slug?.current ?? null,
    summary: article.summary ?? null,
    language: article.language ?? null,
    audience: article.audience ?? null,
    topics: article.topics ?? null,
    keyTakeaways: article.keyTakeaways ?? null,
    leadImage: article.leadImage ?? null,
    body: article.body ?? null,
    safetyNotice: article.safetyNotice ?? null,
    publishedAt: article.publishedAt ?? null,
    lastEditedAt: article.lastEditedAt ?? null,
    authors: (article.authors ?? []).flatMap((author) => {
      const person = people.get(author._ref)
      return person ? [person] : []
    }),
    citations: sources.citations,
    images: sources.images ?? [],
    reviews: sources.reviews,
  }
}
