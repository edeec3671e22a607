import type {VFileMessage} from 'vfile-message'
import type {ReviewState} from '../../domain/review-status.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'

export type CitationStyle = 'apa' | 'vancouver' | 'ama'

export type SourceCitation = SourceArticle['citations'][number]
export type SourcePerson = NonNullable<SourceArticle['authors']>[number]
export type SourceReview = SourceArticle['reviews'][number]

export interface RenderInput {
  article: SourceArticle
  settings: SourceSettings | null
  /** `reviewState(...)` for this article and as-of date: the one source of review facts in every format. */
  review: ReviewState<SourceReview>
  /** The article's reviewable-content hash as it stands (`contentHash` from schemas/rules). */
  contentHash: string
  /** ISO date the export is "as of"; pinned so output is reproducible. */
  asOf: string
  /** Where the content came from, e.g. "studio/dataset/production.ndjson" (never an absolute path). */
  datasetLabel: string
  /**
   * The published files of each image asset the article shows, by asset id (`image-<sha1>-<w>x<h>-<ext>`), made by
   * the export's image store. Image addresses in every format come from here only, never from the document. A figure
   * whose asset is not here is left out with a `figure-image-missing` message. @defaultValue {}
   */
  images?: Readonly<Record<string, FigureImage>>
  /** Overrides `settings.citationStyle`. @defaultValue settings.citationStyle, else 'apa' */
  citationStyle?: CitationStyle
}

export interface RenderOptions {
  /** CSL locale for the reference list. @defaultValue 'en-US' */
  citationLocale?: string
}

export type RenderedFileName = 'index.html' | 'fragment.html' | 'article.json' | 'article.txt' | 'article.md'

export interface RenderedArticle {
  files: Record<RenderedFileName, string>
  /**
   * The files the renderer joins from large texts (the page around the fragment's HTML, article.json and its final
   * newline), as those texts: `files` holds their concatenation, which V8 keeps as a rope until something reads it
   * whole and then copies into one flat string (for article.json, ~190 KB in its own memory pages). The export
   * writes the pieces one after another and never reads the joined text.
   */
  pieces?: Partial<Record<RenderedFileName, readonly string[]>>
  /**
   * article.json's value, of which `files['article.json']` is the text: the export checks it against the article
   * schema without parsing the text back (`articleJsonProblems`).
   */
  articleJson: Record<string, unknown>
  /** Render-time findings (unknown node types, dangling citations, unsafe links), each with a ruleId and path. */
  messages: VFileMessage[]
}

/** One image asset as published: content-addressed files relative to the release root (`images/…`). */
export interface FigureImage {
  /** The largest file (the `src`). */
  file: string
  /** The largest file's size in pixels (the `<img>`'s width and height: the aspect ratio before it loads). */
  width: number
  height: number
  mimeType: string
  /** Every width, smallest first (the `srcset`); empty for SVG, which scales itself. */
  srcset: Array<{file: string; width: number}>
  /**
   * The file holding the original's own bytes (one of the above, or one more), which article.md links so that its
   * re-import names the same asset; absent when the original is not published (see `ReleaseImageStore`).
   */
  original?: string
}
