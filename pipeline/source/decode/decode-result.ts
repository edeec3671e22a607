import {isRecord} from '../document-walk.ts'
import type {SourceArticle} from '../types.ts'
import {decodeDocument} from './decode-document.ts'
import type {DecodeFinding} from './decode-document.ts'

/**
 * The Content Lake answers `articleQuery` with projected documents, not the documents themselves: the article
 * with its slug flattened and its authors, reviews (with their reviewer) and citations joined in. This takes the
 * projection apart again into the documents it came from, decodes each one with its type's decoder (the same as
 * for a local dataset), and puts the result back together without the values that did not decode:
 * an article field becomes null, an author or reviewer null, a citation or review is left out.
 *
 * What the projection already dropped cannot be seen here (`authors` that is not a list dereferences to null):
 * such a value is reported as missing by validation, not as the wrong kind.
 */

/** The answer is not the shape the query gives (a list where an object belongs): the API is not answering the query. */
export class ResultShapeError extends Error {
  override name = 'ResultShapeError'
}

export function decodeArticleResult(result: unknown): SourceArticle | null {
  if (result === null || result === undefined) return null
  if (!isRecord(result) || typeof result._id !== 'string') {
    throw new ResultShapeError('an article that is not an object with an _id')
  }
  for (const list of ['citations', 'reviews'] as const) {
    if (!Array.isArray(result[list])) throw new ResultShapeError(`an article whose ${list} is not a list`)
  }
  if (result.authors !== null && !Array.isArray(result.authors)) {
    throw new ResultShapeError('an article whose authors is not a list')
  }
  const findings: DecodeFinding[] = []
  const joined = ['authors', 'citations', 'reviews']
  const decoded = decodeAs('article', {...result, slug: asSlug(result.slug)}, findings, joined)
  const article: Record<string, unknown> = {...result}
  for (const field of decoded.refused) article[field] = null
  const authors = result.authors
  article.authors = Array.isArray(authors) ? authors.map((author) => decodePerson(author, findings)) : null
  article.citations = (result.citations as unknown[]).filter(
    (citation) => isRecord(citation) && decodeAs('citation', citation, findings).refused.size === 0,
  )
  article.reviews = (result.reviews as unknown[]).flatMap((review) => {
    if (!isRecord(review)) return []
    const {reviewer, signerId, ...rest} = review
    const signedBy = signerId === null || signerId === undefined ? undefined : {userId: signerId}
    if (decodeAs('review', {...rest, signedBy}, findings).refused.size > 0) return []
    return [{...review, reviewer: decodePerson(reviewer, findings)}]
  })
  return findings.length > 0 ? ({...article, decodeFindings: findings} as SourceArticle) : (article as SourceArticle)
}

/** The settings projection as the settings document, decoded; the findings say what is wrong. */
export function decodeSettingsResult(result: unknown): {
  settings: Record<string, unknown> | null
  findings: DecodeFinding[]
} {
  if (result === null || result === undefined) return {settings: null, findings: []}
  if (!isRecord(result)) throw new ResultShapeError('settings that are not an object')
  const findings: DecodeFinding[] = []
  decodeAs('settings', {_id: 'settings', ...result}, findings)
  return {settings: result, findings}
}

/** A page of article ids: a list of `{_id, _rev}`. */
export function decodeIdPage(result: unknown): Array<{_id: string; _rev: string}> {
  const isRow = (row: unknown) => isRecord(row) && typeof row._id === 'string' && typeof row._rev === 'string'
  if (!Array.isArray(result) || !result.every(isRow)) {
    throw new ResultShapeError('a page of article ids that is not a list of {_id, _rev}')
  }
  return result as Array<{_id: string; _rev: string}>
}

function decodePerson(person: unknown, findings: DecodeFinding[]): unknown {
  if (person === null || person === undefined) return null
  if (!isRecord(person)) throw new ResultShapeError('a person that is not an object')
  return decodeAs('person', {...person, slug: asSlug(person.slug)}, findings).refused.size > 0 ? null : person
}

/**
 * Decodes one projected document as a document of `type`: nulls (GROQ's answer for a missing field) and the
 * joined fields (`skip`) are left out first. Returns the top-level fields refused.
 */
function decodeAs(
  type: string,
  projected: Record<string, unknown>,
  findings: DecodeFinding[],
  skip: readonly string[] = [],
): {refused: Set<string>} {
  const document: Record<string, unknown> = {_type: type}
  for (const [key, value] of Object.entries(projected)) {
    if (value !== null && value !== undefined && !skip.includes(key) && key !== '_type') document[key] = value
  }
  const result = decodeDocument(document)
  findings.push(...result.findings)
  return {refused: new Set(result.findings.map((finding) => String(finding.segments[0])))}
}

/** `"slug": slug.current` back into the slug object it was read from. */
function asSlug(value: unknown): unknown {
  return value === null || value === undefined ? undefined : {_type: 'slug', current: value}
}
