import type {ArticleLine} from './source-snapshot.ts'
import {DOCUMENT_ID, isPublishedId, isRecord, walkDocument} from './document-walk.ts'

/**
 * What a line of an article document (`_type` article, a valid id) tells the pass: for a draft or a version only
 * its id and slug; for a published article also its references, keys missing from arrays, and whether it is too
 * deep to walk.
 */
export function articleSummary(document: Record<string, unknown> & {_id: string}, maxDepth: number): ArticleLine {
  const id = document._id
  if (!isPublishedId(id)) return {id, rev: revOf(document), slug: slugOf(document), references: []}
  const walk = walkDocument(document, maxDepth)
  const article: ArticleLine = {id, rev: revOf(document), slug: slugOf(document), references: walk.references}
  if (walk.missingKeys.length > 0) article.missingKeys = walk.missingKeys
  if (walk.tooDeep) article.tooDeep = true
  return article
}

/** The parsed line, when it is an article with a valid id: what `articleSummary` is made from. */
export function articleDocument(value: unknown): (Record<string, unknown> & {_id: string}) | undefined {
  if (!isRecord(value) || value._type !== 'article') return undefined
  return typeof value._id === 'string' && DOCUMENT_ID.test(value._id) ? (value as {_id: string}) : undefined
}

function revOf(document: Record<string, unknown>): string {
  return typeof document._rev === 'string' ? document._rev : ''
}

function slugOf(document: Record<string, unknown>): string | null {
  const slug = document.slug
  return isRecord(slug) && typeof slug.current === 'string' ? slug.current : null
}
