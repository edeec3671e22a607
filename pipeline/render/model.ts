import type {ElementContent, Root as HastRoot} from 'hast'
import type {Root as MdastRoot} from 'mdast'
import type {ReviewStatus} from '../../domain/review-status.ts'
import type {CslItem} from './citations/csl-json.ts'
import type {ReviewClaim} from './review-claim.ts'
import type {CitationStyle} from './types.ts'

/**
 * Everything the five formats say, computed once by `renderArticle`: each format only lays this out, so a
 * date, a name or a reference cannot differ between them.
 */
export interface ArticleModel {
  id: string
  revision: string
  slug: string
  title: string
  summary: string | null
  language: string
  audience: string | null
  topics: string[]
  keyTakeaways: string[]
  safetyNotice: string | null
  authors: PersonModel[]
  /** The reviewer whose approval covers the text; empty unless `review.claim.current`. */
  reviewers: PersonModel[]
  /** `lastReviewed` and `nextReviewDue` only with a current claim: they date a review of this text. */
  dates: {
    published: string | null
    lastEdited: string | null
    lastReviewed: string | null
    nextReviewDue: string | null
  }
  review: {status: ReviewStatus; contentHash: string; reviewedContentHash: string | null; claim: ReviewClaim}
  /** `policyUrl`: settings' `editorialPolicyUrl`, linked as "Read our editorial policy" (http(s) only). */
  notice: {editorial: string | null; disclaimer: string | null; policyUrl: string | null}
  publisher: {name: string | null; url: string | null}
  /** The page's public address, `siteUrl` + `/articles/<slug>/`; null without a `siteUrl` setting. */
  canonicalUrl: string | null
  citationStyle: CitationStyle
  citations: CitationModel[]
  /** The article's lead image, shown under its title; null without one (or when its image is not published). */
  leadImage: FigureModel | null
  /** The body's figures in document order (each also sits in `bodyMdast` and `fragment`). */
  figures: FigureModel[]
  outline: Array<{level: number; text: string; id: string}>
  datasetLabel: string
  /** The body after the remark plugins (numbered markers), for Markdown. */
  bodyMdast: MdastRoot
  /** The sanitized body + reference list, for both HTML files and the text. */
  fragment: HastRoot
}

export interface PersonModel {
  id: string
  name: string
  credentials: string | null
  jobTitle: string | null
  bio: string | null
}

export interface CitationModel {
  number: number
  id: string
  csl: CslItem
  text: string
  html: string
  /** First URL a reader can follow (DOI link, else URL), for JSON-LD and Markdown. */
  url: string | null
  children: ElementContent[]
}

/**
 * One figure as every format shows it: the published image (addresses relative to the release root, made by the
 * export's image store from the file's content, never from the document) and the writer's words.
 */
export interface FigureModel {
  /** The figure's `_key` in the body; null for the lead image. */
  key: string | null
  /** The largest published file, e.g. `images/3f9c…-1440w.png`. */
  file: string
  width: number
  height: number
  /** Empty when the image is decorative (an explicit choice in Studio). */
  alt: string
  decorative: boolean
  caption: string | null
  credit: string | null
  licence: string | null
  /** The publisher owns the image (then credit and licence may be absent). */
  publisherOwned: boolean
  /** The release file with the original's own bytes when it is published, else `file` (what article.md links). */
  original: string
  /** Every published width, smallest first; empty for SVG. */
  srcset: Array<{file: string; width: number}>
  mimeType: string
}
