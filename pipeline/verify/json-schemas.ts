import {Ajv2020} from 'ajv/dist/2020.js'
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/**
 * Compiles a draft 2020-12 JSON Schema (with the standard string formats, asserted, and ajv-formats' `formatMinimum`
 * with `$data`, which article.schema.json uses to keep the next review after the last) into a checker that returns
 * readable problems.
 */
export function compileSchema(schema: unknown): (value: unknown) => string[] {
  // Compiled once per schema text: a publishing job (or a test) verifying release after release pays it once.
  const key = JSON.stringify(schema)
  const known = compiled.get(key)
  if (known) return known
  const checker = compileUncached(schema)
  compiled.set(key, checker)
  return checker
}

const compiled = new Map<string, (value: unknown) => string[]>()

function compileUncached(schema: unknown): (value: unknown) => string[] {
  const ajv = new Ajv2020({allErrors: true, strict: false, $data: true})
  addFormats.default(ajv)
  const validate: ValidateFunction = ajv.compile(schema as object)
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describeError))
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath
  const extra = error.keyword === 'additionalProperties' ? ` (\`${String(error.params.additionalProperty)}\`)` : ''
  return `${where} ${error.message ?? 'is invalid'}${extra}`
}
