import type {DocumentLookup} from '../../schemas/rules/lookup.ts'
import type {ReviewSeverity} from '../../schemas/rules/editorial/review-currency.ts'
import type {ReviewState} from '../../domain/review-status.ts'
import type {PathSegment, RuleDefinition, Severity} from '../../schemas/rules/rule.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import {diagnostic, type Diagnostic} from '../diagnostic.ts'
import type {FindingSource} from './types.ts'

/** Everything a rule may be given about one article, resolved once per article. */
export interface ArticleContext {
  article: SourceArticle
  settings: SourceSettings | null
  review: ReviewState
  asOf: string
  severity: ReviewSeverity
  slugOwners: ReadonlyMap<string, readonly string[]> | undefined
  /** The article's authors, reviewers and citations, as the schema's lookup rules expect them. */
  lookup: DocumentLookup
}

/** One application of a rule: to which value, in which document, at which path. */
export interface Target<Value, Context> {
  documentId: string
  path: PathSegment[]
  value: Value
  context: Context
}

/** A rule bound to the values of an article it checks. */
export interface Check {
  ruleId: string
  /** The rule's default severity and what it is for, as `validate --rules` lists them. */
  severity: Severity
  description: string
  source: FindingSource
  run: (context: ArticleContext) => Diagnostic[]
}

export function check<Value, Context>(
  source: FindingSource,
  rule: RuleDefinition<Value, Context>,
  targets: (context: ArticleContext) => Array<Target<Value, Context>>,
): Check {
  return {
    ruleId: rule.id,
    severity: rule.severity,
    description: rule.description,
    source,
    run(context) {
      // Loops, not flatMap: most targets have no issue, and each would still cost an empty array.
      const findings: Diagnostic[] = []
      for (const target of targets(context)) {
        for (const issue of rule.check(target.value, target.context)) {
          findings.push(
            diagnostic({
              ruleId: rule.id,
              source,
              severity: issue.severity ?? rule.severity,
              place: {documentId: target.documentId, path: [...target.path, ...(issue.path ?? [])]},
              message: issue.message,
            }),
          )
        }
      }
      return findings
    },
  }
}

export function target<Value, Context>(
  documentId: string,
  path: PathSegment[],
  value: Value,
  context: Context,
): Target<Value, Context> {
  return {documentId, path, value, context}
}
