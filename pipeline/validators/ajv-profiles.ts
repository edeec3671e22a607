import {createRequire} from 'node:module'
import type * as Ajv2020Module from 'ajv/dist/2020.js'
import type {Ajv2020 as Ajv2020Class, Options} from 'ajv/dist/2020.js'
import type * as Codegen from 'ajv/dist/compile/codegen/index.js'
import type addFormatsPlugin from 'ajv-formats'

/**
 * The two ways this project runs ajv, by name: `verify` (a release's manifest and article.json files: every problem,
 * the standard string formats asserted, and ajv-formats' `formatMinimum` with `$data`) and `decode` (documents where
 * they enter: every problem, Sanity's regular expressions read as written). A precompiled validator
 * (`precompiled.ts`) is only used for the profile it was generated with.
 */
export type AjvProfile = 'verify' | 'decode'

/** Options a profile's ajv instance is made with, besides `code` (set when generating modules). */
const OPTIONS: Record<AjvProfile, Options> = {
  verify: {allErrors: true, strict: false, $data: true},
  decode: {allErrors: true, strict: false, unicodeRegExp: false},
}

// ajv (with its code generator) is loaded only when a schema must be compiled: a run whose schemas are all
// precompiled never loads it. It is CommonJS, so `require` loads it synchronously where a validator is first needed.
const require = createRequire(import.meta.url)

/**
 * A fresh ajv instance for the profile. `source`: also keep each validator's code, for standalone generation (the
 * formats are then referred to by module, as the generated code must load them).
 */
export function createAjv(
  profile: AjvProfile,
  options: {source?: boolean; validateSchema?: boolean} = {},
): Ajv2020Class {
  const {Ajv2020} = require('ajv/dist/2020.js') as typeof Ajv2020Module
  const code = options.source ? {source: true, formats: profile === 'verify' ? formatsCode() : undefined} : undefined
  const ajv = new Ajv2020({
    ...OPTIONS[profile],
    validateSchema: options.validateSchema ?? true,
    ...(code ? {code} : {}),
  })
  if (profile === 'verify') (require('ajv-formats') as typeof addFormatsPlugin).default(ajv)
  return ajv
}

/** How generated code reaches ajv-formats' formats (the `full` set, which `addFormats` adds by default). */
function formatsCode(): NonNullable<Options['code']>['formats'] {
  const {_} = require('ajv/dist/compile/codegen/index.js') as typeof Codegen
  return _`require("ajv-formats/dist/formats").fullFormats`
}
