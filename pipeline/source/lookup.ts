import type {ContentSource} from './types.ts'

/** An article that is not published content: a draft, or a version inside a release. */
export interface UnpublishedArticle {
  _id: string
  kind: 'draft' | 'version'
  slug: string | null
}

export interface ArticleMatches {
  /** Published articles whose `_id` or slug is the one asked for, sorted by `_id`. */
  published: Array<{_id: string; slug: string | null}>
  /** Drafts and release versions that match: the usual answer to "why is my article not exported?". */
  unpublished: UnpublishedArticle[]
}

/** What `vetted inspect` needs beyond ContentSource: finding an article by slug, drafts included. */
export interface ArticleLookup {
  lookupArticle(slugOrId: string): Promise<ArticleMatches>
}

export function canLookUp(source: ContentSource): source is ContentSource & ArticleLookup {
  return typeof (source as Partial<ArticleLookup>).lookupArticle === 'function'
}

/** `drafts.abc` → abc, `versions.rel1.abc` → abc. */
export function publishedIdOf(id: string): string {
  if (id.startsWith('drafts.')) return id.slice('drafts.'.length)
  if (id.startsWith('versions.')) return id.split('.').slice(2).join('.')
  return id
}
