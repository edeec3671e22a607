import {Ajv2020} from 'ajv/dist/2020.js'
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

/**
 * Compiles a draft 2020-12 JSON Schema (with the standard string formats, asserted, and ajv-formats' `formatMinimum`
 * with `$data`, which article.schema.json uses to keep the next review after the last) into a checker that returns
 * readable problems.
 */
export function compileSchema(schema: unknown, options: {own?: boolean} = {}): (value: unknown) => string[] {
  // Compiled once per schema text: a publishing job (or a test) verifying release after release pays it once.
  const own = options.own === true
  const key = `${own}:${JSON.stringify(schema)}`
  const known = compiled.get(key)
  if (known) return known
  const checker = compileUncached(schema, own)
  compiled.set(key, checker)
  return checker
}

const compiled = new Map<string, (value: unknown) => string[]>()

/**
 * `own`: a schema this code ships (the manifest's) or has just written (the staged release's article schema), so
 * checking it against the 2020-12 meta-schema first, which costs more than compiling it (~0.15 s of a one-article
 * re-export), proves nothing; a schema read from a release on disk is checked.
 */
function compileUncached(schema: unknown, own: boolean): (value: unknown) => string[] {
  const ajv = new Ajv2020({allErrors: true, strict: false, $data: true, validateSchema: !own})
  addFormats.default(ajv)
  const validate: ValidateFunction = ajv.compile(schema as object)
  return (value) => (validate(value) ? [] : (validate.errors ?? []).map(describeError))
}

function describeError(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(top level)' : error.instancePath
  const extra = error.keyword === 'additionalProperties' ? ` (\`${String(error.params.additionalProperty)}\`)` : ''
  return `${where} ${error.message ?? 'is invalid'}${extra}`
}
