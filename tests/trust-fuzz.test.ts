import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {publicationPolicy} from '../pipeline/export/review-policy.ts'
import {afterAll, describe, expect, it} from 'vitest'
import {type Doc, generateDataset} from '../bench/generate.ts'
import {exportArticle} from '../pipeline/export/work.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {decodeDocument} from '../pipeline/source/decode/decode-document.ts'
import {SourceError} from '../pipeline/source/errors.ts'
import {openSource} from '../pipeline/source/open.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {contentHash} from '../domain/content-hash.ts'
import {reviewState} from '../domain/review-status.ts'
import {ARTIFACTS, newFigures, recordFigures} from './trust/figures.ts'

/**
 * Fuzzing with fast-check over what writers and datasets can hold: Portable Text bodies of any shape and NDJSON
 * files of any content. Nothing may throw; every problem comes back as a finding, a render message or a source
 * problem, each with a rule id. `FUZZ_RUNS` sets the cases per property (small in `npm test`, 10,000 in
 * `npm run fuzz:nightly`).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 100)
const AS_OF = '2026-11-26'
const ARTICLE_SCHEMA = realExportStages().articleSchema
const stages = realExportStages()
const figures = newFigures()

/** Stage exceptions the export turned into `export-article-failed` findings: bugs to fix, listed for people. */
const internalFailures = new Map<string, number>()

const temporaries: string[] = []
function temporary(dir: string): string {
  temporaries.push(dir)
  return dir
}

afterAll(() => {
  // Crash points are fixed where the wrong value enters (the decoder), not caught later: none may remain.
  expect([...internalFailures.keys()]).toEqual([])
  for (const dir of temporaries) rmSync(dir, {recursive: true, force: true})
  mkdirSync(ARTIFACTS, {recursive: true})
  const list = [...internalFailures].sort((a, b) => b[1] - a[1]).map(([message, cases]) => ({message, cases}))
  writeFileSync(path.join(ARTIFACTS, 'trust-fuzz-internal-failures.json'), `${JSON.stringify(list, null, 2)}\n`)
  recordFigures('fuzz', figures)
})

/** A case's time budget: rendering is the slow part (~10 ms for a small body). */
function budget(runs: number, msPerRun: number): number {
  return 60_000 + runs * msPerRun
}

async function baseDocuments(seed: number): Promise<Doc[]> {
  const documents: Doc[] = []
  for await (const doc of generateDataset({n: 2, seed, words: 60, drafts: false, asOf: AS_OF})) documents.push(doc)
  return documents
}

/**
 * One article through the export's per-article unit (validate, render, write), as the export runs it: the
 * content hash and review state first, then `exportArticle`. Throws only if something escapes the export.
 */
async function exportOne(article: SourceArticle, settings: SourceSettings | null, dir: string) {
  const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf: AS_OF})
  const work = await exportArticle(
    {article, review, contentHash: hash, dir},
    {
      settings,
      asOf: AS_OF,
      datasetLabel: 'fuzz',
      strict: false,
      policy: publicationPolicy(settings),
      formats: FORMATS,
      rendererVersion: 'fuzz',
      fsync: false,
      articleSchema: ARTICLE_SCHEMA,
    },
    stages,
  )
  for (const finding of work.findings) {
    expect(finding.ruleId).toMatch(/\S/)
    if (finding.ruleId === 'export-article-failed')
      internalFailures.set(
        finding.reason.replace(/\(.*\)/s, (m) => m.slice(0, 90)),
        (internalFailures.get(finding.reason) ?? 0) + 1,
      )
  }
  // Blocked means an error says why; exported means the files are there.
  if (work.outcome === 'blocked') expect(work.findings.some((finding) => finding.severity === 'error')).toBe(true)
  else expect(Object.keys(work.files).length).toBe(5)
  return work
}

