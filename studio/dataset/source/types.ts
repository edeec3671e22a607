import type {CitationFields} from '../../../pipeline/import/reference-entry.ts'
import type {BodySpec, FigureSpec} from './portable-text.ts'

/** How the dataset's sources are written; `dataset.ts` turns them into Sanity documents. */

/** A citation as the sources write it; `issued` is YYYY, YYYY-MM or YYYY-MM-DD, absent for n.d. */
export type CitationSpec = Omit<CitationFields, 'authors' | 'title'> & {
  /** The id without the `citation.` prefix, e.g. `clinton-2016`. */
  id: string
  /** [family, given] as the source prints them. */
  authors?: Array<[string, string]>
  title: string
  rawText?: string
}

export interface PersonSpec {
  /** The id without the `person.` prefix, also the slug. */
  id: string
  name: string
  roles: Array<'writer' | 'medicalReviewer'>
  credentials?: string
  /** The Sanity user ids of this person's Studio accounts (a medical reviewer signs off only as one of them). */
  sanityUserIds?: string[]
  jobTitle?: string
  bio: string
  createdAt: string
}

export interface ArticleSpec {
  /** The slug; the document id is `article.<slug>`. */
  slug: string
  title: string
  summary: string
  language: string
  audience: 'general-public' | 'patients' | 'caregivers' | 'professionals'
  topics: string[]
  keyTakeaways?: string[]
  body: BodySpec[]
  /** Shown above the article and in link previews. */
  leadImage?: FigureSpec
  safetyNotice?: string
  /** Person ids without the `person.` prefix. */
  authors: string[]
  /** For a draft never published, the planned date. */
  publishedAt: string
  lastEditedAt?: string
  /** The citations this article's markers use (shared citations may appear in several articles). */
  citations: CitationSpec[]
  /** When the document was created in the Studio (ISO date-time). */
  createdAt: string
}

export interface ReviewSpec {
  /** The article's slug. */
  article: string
  /** Person id without the `person.` prefix. */
  reviewer: string
  reviewedOn: string
  outcome: 'approved' | 'changesRequested'
  /**
   * `studio`: signed with the Sign off action by the reviewer's linked user (the build records that user as the
   * signer); `imported`: a record of a review made before the Studio existed, migrated as is.
   */
  provenance: 'studio' | 'imported'
  /** Internal notes; each carries the INTERNAL-REVIEW-NOTE canary so tests can prove they never leak. */
  notes: string
  /**
   * The article as the reviewer saw it, when it has been edited since: the review's content hash is computed
   * over this version instead of the current one.
   */
  reviewedVersion?: Pick<ArticleSpec, 'title' | 'summary' | 'body' | 'safetyNotice'>
}
