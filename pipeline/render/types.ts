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
  /** Render-time findings (unknown node types, dangling citations, unsafe links), each with a ruleId and path. */
  messages: VFileMessage[]
}
