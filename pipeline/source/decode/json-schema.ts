import {FIELD_LIMITS} from '../../../schemas/limits.ts'
import type {ValueLimit} from '../../../schemas/limits.ts'
import type {SchemaEntry, SchemaNode} from './extracted-schema.ts'

/**
 * The extracted Studio schema as JSON Schema (draft 2020-12), one per document type, with the shared limits of
 * `schemas/limits.ts` laid over it. Nothing here names a field: a field added to a `defineType` (and extracted)
 * is checked without an edit.
 *
 * Choices, each the Studio's own behaviour:
 * - fields the schema does not know are allowed (Sanity keeps values of removed fields);
 * - `_key` and the system fields (`_rev`, `_createdAt`, `_updatedAt`) are not required (missing keys are the
 *   source's own finding); `_id` and `_type` are, and `_type` of a nested object is checked only when present;
 * - a list of objects of several types is decided by each item's `_type`, so a finding points into the item.
 */

export type JsonSchema = Record<string, unknown>

const NOT_REQUIRED = new Set(['_key', '_rev', '_createdAt', '_updatedAt'])

export function documentJsonSchemas(schema: readonly SchemaEntry[]): Map<string, JsonSchema> {
  const named = new Map(schema.map((entry) => [entry.name, entry]))
  const defs: Record<string, JsonSchema> = {}
  for (const entry of schema) {
    if (entry.type === 'type' && entry.value) defs[entry.name] = toJsonSchema(entry.value, named, undefined, '')
  }
  const documents = new Map<string, JsonSchema>()
  for (const entry of schema) {
    if (entry.type !== 'document' || entry.name.startsWith('sanity.')) continue
    const node = {type: 'object', attributes: entry.attributes ?? {}}
    const body = objectSchema(node, named, FIELD_LIMITS[entry.name], '', true)
    documents.set(entry.name, {$schema: 'https://json-schema.org/draft/2020-12/schema', $defs: defs, ...body})
  }
  return documents
}

type Limits = Readonly<Record<string, ValueLimit>> | undefined

function toJsonSchema(node: SchemaNode, named: Map<string, SchemaEntry>, limits: Limits, path: string): JsonSchema {
  const limit = withLimit(limits?.[path])
  switch (node.type) {
    case 'string':
      return node.value === undefined ? {type: 'string', ...limit('string')} : {const: node.value}
    case 'number':
      if (node.value !== undefined) return {const: node.value}
      return {type: limits?.[path]?.integer ? 'integer' : 'number', ...limit('number')}
    case 'boolean':
      return node.value === undefined ? {type: 'boolean'} : {const: node.value}
    case 'null':
      return {type: 'null'}
    case 'inline': {
      // Inlined where a limit applies inside it (a citation's `authors[].family`), referenced everywhere else.
      const target = named.get(node.name ?? '')
      const limited = Object.keys(limits ?? {}).some((key) => key.startsWith(`${path}.`) || key.startsWith(`${path}[]`))
      if (limited && target?.value) return toJsonSchema(target.value, named, limits, path)
      return {$ref: `#/$defs/${jsonPointerEscape(node.name ?? '')}`}
    }
    case 'array':
      return {type: 'array', items: toJsonSchema(node.of as SchemaNode, named, limits, `${path}[]`), ...limit('array')}
    case 'object':
      return objectSchema(node, named, limits, path)
    case 'union':
      return unionSchema(node.of as SchemaNode[], named, limits, path)
    default:
      return {}
  }
}

function objectSchema(
  node: SchemaNode,
  named: Map<string, SchemaEntry>,
  limits: Limits,
  path: string,
  isDocument = false,
): JsonSchema {
  const properties: Record<string, JsonSchema> = {}
  const required: string[] = []
  for (const [name, attribute] of Object.entries(node.attributes ?? {})) {
    properties[name] = toJsonSchema(attribute.value, named, limits, path === '' ? name : `${path}.${name}`)
    // `_type` is required of documents and of the items of mixed lists (`unionSchema`), not of nested objects.
    if (!attribute.optional && !NOT_REQUIRED.has(name) && (name !== '_type' || isDocument)) required.push(name)
  }
  const own: JsonSchema = {type: 'object', properties, ...(required.length > 0 ? {required} : {})}
  return node.rest ? {allOf: [own, toJsonSchema(node.rest, named, limits, path)]} : own
}

/** Strings of a fixed set become `enum`; objects are told apart by `_type`; anything else is `anyOf`. */
function unionSchema(members: SchemaNode[], named: Map<string, SchemaEntry>, limits: Limits, path: string): JsonSchema {
  if (members.every((member) => member.type === 'string' && member.value !== undefined)) {
    return {type: 'string', enum: members.map((member) => member.value)}
  }
  const types = members.map((member) => typeConstant(member, named))
  if (types.every((type) => type !== undefined)) {
    return {
      type: 'object',
      required: ['_type'],
      properties: {_type: {enum: types}},
      allOf: members.map((member, index) => ({
        if: {properties: {_type: {const: types[index]}}, required: ['_type']},
        then: toJsonSchema(member, named, limits, path),
      })),
    }
  }
  return {anyOf: members.map((member) => toJsonSchema(member, named, limits, path))}
}

/** The `_type` an object node fixes, looking through named types and `rest`. */
function typeConstant(node: SchemaNode, named: Map<string, SchemaEntry>, depth = 0): string | undefined {
  if (depth > 8) return undefined
  if (node.type === 'inline') {
    const target = named.get(node.name ?? '')
    return target?.value ? typeConstant(target.value, named, depth + 1) : undefined
  }
  if (node.type !== 'object') return undefined
  const own = node.attributes?._type?.value
  if (own && own.type === 'string' && typeof own.value === 'string') return own.value
  return node.rest ? typeConstant(node.rest, named, depth + 1) : undefined
}

function withLimit(limit: ValueLimit | undefined) {
  return (kind: 'string' | 'number' | 'array'): JsonSchema => {
    if (!limit) return {}
    if (kind === 'string') return limit.maxLength === undefined ? {} : {maxLength: limit.maxLength}
    if (kind === 'array') return limit.maxItems === undefined ? {} : {maxItems: limit.maxItems}
    return {
      ...(limit.minimum === undefined ? {} : {minimum: limit.minimum}),
      ...(limit.maximum === undefined ? {} : {maximum: limit.maximum}),
    }
  }
}

function jsonPointerEscape(name: string): string {
  return name.replaceAll('~', '~0').replaceAll('/', '~1')
}
