import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js'
import {createAjv} from '../validators/ajv-profiles.ts'
import {precompiled} from '../validators/precompiled.ts'

/**
 * Compiles a draft 2020-12 JSON Schema (with the standard string formats, asserted, and ajv-formats' `formatMinimum`
 * with `$data`, which article.schema.json uses to keep the next review after the last) into a checker that returns
 * readable problems.
 */
export function compileSchema(schema: unknown, options: {own?: boolean} = {}): (value: unknown) => string[] {
  // Compiled once per schema text: a publishing job (or a test) verifying release after release pays it once.
  const own = options.own === true
  const text = JSON.stringify(schema)
  const key = `${own}:${text}`
  const known = compiled.get(key)
  if (known) return known
  const validate = precompiled('verify', text) ?? compileUncached(schema, own)
  const checker = (value: unknown): string[] => (validate(value) ? [] : (validate.errors ?? []).map(describeError))
  compiled.set(key, checker)
  return checker
}

const compiled = new Map<string, (value: unknown) => string[]>()

/**
 * A schema this code ships has a precompiled validator (`pipeline/validators/`), generated from a schema checked
 * against the 2020-12 meta-schema then: one read from a release equal to it needs neither check nor compilation.
 * Any other is compiled here. `own`: a schema this code has just written (the staged release's article schema), so
 * checking it against the meta-schema first, which costs more than compiling it, proves nothing; a schema read from
 * a release on disk is checked.
 */
function compileUncached(schema: unknown, own: boolean): ValidateFunction {
  return createAjv('verify', {validateSchema: !own}).compile(schema as object)
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath
  const extra = error.keyword === 'additionalProperties' ? ` (\`${String(error.params.additionalProperty)}\`)` : ''
  return `${where} ${error.message ?? 'is invalid'}${extra}`
}
