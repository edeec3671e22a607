/**
 * The shape every editorial rule shares, so one definition runs in Studio (`Rule.custom`, through the adapter)
 * and in the pipeline (as vfile messages), with the same ruleId, default severity and words.
 */

export type Severity = 'error' | 'warning' | 'info'

/** A Sanity document path: field names, array indexes, or `{_key}` for keyed array items. */
export type PathSegment = string | number | {_key: string}

/**
 * What a rule reports, relative to the value it was given: the problem, then what to do, in one message (Studio
 * shows one text). The pipeline places it in a document as a `Diagnostic` (pipeline/diagnostic.ts), the problem as
 * its reason and the advice as its note.
 */
export interface RuleIssue {
  message: string
  /** Path below the checked value (empty or absent: the value itself). */
  path?: PathSegment[]
  /** Overrides the rule's default severity for this one issue. */
  severity?: Severity
}

export interface RuleDefinition<Value, Context = undefined> {
  /** Stable id, kebab-case (`slug-format`); publishing jobs and `--json` consumers key on it. */
  id: string
  severity: Severity
  /** What the rule is for, in a writer's words (shown in docs and `--help`). */
  description: string
  check: (value: Value, context: Context) => RuleIssue[]
}

export function defineRule<Value, Context = undefined>(
  rule: RuleDefinition<Value, Context>,
): RuleDefinition<Value, Context> {
  return rule
}
