import {spawnSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {extractedSchema} from '../pipeline/source/decode/extracted-schema.ts'
import type {SchemaEntry, SchemaNode} from '../pipeline/source/decode/extracted-schema.ts'
import {joinPath} from '../pipeline/source/document-walk.ts'
import {SourceError} from '../pipeline/source/errors.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {FIELD_LIMITS} from '../schemas/limits.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {newFigures, recordFigures} from './trust/figures.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

/**
 * Every field of every document type, given a value of every wrong kind, end to end through the export: the
 * mutations are generated from the Studio's extracted schema (a field added there is mutated without an edit
 * here), applied one at a time to a document the reference article uses, and exported over the live release of
 * the untouched dataset. For each: no crash or stack, exit 1 (the article is kept at its last good bundle) or 2
 * (nothing switched), a finding that names the document and the path, and a live release that verifies.
 *
 * In-process through `runExport` (the command's own code path below the argument parsing); a handful through the
 * CLI at the end.
 */

afterAll(removeTempDirs)

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const EMBEDDED = path.join(ROOT, 'studio', 'dataset', 'production.ndjson')
const AS_OF = '2026-11-26'
const ARTICLE = 'article.infant-mental-health'
const SYSTEM = new Set(['_id', '_type', '_rev', '_createdAt', '_updatedAt'])
const figures = newFigures()

type Kind = 'string' | 'number' | 'boolean' | 'object' | 'array'
const SAMPLES: Record<Kind, unknown> = {
  string: 'a value of the wrong kind',
  number: 42,
  boolean: true,
  object: {unexpected: 1},
  array: [1, 'two'],
}

interface Mutation {
  label: string
  documentId: string
  path: Array<string | number>
  value: unknown
}

const lines = readFileSync(EMBEDDED, 'utf8').trim().split('\n')
const base = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
const byId = new Map(base.map((doc) => [doc._id as string, doc]))

/** The documents the reference article uses, one of each type: what a mutation there must block. */
function targets(): Record<string, string> {
  type Child = {_type: string; citation?: {_ref: string}}
  const article = byId.get(ARTICLE) as {authors: Array<{_ref: string}>; body: Array<{children?: Child[]}>}
  const children = article.body.flatMap((block) => block.children ?? [])
  const cited = children.find((child) => child._type === 'citationMarker')?.citation?._ref ?? ''
  const reviews = base.filter((doc) => doc._type === 'review')
  const review = reviews.find((doc) => (doc.article as {_ref?: string} | undefined)?._ref === ARTICLE)
  const person = article.authors[0]?._ref ?? ''
  return {article: ARTICLE, person, citation: cited, review: String(review?._id), settings: 'settings'}
}

function kindOf(node: SchemaNode, named: Map<string, SchemaEntry>): Kind | undefined {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'array':
    case 'object':
      return node.type
    case 'inline': {
      const target = named.get(node.name ?? '')
      return target?.value ? kindOf(target.value, named) : undefined
    }
    case 'union': {
      const kinds = new Set((node.of as SchemaNode[]).map((member) => kindOf(member, named)))
      return kinds.size === 1 ? [...kinds][0] : undefined
    }
    default:
      return undefined
  }
}

/** Wrong values for one schema node: every other kind, a value outside a fixed list, and values past the limits. */
type Limit = (typeof FIELD_LIMITS)[string][string] | undefined

function wrongValues(node: SchemaNode, named: Map<string, SchemaEntry>, limit: Limit): Array<[string, unknown]> {
  const kind = kindOf(node, named)
  const others = (Object.keys(SAMPLES) as Kind[]).filter((other) => other !== kind)
  const values: Array<[string, unknown]> = others.map((other) => [other, SAMPLES[other]])
  if (node.type === 'union' && kind === 'string') values.push(['unknown-value', 'klingon'])
  if (limit?.maxLength !== undefined) values.push(['too-long', 'x'.repeat(limit.maxLength + 1)])
  if (limit?.maximum !== undefined) values.push(['too-large', limit.maximum + 1])
  if (limit?.minimum !== undefined) values.push(['too-small', limit.minimum - 1])
  if (limit?.integer) values.push(['not-whole', 1.5])
  return values
}

function mutations(): Mutation[] {
  const schema = extractedSchema()
  const named = new Map(schema.map((entry) => [entry.name, entry]))
  const list: Mutation[] = []
  for (const [type, documentId] of Object.entries(targets())) {
    const entry = named.get(type)
    for (const [field, attribute] of Object.entries(entry?.attributes ?? {})) {
      if (SYSTEM.has(field)) continue
      for (const [kind, value] of wrongValues(attribute.value, named, FIELD_LIMITS[type]?.[field])) {
        list.push({label: `${type} ${field} ← ${kind}`, documentId, path: [field], value})
      }
    }
  }
  // Inside Portable Text: a span's text, a whole block, a block's children.
  const blockContent = named.get('blockContent')?.value?.of as SchemaNode
  const block = (blockContent.rest ? blockContent : blockContent) as SchemaNode
  const pieces: Array<[string, Array<string | number>, SchemaNode]> = [
    ['span text', ['body', 0, 'children', 0, 'text'], {type: 'string'}],
    ['block', ['body', 0], block],
    ['block children', ['body', 0, 'children'], {type: 'array'}],
  ]
  for (const [label, at, node] of pieces) {
    for (const [kind, value] of wrongValues(node, named, undefined)) {
      list.push({label: `article ${label} ← ${kind}`, documentId: ARTICLE, path: at, value})
    }
  }
  return list
}

