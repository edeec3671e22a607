import {createHash} from 'node:crypto'
import type {ErrorObject, ValidateFunction} from 'ajv/dist/2020.js'
import {createAjv} from '../../validators/ajv-profiles.ts'
import {precompiled} from '../../validators/precompiled.ts'
import type {PathSegment} from '../../../schemas/rules/rule.ts'
import {isRecord, joinPath} from '../document-walk.ts'
import {printable} from '../printable.ts'
import type {Decoded, DecodeFinding} from '../types.ts'

export type {DecodeFinding}
import {extractedSchema} from './extracted-schema.ts'
import {documentJsonSchemas} from './json-schema.ts'

/**
 * Every document is checked against its type's schema (the Studio's, extracted; see `json-schema.ts`) where it
 * enters the pipeline. A value of the wrong kind is a finding that names the document, the Sanity path, what was
 * expected and what was found; the field is then left out, so what the code downstream reads is well typed.
 */

export type {Decoded} from '../types.ts'

/** At most this many findings per document: one wrong list can fail thousands of items. */
const MAX_FINDINGS = 20

let schemas: Map<string, object> | undefined
const validators = new Map<string, ValidateFunction>()
let ajv: ReturnType<typeof createAjv> | undefined

/**
 * The type's validator, made when a document of that type is first met: precompiled (pipeline/validators/) unless
 * the Studio schema changed since `npm run validators`, else compiled.
 */
function validatorFor(type: string): ValidateFunction | undefined {
  schemas ??= documentJsonSchemas(extractedSchema())
  let validate = validators.get(type)
  const schema = schemas.get(type)
  if (validate === undefined && schema !== undefined) {
    validate = precompiled('decode', JSON.stringify(schema)) ?? (ajv ??= createAjv('decode')).compile(schema)
    validators.set(type, validate)
  }
  return validate
}

/** The document types the decoder knows (those of the Studio schema). */
export function decodedTypes(): string[] {
  schemas ??= documentJsonSchemas(extractedSchema())
  return [...schemas.keys()]
}

/** A hash of every decoder: what a saved decode result depends on (see `SourceSnapshot`). */
export function decoderFingerprint(): string {
  return createHash('sha256')
    .update(JSON.stringify([...documentJsonSchemas(extractedSchema())]))
    .digest('hex')
}

export function decodeDocument(input: Record<string, unknown>): Decoded {
  const decoded = decodeAgainstSchema(input)
  return input._type === 'article' ? withRevision(decoded) : decoded
}

/**
 * An article's `_rev` is what its outputs say was examined (the manifest's `revision`, article.json's
 * `source.revision`, which must hold a character). Sanity gives every document one, but the schema requires no
 * system field, so a dataset line may lack it: such an article is refused here with a finding, and reads as the
 * revision the source's listing gives it (''), so its manifest entry still holds text.
 */
function withRevision(decoded: Decoded): Decoded {
  const {document} = decoded
  const revision = document._rev
  if (typeof revision === 'string' && /\S/.test(revision)) return decoded
  // A `_rev` of the wrong kind was reported by the schema already.
  if (decoded.findings.some((finding) => finding.path === '_rev'))
    return {...decoded, document: {...document, _rev: ''}}
  const id = typeof document._id === 'string' ? document._id : ''
  const found = describeValue(revision)
  const expected = 'a revision (`_rev`, the text Sanity gives every document)'
  const finding: DecodeFinding = {
    ruleId: 'source:invalid-value',
    documentId: id,
    documentType: 'article',
    path: '_rev',
    segments: ['_rev'],
    expected,
    found,
    message:
      `article \`${printable(id)}\` _rev: expected ${expected}, found ${found}. Export the dataset from Sanity ` +
      'again; until then this article is not published anew (its last good version stays).',
  }
  return {document: {...document, _rev: ''}, findings: [...decoded.findings, finding]}
}

