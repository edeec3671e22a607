import type {CustomValidator, RuleDef, ValidationContext, ValidationError} from 'sanity'
import {
  type DocumentLookup,
  documentLookup,
  isRecord,
  type LinkedDocument,
  LINKED_DOCUMENTS_QUERY,
  type LookupRuleDefinition,
} from './lookup.ts'
import type {RuleDefinition, RuleIssue, Severity} from './rule.ts'

/**
 * Turns a shared `RuleDefinition` into Sanity validation, so Studio and the pipeline report the same words.
 *
 * Sanity gives a level to a whole `Rule`, not to each message, so one definition becomes three rules (error,
 * warning, info) that share one evaluation: a rule may report a warning and an error for the same value. Issue
 * paths are relative to the field, as Sanity expects. Each marker's `code` is `custom.<ruleId>`, so a consumer
 * of Sanity's markers (the CLI's JSON output, the pipeline) can tell which rule spoke.
 */

/** The API version the lookups are written against (published perspective by default). */
export const VALIDATION_API_VERSION = '2025-02-19'

const LEVELS: readonly Severity[] = ['error', 'warning', 'info']

/** Any of Sanity's typed rule builders (StringRule, ArrayRule, DateRule, ...). */
type AnyRule<R> = RuleDef<R, unknown>

type Prepared<Value, Context> = {value: Value; context: Context}
export type PrepareRuleInput<Value, Context> = (
  value: unknown,
  context: ValidationContext,
) => Prepared<Value, Context> | Promise<Prepared<Value, Context>>

/** A rule that needs nothing but the field value. */
export function sanityRule<R extends AnyRule<R>, Value>(rule: R, definition: RuleDefinition<Value, undefined>): R[] {
  return sanityRuleWith(rule, definition, (value) => ({value: value as Value, context: undefined}), {pure: true})
}

/** A rule whose context comes from the rest of the document or from the client. */
export function sanityRuleWith<R extends AnyRule<R>, Value, Context>(
  rule: R,
  definition: RuleDefinition<Value, Context>,
  prepare: PrepareRuleInput<Value, Context>,
  options: {pure?: boolean} = {},
): R[] {
  const evaluate = memoisePerDocument(async (value: unknown, context: ValidationContext): Promise<RuleIssue[]> => {
    const input = await prepare(value, context)
    return definition.check(input.value, input.context)
  })
  return LEVELS.map((level) => {
    const validator: CustomValidator = async (value, context) => {
      let all: RuleIssue[]
      try {
        all = await evaluate(value, context)
      } catch (error) {
        // Report a failed check (an unreachable Content Lake, say) once, as an error, not once per level.
        if (level === 'error') throw error
        return true
      }
      const issues = all.filter((issue) => (issue.severity ?? definition.severity) === level)
      if (issues.length === 0) return true
      return issues.map((issue): ValidationError => ({
        message: issue.message,
        code: `custom.${definition.id}`,
        ...(issue.path && issue.path.length > 0 ? {path: issue.path} : {}),
      }))
    }
    // Pure rules cannot overload anything, so they need not wait for a slot among the client-bound ones.
    if (options.pure) validator.bypassConcurrencyLimit = true
    return rule.custom(validator)[level]()
  })
}

/**
 * A rule given a whole object (a figure) placed on one of its fields: it reads the field's parent and keeps the
 * issues it reports at that field. Studio then shows the message at the field, and `sanity documents validate`
 * keeps its level (it downgrades rules on object values to warnings).
 */
export function sanityFigureRule<R extends AnyRule<R>, Value>(
  rule: R,
  definition: RuleDefinition<Value, undefined>,
  field: string,
): R[] {
  const atField: RuleDefinition<Value, undefined> = {
    ...definition,
    check: (value, context) =>
      definition
        .check(value, context)
        .filter((issue) => issue.path?.[0] === field)
        .map((issue) => ({...issue, path: issue.path?.slice(1)})),
  }
  return sanityRuleWith(rule, atField, (_value, context) => ({value: context.parent as Value, context: undefined}), {
    pure: true,
  })
}

/** A rule that looks at other documents: fetches exactly the ones it names, then checks synchronously. */
export function sanityLookupRule<R extends AnyRule<R>, Value>(rule: R, definition: LookupRuleDefinition<Value>): R[] {
  return sanityRuleWith(rule, definition, async (value, context) => {
    const typed = value as Value
    return {value: typed, context: await fetchLookup(definition.referencedIds(typed), context)}
  })
}

async function fetchLookup(ids: string[], context: ValidationContext): Promise<DocumentLookup> {
  if (ids.length === 0) return documentLookup([])
  const result: unknown = await context
    .getClient({apiVersion: VALIDATION_API_VERSION})
    .fetch(LINKED_DOCUMENTS_QUERY, {ids}, {signal: context.signal, tag: 'vetted.validation.lookup'})
  return documentLookup(Array.isArray(result) ? result.filter(isLinkedDocument) : [])
}

function isLinkedDocument(value: unknown): value is LinkedDocument {
  return isRecord(value) && typeof value._id === 'string' && typeof value._type === 'string'
}

/**
 * Sanity calls the three level rules with the same value during one validation pass; evaluate once per
 * document snapshot, field path and value, so a lookup rule fetches once.
 */
function memoisePerDocument<T>(run: (value: unknown, context: ValidationContext) => Promise<T>) {
  const cache = new WeakMap<object, Map<string, Promise<T>>>()
  return (value: unknown, context: ValidationContext): Promise<T> => {
    const document = context.document
    if (!document) return run(value, context)
    let byPath = cache.get(document)
    if (!byPath) cache.set(document, (byPath = new Map()))
    const key = JSON.stringify([context.path ?? [], value ?? null])
    let result = byPath.get(key)
    if (!result) byPath.set(key, (result = run(value, context)))
    return result
  }
}
