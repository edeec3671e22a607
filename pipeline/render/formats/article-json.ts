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
 * article.json's text, as two pieces: its value (`articleJsonValue`) pretty-printed, and a final newline (see
 * `RenderedArticle.pieces`).
 */
export function articleJsonPieces(value: Record<string, unknown>): [string, string] {
  return [JSON.stringify(value, null, 2), '\n']
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
