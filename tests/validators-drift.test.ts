import {readdirSync, readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {createAjv} from '../pipeline/validators/ajv-profiles.ts'
import {generatedModules, shippedSchemas, type ShippedSchema} from '../pipeline/validators/build.ts'
import {GENERATED_DIR, precompiled} from '../pipeline/validators/precompiled.ts'

/**
 * The precompiled validators (`pipeline/validators/generated/`, ajv's standalone code) are what `npm run validators`
 * generates from the schemas as they are now: a schema edited without regenerating fails here, as a stale typegen
 * output does. And a precompiled validator judges exactly as the one ajv compiles at run time.
 */

const dir = fileURLToPath(GENERATED_DIR)

describe('precompiled validators', () => {
  it('are the modules ajv generates today from every shipped schema, and no others (else: npm run validators)', () => {
    const expected = generatedModules()
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort())
    for (const [name, code] of expected) expect(readFileSync(`${dir}${name}`, 'utf8'), name).toBe(code)
  })

  it('are found for each shipped schema and for nothing else', () => {
    for (const {profile, schema} of shippedSchemas())
      expect(precompiled(profile, JSON.stringify(schema))).toBeTypeOf('function')
    const manifest = shippedSchemas()[0] as ShippedSchema
    const edited = {...manifest.schema, title: 'edited'}
    expect(precompiled('verify', JSON.stringify(edited))).toBeNull()
    // The profile is part of the name: the same schema under other options is compiled, not looked up.
    expect(precompiled('decode', JSON.stringify(manifest.schema))).toBeNull()
  })

  it('report the same problems as the validator ajv compiles at run time', () => {
    const [manifestSchema, articleSchema] = shippedSchemas() as [ShippedSchema, ShippedSchema]
    const cases: Array<[ShippedSchema, unknown]> = [
      [manifestSchema, {}],
      [manifestSchema, {schemaVersion: 2, generator: {name: ''}, dataset: 3, asOf: '2026-02-30', extra: true}],
      [articleSchema, {schemaVersion: 1, id: 'x', dates: {lastReviewed: '2026-05-01', nextReviewDue: '2026-04-01'}}],
      [articleSchema, {slug: 'Not A Slug', url: 'not a uri'}],
    ]
    for (const [{profile, schema}, value] of cases) {
      const generated = precompiled(profile, JSON.stringify(schema))
      const compiled = createAjv(profile).compile(schema)
      expect(generated?.(value)).toBe(false)
      expect(compiled(value)).toBe(false)
      expect(generated?.errors).toEqual(compiled.errors)
    }
  })
})
