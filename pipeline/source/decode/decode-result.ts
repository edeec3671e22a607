import {isRecord} from '../document-walk.ts'
import type {SourceArticle} from '../types.ts'
import {printable} from '../printable.ts'
import {decodeDocument, describeValue} from './decode-document.ts'
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
  for (const list of ['citations', 'reviews', 'images'] as const) {
    if (!Array.isArray(result[list])) throw new ResultShapeError(`an article whose ${list} is not a list`)
  }
  if (result.authors !== null && !Array.isArray(result.authors)) {
    throw new ResultShapeError('an article whose authors is not a list')
  }
  const findings: DecodeFinding[] = []
  const joined = ['authors', 'citations', 'reviews', 'images']
  const decoded = decodeAs('article', {...result, slug: asSlug(result.slug)}, findings, joined)
  const article: Record<string, unknown> = {...result}
  for (const field of decoded.refused) article[field] = null
  const authors = result.authors
  article.authors = Array.isArray(authors) ? authors.map((author) => decodePerson(author, findings)) : null
  article.citations = (result.citations as unknown[]).filter(
    (citation) => isRecord(citation) && decodeAs('citation', citation, findings).refused.size === 0,
  )
  article.images = (result.images as unknown[]).filter((image) => imageProblems(image, findings) === 0)
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

/**
 * An image asset as `articleQuery` projects it. Asset documents are the Content Lake's own (no Studio schema to
 * derive a decoder from), so their few fields are checked here; one that fails is left out with a finding, which
 * blocks the articles that show it.
 */
const IMAGE_FIELDS: Record<string, (value: unknown) => boolean> = {
  _id: (value) => typeof value === 'string' && /^image-[0-9a-f]{40}-\d+x\d+-[a-z0-9]+$/.test(value),
  sha1hash: (value) => typeof value === 'string' && /^[0-9a-f]{40}$/.test(value),
  extension: (value) => typeof value === 'string' && /^[a-z0-9]+$/.test(value),
  mimeType: (value) => typeof value === 'string' && /^image\/[a-z0-9.+-]+$/.test(value),
  size: (value) => Number.isSafeInteger(value) && (value as number) > 0,
  width: (value) => Number.isSafeInteger(value) && (value as number) > 0,
  height: (value) => Number.isSafeInteger(value) && (value as number) > 0,
  url: (value) => typeof value === 'string',
}

const IMAGE_EXPECTED: Record<string, string> = {
  _id: 'an image asset id (image-<sha1>-<w>x<h>-<ext>)',
  sha1hash: 'a sha1 (40 hex digits)',
  extension: 'a file extension',
  mimeType: 'an image MIME type',
  size: 'a whole number of bytes above 0',
  width: 'a whole number of pixels above 0',
  height: 'a whole number of pixels above 0',
  url: 'the file’s address',
}

function imageProblems(image: unknown, findings: DecodeFinding[]): number {
  if (!isRecord(image)) throw new ResultShapeError('an image asset that is not an object')
  const id = typeof image._id === 'string' ? image._id : ''
  let problems = 0
  for (const [field, valid] of Object.entries(IMAGE_FIELDS)) {
    if (valid(image[field])) continue
    problems++
    const expected = IMAGE_EXPECTED[field] as string
    const found = describeValue(image[field])
    findings.push({
      ruleId: 'source:invalid-value',
      documentId: id,
      documentType: 'sanity.imageAsset',
      path: field,
      segments: [field],
      expected,
      found,
      message:
        `sanity.imageAsset \`${printable(id)}\` ${field}: expected ${expected}, found ${found}. Upload the image ` +
        'again in the Studio; until then the articles that show it are not published anew (their last good versions stay).',
    })
  }
  // The id names the sha1 and size: an asset whose fields say otherwise is not the file the figure chose.
  if (
    problems === 0 &&
    !String(image._id).startsWith(`image-${String(image.sha1hash)}-${String(image.width)}x${String(image.height)}-`)
  ) {
    problems++
    findings.push({
      ruleId: 'source:invalid-value',
      documentId: id,
      documentType: 'sanity.imageAsset',
      path: 'sha1hash',
      segments: ['sha1hash'],
      expected: 'the sha1 and size the asset id gives',
      found: `sha1 ${String(image.sha1hash)}, ${String(image.width)}x${String(image.height)}`,
      message: `sanity.imageAsset \`${printable(id)}\`: its sha1 or size differs from its id. Upload the image again in the Studio.`,
    })
  }
  return problems
}

/** `"slug": slug.current` back into the slug object it was read from. */
function asSlug(value: unknown): unknown {
  return value === null || value === undefined ? undefined : {_type: 'slug', current: value}
}