function mutated(mutation: Mutation): string {
  return base
    .map((doc) => {
      if (doc._id !== mutation.documentId) return JSON.stringify(doc)
      const copy = structuredClone(doc)
      let parent: Record<string | number, unknown> = copy
      for (const segment of mutation.path.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>
      parent[mutation.path.at(-1) as string | number] = mutation.value
      return JSON.stringify(copy)
    })
    .join('\n')
}

const pathText = (segments: ReadonlyArray<string | number | {_key: string}>) =>
  segments.reduce<string>((joined, at) => joinPath(joined, typeof at === 'object' ? `[_key=="${at._key}"]` : at), '')

/**
 * Cases that fail until the export-side parts of issue 15 land (the export verifies the staged release before
 * switching, and refuses one verify rejects): none known at the time of writing; listed here by label.
 */
const AWAITING_EXPORT_SIDE = new Set<string>()

const stages = realExportStages()
let dir: string

function exportOptions(dataset: string) {
  const options = {asOf: AS_OF, strict: false, formats: FORMATS, keep: 2, fsync: false}
  return {outDir: 'out', dataset, ...options, cwd: dir, env: {}}
}

beforeAll(async () => {
  dir = tempDir('vetted-mutations-')
  copyEmbeddedDataset(path.join(dir, 'good.ndjson'))
  await runExport(exportOptions('good.ndjson'), stages)
}, 120_000)

afterAll(() => recordFigures('mutations', figures))

describe('every field of every document type, with a value of every wrong kind (generated from the schema)', () => {
  const all = mutations()

  it('covers every field of article, person, citation, review and settings, and the Portable Text pieces', () => {
    const types = new Set(all.map((mutation) => mutation.label.split(' ')[0]))
    expect([...types].sort()).toEqual(['article', 'citation', 'person', 'review', 'settings'])
    expect(all.length).toBeGreaterThan(150)
  })

  for (const mutation of all) {
    const test = AWAITING_EXPORT_SIDE.has(mutation.label) ? it.fails : it
    test(mutation.label, async () => {
      figures.fuzzCases += 1
      writeFileSync(path.join(dir, 'mutated.ndjson'), mutated(mutation))
      const before = readFileSync(path.join(dir, 'out', 'current', 'manifest.json'), 'utf8')
      let code: number
      let named: string[]
      try {
        const result = await runExport(exportOptions('mutated.ndjson'), stages)
        code = result.summary.kept + result.summary.blocked > 0 ? 1 : 0
        const findings = result.findings.flatMap((entry) => entry.findings)
        expect(findings.filter((finding) => finding.ruleId === 'export-article-failed')).toEqual([])
        named = [
          ...findings.map((finding) => `${finding.place.documentId} ${pathText(finding.place.path)}`),
          ...result.sourceProblems.map((problem) => `${problem.documentId ?? ''} ${problem.path ?? ''}`),
        ]
      } catch (error) {
        if (!(error instanceof SourceError)) {
          figures.uncaught += 1
          throw error
        }
        code = 2
        expect(error.message).not.toMatch(/\n/)
        named = [`${mutation.documentId} ${error.message}`]
        expect(readFileSync(path.join(dir, 'out', 'current', 'manifest.json'), 'utf8')).toBe(before)
      }
      expect([1, 2]).toContain(code)
      const where = pathText(mutation.path)
      const naming = named.some((entry) => entry.startsWith(`${mutation.documentId} `) && entry.includes(where))
      expect(naming, named.join('\n')).toBe(true)
      expect((await verifyRelease(path.join(dir, 'out', 'current'))).problems).toEqual([])
    })
  }
})

describe('a handful through the command line', () => {
  const labels = [
    'article title ← number',
    'settings citationStyle ← unknown-value',
    'article span text ← number',
    'citation cslType ← number',
    'person name ← array',
  ]
  const picks = mutations().filter((mutation) => labels.includes(mutation.label))

  it('finds the picks', () => expect(picks).toHaveLength(5))

  for (const mutation of picks) {
    it(`${mutation.label}: exit 1 or 2, no stack, the document named`, () => {
      writeFileSync(path.join(dir, 'cli.ndjson'), mutated(mutation))
      const node = path.join(ROOT, 'node_modules', '.bin', 'node')
      const main = path.join(ROOT, 'pipeline', 'cli', 'main.ts')
      const argv = [main, 'export', '--dataset', 'cli.ndjson', '--out', 'out', '--as-of', AS_OF, '--no-fsync']
      const run = spawnSync(node, argv, {cwd: dir, encoding: 'utf8', env: {...process.env, CI: '1'}})
      expect([1, 2]).toContain(run.status)
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at\s/)
      const named = mutation.documentId === 'settings' ? 'The settings in cli.ndjson' : mutation.documentId
      expect(`${run.stdout}${run.stderr}`).toContain(named)
    }, 60_000)
  }
})