// Portable Text pieces, weighted towards what the schema allows and then everything it does not.
const text = fc.oneof(
  fc.string({maxLength: 40}),
  fc.constantFrom('', ' ', '\n', '\u0000', '\u2028', '<script>alert(1)</script>', 'a  b', 'https://x.org/"<b>'),
)
const key = fc.oneof(fc.stringMatching(/^[a-z0-9]{1,6}$/), fc.constantFrom('', '__proto__', 'constructor'))
const markDef = fc.record(
  {
    _type: fc.oneof(fc.constant('link'), fc.string({maxLength: 8})),
    _key: key,
    href: fc.oneof(
      fc.webUrl(),
      fc.constantFrom('javascript:alert(1)', ' data:text/html,x', '/local', '', '//evil.example'),
      fc.string({maxLength: 20}),
      fc.integer(),
    ),
  },
  {requiredKeys: ['_key']},
)
const span = fc.record(
  {
    _type: fc.oneof(fc.constant('span'), fc.string({maxLength: 8})),
    _key: key,
    text: fc.oneof(text, fc.integer(), fc.constant(null)),
    marks: fc.oneof(
      fc.array(fc.oneof(fc.constantFrom('strong', 'em', 'code', 'underline'), key), {maxLength: 3}),
      fc.constant(null),
      fc.string(),
    ),
  },
  {requiredKeys: ['_type']},
)
const marker = fc.record({
  _type: fc.constant('citationMarker'),
  _key: key,
  citation: fc.oneof(
    fc.record({
      _type: fc.constant('reference'),
      _ref: fc.constantFrom('citation.c0', 'citation.c1', 'citation.missing', ''),
    }),
    fc.constant(null),
    fc.integer(),
  ),
})
const block = fc.record(
  {
    _type: fc.oneof(fc.constant('block'), fc.constant('image'), fc.string({maxLength: 8})),
    _key: key,
    style: fc.oneof(
      fc.constantFrom('normal', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote'),
      fc.string({maxLength: 6}),
      fc.constant(null),
    ),
    listItem: fc.oneof(fc.constantFrom('bullet', 'number', 'square'), fc.constant(undefined)),
    level: fc.oneof(fc.integer({min: -2, max: 12}), fc.constant(undefined), fc.double()),
    markDefs: fc.oneof(fc.array(markDef, {maxLength: 3}), fc.constant(null)),
    children: fc.oneof(
      fc.array(fc.oneof(span, span, marker, fc.anything({maxDepth: 2})), {maxLength: 6}),
      fc.constant(null),
      fc.string(),
    ),
  },
  {requiredKeys: ['_type']},
)
const body = fc.array(fc.oneof({weight: 8, arbitrary: block}, {weight: 1, arbitrary: fc.anything({maxDepth: 3})}), {
  maxLength: 12,
})

describe('fuzzing: nothing the input holds makes the pipeline throw', () => {
  it(
    `exports ${RUNS} articles with Portable Text bodies of any shape: files or findings with rule ids, never a crash`,
    async () => {
      const documents = await baseDocuments(11)
      const dir = temporary(mkdtempSync(path.join(tmpdir(), 'vetted-trust-fuzz-pt-')))
      const file = path.join(dir, 'dataset.ndjson')
      writeFileSync(file, documents.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
      const source = await openSource({dataset: file, env: {}, cwd: dir})
      const template = (await source.getArticle('article.a000000'))!
      const settings = await source.getSettings()
      await source.close()
      await fc.assert(
        fc.asyncProperty(body, async (generated) => {
          figures.fuzzCases += 1
          // As the source does: the body is decoded against the schema first; what does not decode is left out and
          // blocks the article with a finding, so the renderer only ever sees well-typed bodies.
          const decoded = decodeDocument({_id: template._id, _type: 'article', _rev: template._rev, body: generated})
          const article: SourceArticle = {...template, body: (decoded.document.body ?? null) as SourceArticle['body']}
          if (decoded.findings.length > 0) {
            article.decodeFindings = decoded.findings
            for (const finding of decoded.findings) expect(finding.path).toMatch(/^body/)
          }
          try {
            await exportOne(article, settings, mkdtempSync(path.join(dir, 'a-')))
          } catch (error) {
            figures.uncaught += 1
            throw error
          }
        }),
        {numRuns: RUNS},
      )
    },
    budget(RUNS, 40),
  )

  it(
    `reads ${RUNS} NDJSON datasets of any content, reporting every bad line and dangling reference as a source problem`,
    async () => {
      const documents = await baseDocuments(23)
      const dir = temporary(mkdtempSync(path.join(tmpdir(), 'vetted-trust-fuzz-ndjson-')))
      await fc.assert(
        fc.asyncProperty(ndjson(documents), async (lines) => {
          figures.fuzzCases += 1
          const file = path.join(dir, 'dataset.ndjson')
          writeFileSync(file, lines.join('\n'))
          try {
            await readEverything(file, dir)
          } catch (error) {
            // A source that cannot be read at all is a reported failure (exit code 2), not a crash.
            if (error instanceof SourceError) return
            figures.uncaught += 1
            throw error
          }
        }),
        {numRuns: RUNS},
      )
    },
    budget(RUNS, 60),
  )

  const exportRuns = Math.max(5, Math.round(RUNS / 50))
  it(
    `exports ${exportRuns} fuzzed datasets end to end: a release or a source error, never a crash, and a finding for every blocked article`,
    async () => {
      const documents = await baseDocuments(37)
      const root = temporary(mkdtempSync(path.join(tmpdir(), 'vetted-trust-fuzz-export-')))
      let run = 0
      await fc.assert(
        fc.asyncProperty(ndjson(documents), async (lines) => {
          figures.fuzzCases += 1
          const dir = path.join(root, String(run++))
          const file = path.join(root, `${run}.ndjson`)
          writeFileSync(file, lines.join('\n'))
          let result
          try {
            result = await runExport(
              {
                outDir: dir,
                dataset: file,
                asOf: AS_OF,
                strict: false,
                formats: FORMATS,
                keep: 1,
                fsync: false,
                cwd: root,
                env: {},
              },
              stages,
            )
          } catch (error) {
            if (error instanceof SourceError) return
            figures.uncaught += 1
            throw error
          }
          for (const entry of result.manifest.articles) {
            if (entry.status === 'blocked') expect(entry.findings?.length ?? 0, entry.id).toBeGreaterThan(0)
          }
        }),
        {numRuns: exportRuns},
      )
    },
    budget(exportRuns, 1_500),
  )
})

/** Reads a dataset the way the commands do: every article, the settings, and the problems met. */
async function readEverything(file: string, cwd: string): Promise<void> {
  // As validate reads: damage reported, not refused, so every readable document is still exercised.
  const source = await openSource({dataset: file, env: {}, cwd, damaged: 'report'})
  try {
    const settings = await source.getSettings()
    for await (const row of source.listArticles()) {
      const article = await source.getArticle(row._id)
      if (article) await exportOne(article, settings, mkdtempSync(path.join(cwd, 'a-')))
    }
    for (const problem of source.problems()) expect(problem.ruleId).toMatch(/\S/)
  } finally {
    await source.close()
  }
}

/** A valid dataset, then mangled: fields replaced by anything, documents dropped or duplicated, garbage lines. */
function ndjson(documents: readonly Doc[]): fc.Arbitrary<string[]> {
  const fields = [...new Set(documents.flatMap((doc) => Object.keys(doc)))]
  const edit = fc.record({
    doc: fc.nat(documents.length - 1),
    field: fc.constantFrom(...fields, '_id', '_type', '__proto__'),
    value: fc.oneof(fc.jsonValue({maxDepth: 3}), fc.constant(undefined)),
  })
  const garbage = fc.oneof(
    fc.string({maxLength: 30}),
    fc.jsonValue({maxDepth: 2}).map((value) => JSON.stringify(value) ?? ''),
    fc.constantFrom(
      '{',
      '[]',
      'null',
      '\ufeff{"_id":"x","_type":"article"}',
      '{"_id":"drafts.article.a000000","_type":"article","title":"draft"}',
      '{"_type":"article"}',
      '{"_id":"a"}\r',
    ),
  )
  return fc
    .record({
      edits: fc.array(edit, {maxLength: 6}),
      drop: fc.array(fc.nat(documents.length - 1), {maxLength: 3}),
      extra: fc.array(garbage, {maxLength: 4}),
      at: fc.nat(),
    })
    .map(({edits, drop, extra, at}) => {
      const copies = documents.map((doc) => structuredClone(doc) as Record<string, unknown>)
      for (const {doc, field, value} of edits) {
        if (value === undefined) delete copies[doc]![field]
        else copies[doc]![field] = value
      }
      const lines = copies.filter((_, index) => !drop.includes(index)).map((doc) => JSON.stringify(doc))
      lines.splice(at % (lines.length + 1), 0, ...extra)
      return lines
    })
}