function decodeAgainstSchema(input: Record<string, unknown>): Decoded {
  const type = typeof input._type === 'string' ? input._type : ''
  const validate = validatorFor(type)
  if (!validate) return {document: input, findings: []}
  // A field set to null is unset, as GROQ and the Studio read it.
  const document = Object.values(input).includes(null)
    ? Object.fromEntries(Object.entries(input).filter(([, value]) => value !== null))
    : input
  if ((validate as (data: unknown) => boolean)(document)) return {document, findings: []}
  const id = typeof document._id === 'string' ? document._id : ''
  const findings = findingsOf(validate.errors ?? [], document, id, type)
  const fields = findings.map((finding) => finding.segments[0])
  const drop = new Set(fields.filter((field) => typeof field === 'string' && field !== '_id' && field !== '_type'))
  // fromEntries defines own properties: a `__proto__` key stays data, as JSON.parse left it.
  const kept = Object.fromEntries(Object.entries(document).filter(([key]) => !drop.has(key)))
  return {document: kept, findings}
}

function findingsOf(errors: readonly ErrorObject[], document: unknown, id: string, type: string): DecodeFinding[] {
  const byPath = new Map<string, DecodeFinding>()
  for (const error of errors) {
    // `if` only says a `then` failed (reported on its own); `anyOf` is the summary of its branches.
    if (error.keyword === 'if' || (error.keyword === 'anyOf' && byPath.size > 0)) continue
    const segments = pointerSegments(error.instancePath)
    if (error.keyword === 'required') segments.push(String(error.params.missingProperty))
    const path = segments.reduce<string>((joined, segment) => joinPath(joined, segment as string | number), '')
    const earlier = byPath.get(path)
    // A value outside a fixed set fails twice (its type and the set): the set says more.
    if (earlier && !(error.keyword === 'enum' && earlier.expected === TYPE_WORDS.string)) continue
    const value = valueAt(document, segments)
    const expected = expectedOf(error)
    const found = error.keyword === 'required' ? 'nothing' : foundOf(error, value)
    const where = `${type} \`${printable(id)}\` ${path || '(document)'}`
    byPath.set(path, {
      ruleId: 'source:invalid-value',
      documentId: id,
      documentType: type,
      path,
      segments,
      expected,
      found,
      message: `${where}: expected ${expected}, found ${found}. ${advice(type)}`,
    })
    if (byPath.size >= MAX_FINDINGS) break
  }
  return [...byPath.values()]
}

function advice(type: string): string {
  if (type === 'settings') return 'Correct it in the Studio (Settings); nothing is exported until they are valid.'
  if (type === 'article') {
    return 'Correct it in the Studio; until then this article is not published anew (its last good version stays).'
  }
  return (
    `Correct it in the Studio; until then the articles that use this ${type} are not published anew ` +
    '(their last good versions stay).'
  )
}

function pointerSegments(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((part) => {
      const name = part.replaceAll('~1', '/').replaceAll('~0', '~')
      return /^\d+$/.test(name) ? Number(name) : name
    })
}

function valueAt(document: unknown, segments: readonly PathSegment[]): unknown {
  let value = document
  for (const segment of segments) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment]
    else if (isRecord(value) && typeof segment === 'string' && Object.hasOwn(value, segment)) value = value[segment]
    else return undefined
  }
  return value
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'nothing',
}

function expectedOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'type':
      return String(params.type)
        .split(',')
        .map((type) => TYPE_WORDS[type] ?? type)
        .join(' or ')
    case 'enum':
      return `one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`
    case 'const':
      return JSON.stringify(params.allowedValue)
    case 'required':
      return `a value (the field is required)`
    case 'maxLength':
      return `text of at most ${String(params.limit)} characters`
    case 'maxItems':
      return `at most ${String(params.limit)} items`
    case 'minimum':
      return `a number of at least ${String(params.limit)}`
    case 'maximum':
      return `a number of at most ${String(params.limit)}`
    case 'anyOf':
      return 'one of the shapes the schema allows'
    default:
      return error.message ?? 'a value the schema allows'
  }
}

function foundOf(error: ErrorObject, value: unknown): string {
  if (error.keyword === 'maxLength' && typeof value === 'string') return `${[...value].length} characters`
  if (error.keyword === 'maxItems' && Array.isArray(value)) return `${value.length} items`
  return describeValue(value)
}

/** A value as a message can show it: its kind, and a short, escaped rendering. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (value === undefined) return 'nothing'
  if (typeof value === 'string') return `the text "${printable(value, 40)}"`
  if (typeof value === 'number' || typeof value === 'boolean') return `the ${typeof value} ${String(value)}`
  if (Array.isArray(value)) return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`
  if (isRecord(value)) {
    const type = typeof value._type === 'string' ? ` of type "${printable(value._type, 40)}"` : ''
    return `an object${type}`
  }
  return typeof value
}
