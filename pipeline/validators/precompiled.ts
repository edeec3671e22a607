import {createHash} from 'node:crypto'
import {existsSync} from 'node:fs'
import {createRequire} from 'node:module'
import {fileURLToPath} from 'node:url'
import type {ValidateFunction} from 'ajv/dist/2020.js'
import type {AjvProfile} from './ajv-profiles.ts'

/**
 * Validators generated ahead of time with ajv's standalone code (`npm run validators`, `build.ts`) for the schemas
 * this project ships: the release manifest's, article.json's and the decoder's one per document type. Compiling
 * them costs 0.1–0.25 s a run; loading the generated module costs a few milliseconds.
 *
 * A module is named after its profile and the sha256 of the schema's JSON text, so it is used only for exactly the
 * schema it was generated from: a schema edited without regenerating (or one read from an older release) is not
 * found and is compiled as before. tests/validators-drift.test.ts fails when a shipped schema has no module or a
 * module is not what ajv generates today.
 */
export const GENERATED_DIR = new URL('./generated/', import.meta.url)

const require = createRequire(import.meta.url)

/** The generated module's file name for a schema (as `JSON.stringify` writes it) under a profile. */
export function generatedName(profile: AjvProfile, schemaJson: string): string {
  return `${profile}-${createHash('sha256').update(schemaJson).digest('hex')}.cjs`
}

/** The precompiled validator of this exact schema, or null when there is none. */
export function precompiled(profile: AjvProfile, schemaJson: string): ValidateFunction | null {
  const file = new URL(generatedName(profile, schemaJson), GENERATED_DIR)
  if (!existsSync(file)) return null
  return require(fileURLToPath(file)) as ValidateFunction
}
