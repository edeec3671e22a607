import type {Diagnostic, DiagnosticMessage} from '../diagnostic.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ReviewState} from '../../domain/review-status.ts'
import type {Severity} from '../../schemas/rules/rule.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'

/** Which family of rules spoke: the schema's field rules, the editorial rules, or the readability measure. */
export type FindingSource = 'vetted:schema' | 'vetted:editorial' | 'vetted:readability'

export interface ArticleValidation {
  findings: Diagnostic[]
  /** Any error, or any warning when strict. */
  blocked: boolean
  /** The same diagnostics as vfile messages, on one file named after the article. */
  messages: DiagnosticMessage[]
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
