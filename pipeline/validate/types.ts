import type {VFileMessage} from 'vfile-message'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ReviewState} from '../../domain/review-status.ts'
import type {RuleFinding, Severity} from '../../schemas/rules/rule.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'

/** Which family of rules spoke: the schema's field rules, the editorial rules, or the readability measure. */
export type FindingSource = 'vetted:schema' | 'vetted:editorial' | 'vetted:readability'

export interface Finding extends RuleFinding {
  /** The slug of the article the finding was made for (a citation's finding names the citing article). */
  slug: string | null
  source: FindingSource
}

export interface ArticleValidation {
  findings: Finding[]
  /** Any error, or any warning when strict. */
  blocked: boolean
  /** The same findings as vfile messages, on one file named after the article. */
  messages: VFileMessage[]
}

export interface ValidateArticleInput {
  article: SourceArticle
  settings: SourceSettings | null
  review: ReviewState
  contentHash: string
  asOf: string
  /** Warnings block too. @defaultValue false */
  strict?: boolean
  /** Severity per review status, over the settings' `reviewSeverity` and the defaults. */
  severity?: ReviewSeverity
  /** Ids of every article using each slug, when the caller validates a whole dataset (slug uniqueness). */
  slugOwners?: ReadonlyMap<string, readonly string[]>
}

export type {ReviewSeverity, Severity}
