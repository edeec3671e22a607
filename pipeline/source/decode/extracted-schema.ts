import {readFileSync} from 'node:fs'

/**
 * The Studio's schema as `sanity schema extract` writes it (the same `defineType`s the Studio runs, in the form
 * typegen reads). The one place that knows where the file lives: move it here and nowhere else.
 */
export const EXTRACTED_SCHEMA_URL = new URL('../../../schemas/schema.json', import.meta.url)

/** One node of the extracted schema (typegen's intermediate form), as far as the decoder reads it. */
export interface SchemaNode {
  type: string
  value?: unknown
  name?: string
  of?: SchemaNode | SchemaNode[]
  attributes?: Record<string, {type: string; value: SchemaNode; optional?: boolean}>
  rest?: SchemaNode
}

export interface SchemaEntry {
  name: string
  type: 'document' | 'type'
  attributes?: Record<string, {type: string; value: SchemaNode; optional?: boolean}>
  value?: SchemaNode
}

let loaded: SchemaEntry[] | undefined

export function extractedSchema(): SchemaEntry[] {
  loaded ??= JSON.parse(readFileSync(EXTRACTED_SCHEMA_URL, 'utf8')) as SchemaEntry[]
  return loaded
}
