import {prettyJsonAt} from '../../../domain/pretty-json.ts'
import type {Readability} from '../../../domain/readability.ts'
import type {ArticleModel, FigureModel} from '../model.ts'

/** Version of article.json's shape; `article.schema.json` describes it. Bump on a breaking change. */
export const ARTICLE_JSON_SCHEMA_VERSION = 1

export interface ArticleJsonInput {
  model: ArticleModel
  portableText: unknown
  html: string
  text: string
  readability: Readability
}

/**
 * article.json's text: its value (`articleJsonValue`) as `JSON.stringify(value, null, 2)` writes it, with a final
 * newline, in pieces (see `RenderedArticle.pieces`). Each member of the value, and of an object inside it (the body's
 * Portable Text, HTML and text), is stringified on its own and indented to its depth: the whole text, ~190 KB of
 * two-byte characters, would be one string in memory pages of its own, allocated and freed for every article
 * (stringifying and encoding it took 0.45 ms per article, the pieces 0.35). `tests/render-fixtures.test.ts` pins
 * the pieces to `JSON.stringify` on every fixture.
 */
export function articleJsonPieces(value: Record<string, unknown>): string[] {
  const pieces: string[] = []
  prettyMembers(value, '', 1, pieces)
  pieces.push('\n')
  return pieces
}

/**
 * An object as `JSON.stringify(object, null, 2)` writes it at the indentation `indent`, members to `depth` levels
 * down written as pieces, each stringified where it stands (`prettyJsonAt`).
 */
function prettyMembers(object: Record<string, unknown>, indent: string, depth: number, pieces: string[]): void {
  const inner = `${indent}  `
  let first = true
  pieces.push('{')
  for (const key of Object.keys(object)) {
    const member = object[key]
    // Left out as JSON.stringify leaves them out.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue
    pieces.push(`${first ? '' : ','}\n${inner}${JSON.stringify(key)}: `)
    first = false
    if (depth > 0 && isMembers(member)) prettyMembers(member, inner, depth - 1, pieces)
    else pieces.push(prettyJsonAt(member, inner.length / 2) as string)
  }
  pieces.push(first ? '}' : `\n${indent}}`)
}

/** A non-empty plain object that JSON.stringify writes member by member (no `toJSON`). */
function isMembers(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || 'toJSON' in value) return false
  return Object.keys(value).length > 0
}

/** article.json's value: everything structured, in a fixed key order. */
export function articleJsonValue({
  model,
  portableText,
  html,
  text,
  readability,
}: ArticleJsonInput): Record<string, unknown> {
  const {hardestSentences: _hardest, ...scores} = readability
  return {
    schemaVersion: ARTICLE_JSON_SCHEMA_VERSION,
    id: model.id,
    slug: model.slug,
    url: model.canonicalUrl,
    title: model.title,
    summary: model.summary,
    language: model.language,
    audience: model.audience,
    topics: model.topics,
    keyTakeaways: model.keyTakeaways,
    safetyNotice: model.safetyNotice,
    authors: model.authors.map(({id, name, credentials, bio}) => ({id, name, credentials, bio})),
    reviewers: model.reviewers.map(({id, name, credentials, bio}) => ({id, name, credentials, bio})),
    dates: model.dates,
    review: model.review,
    outline: model.outline,
    citationStyle: model.citationStyle,
    citations: model.citations.map(({number, id, csl, text: citationText, html: citationHtml}) => ({
      number,
      id,
      csl,
      text: citationText,
      html: citationHtml,
    })),
    // Only when the article has images: an article without any keeps exactly the shape it had.
    ...(model.leadImage ? {leadImage: figureJson(model.leadImage)} : {}),
    ...(model.figures.length > 0 ? {figures: model.figures.map(figureJson)} : {}),
    readability: scores,
    body: {portableText: portableText ?? [], html, text},
    notice: model.notice,
    publisher: model.publisher,
    source: {dataset: model.datasetLabel, documentId: model.id, revision: model.revision},
  }
}

/** A figure in article.json: its files relative to the release root, their sizes, and the writer's words. */
function figureJson(figure: FigureModel): Record<string, unknown> {
  const {key, file, width, height, mimeType, srcset, alt, decorative, caption, credit, licence} = figure
  return {
    key,
    file,
    width,
    height,
    mimeType,
    srcset,
    alt,
    decorative,
    caption,
    credit,
    licence,
  }
}
