import {
  existsSync,
  lstatSync,
  rmSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Doc} from '../bench/generate.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS, type Manifest, type ManifestArticle} from '../pipeline/export/release/manifest.ts'
import {bundleId, bundleLink} from '../pipeline/store/bundle-store.ts'
import {writeApprovedDataset, type Approval} from './trust/approved-dataset.ts'
import {runCli} from './trust/cli.ts'
import {ARTIFACTS, newFigures, recordFigures} from './trust/figures.ts'

/**
 * Slugs become folder names. Every slug that could climb out of `articles/` or the release (`..`, `/`, `\`, NUL,
 * the fullwidth solidus and dots), clash with the release's own names (`current`, `releases`, `index.html`, `.git`)
 * or with a Windows device name (`con`, `nul`, `lpt1`) is blocked with a finding and writes nothing, whether
 * validation catches it first (the CLI) or the export's own check must (validation switched off). Nothing outside
 * the release changes. What happened to each slug is written to `test-artifacts/trust-slugs.json`.
 */

const AS_OF = '2026-11-26'
export const HOSTILE_SLUGS: readonly string[] = [
  '..',
  '.',
  '../escape',
  '../../../../tmp/vetted-escape',
  'a/../../b',
  'a/b',
  '/absolute',
  '\\windows',
  'a\\..\\..\\b',
  '..\\escape',
  'nul\u0000byte',
  '\u0000',
  'a\uff0fb',
  '\uff0e\uff0e\uff0fescape',
  '\u2215slash',
  'current',
  'releases',
  'articles',
  'schema',
  'manifest.json',
  'index.html',
  '.git',
  '.well-known',
  'con',
  'CON',
  'nul',
  'aux',
  'prn',
  'com1',
  'lpt9',
  '%2e%2e',
  '%2e%2e%2fescape',
  'a%2fb',
  '~',
  '$HOME',
  'a b',
  'UPPER',
  'café',
  '-lead',
  'trail-',
  'double--hyphen',
  'x'.repeat(300),
  '',
]
/** A plain slug beside them, which must still be exported: blocking everything would also pass. */
const PLAIN = 'plain-article'

const figures = newFigures()
let sandbox: string
let documents: Doc[]
let approvals: Approval[]

function articleId(index: number): string {
  return `article.slug-${String(index).padStart(2, '0')}`
}

beforeAll(() => {
  sandbox = mkdtempSync(path.join(tmpdir(), 'vetted-trust-slugs-'))
  documents = [
    {
      _id: 'person.writer',
      _type: 'person',
      name: 'Ada Writer',
      slug: {_type: 'slug', current: 'ada-writer'},
      roles: ['writer'],
    },
    {
      _id: 'person.reviewer',
      _type: 'person',
      name: 'Rex Reviewer',
      slug: {_type: 'slug', current: 'rex-reviewer'},
      roles: ['medicalReviewer'],
      credentials: 'MD',
    },
  ]
  approvals = []
  const slugs = [...HOSTILE_SLUGS, PLAIN]
  for (const [index, slug] of slugs.entries()) {
    documents.push({
      _id: articleId(index),
      _type: 'article',
      _rev: 'r1',
      title: `Article ${index}`,
      slug: {_type: 'slug', current: slug},
      summary: 'A short article about washing hands.',
      language: 'en',
      audience: 'general-public',
      body: [
        {
          _type: 'block',
          _key: 'p',
          style: 'normal',
          markDefs: [],
          children: [{_type: 'span', _key: 's', text: 'Wash your hands with soap and water.', marks: []}],
        },
      ],
      authors: [{_type: 'reference', _key: 'a', _ref: 'person.writer'}],
      publishedAt: '2026-01-15',
    })
    approvals.push({articleId: articleId(index), reviewerId: 'person.reviewer'})
  }
  figures.hostileSlugs = HOSTILE_SLUGS.length
})

afterAll(() => {
  recordFigures('slugs', figures)
  if (sandbox) rmSync(sandbox, {recursive: true, force: true})
})

/** Every entry below `dir`, as relative paths, with what it is (symlinks are not followed). */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix))
    .sort()
    .flatMap((name) => {
      const relative = prefix ? `${prefix}/${name}` : name
      const stat = lstatSync(path.join(dir, relative))
      if (stat.isDirectory()) return [`${relative}/`, ...tree(dir, relative)]
      return [stat.isSymbolicLink() ? `${relative} ->` : relative]
    })
}

interface Outcome {
  slug: string
  status: ManifestArticle['status'] | 'missing'
  ruleIds: string[]
  files: number
}

function outcomes(manifest: Manifest): Outcome[] {
  return [...HOSTILE_SLUGS, PLAIN].map((slug, index) => {
    const entry = manifest.articles.find((article) => article.id === articleId(index))
    const ruleIds = (entry?.findings ?? [])
      .filter((finding) => finding.severity === 'error')
      .map((finding) => finding.ruleId)
    return {
      slug,
      status: entry?.status ?? 'missing',
      ruleIds: [...new Set(ruleIds)].sort(),
      files: Object.keys(entry?.files ?? {}).length,
    }
  })
}

/** The list of what happened to each slug, for people to read: `test-artifacts/trust-slugs.json`. */
function writeOutcomes(run: string, seen: Outcome[]): void {
  const file = path.join(ARTIFACTS, 'trust-slugs.json')
  mkdirSync(ARTIFACTS, {recursive: true})
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {}
  writeFileSync(file, `${JSON.stringify({...all, [run]: seen}, null, 2)}\n`)
}

const CACHE_FILES = [
  '.cache/',
  '.cache/reuse.json',
  '.cache/source-snapshot.json',
  '.cache/citations.ndjson',
  '.cache/release-code.json',
]

/** What a release may hold: its own files and one folder per exported article, all real paths inside it. */
function checkRelease(out: string, manifest: Manifest) {
  const release = realpathSync(path.join(out, 'current'))
  const exported = manifest.articles.filter((article) => article.status === 'exported').map((article) => article.slug)
  expect(exported).toEqual([PLAIN])
  // Beside the releases only `current`, the export's caches and the bundle store, whose names are fixed or content
  // hashes: no slug reaches them.
  const outside = tree(out).filter((entry) => !entry.startsWith('releases/') || entry === 'releases/')
  const other = (entry: string): boolean => !entry.startsWith('.cache/') && !entry.startsWith('store/')
  expect(outside.filter(other)).toEqual(['current ->', 'releases/'])
  // The link record of each release is named after the release id (a hash), never a slug.
  for (const entry of outside.filter((name) => name.startsWith('.cache/')))
    expect(CACHE_FILES.includes(entry) || /^\.cache\/links-[0-9a-f]{16}$/.test(entry), entry).toBe(true)
  expect(readdirSync(path.join(out, 'releases'))).toEqual([path.basename(release)])
  const bundle = manifest.articles.find((article) => article.slug === PLAIN)?.files ?? {}
  const id = bundleId(bundle)
  const files = ['article.json', 'article.md', 'article.txt', 'fragment.html', 'index.html']
  expect(outside.filter((entry) => entry.startsWith('store/'))).toEqual([
    'store/',
    `store/${id}/`,
    ...files.map((file) => `store/${id}/${file}`),
  ])
  expect(readlinkSync(path.join(release, 'articles', PLAIN))).toBe(bundleLink(id))
  expect(tree(release)).toEqual([
    'articles/',
    `articles/${PLAIN} ->`,
    'index.html',
    'manifest.json',
    'schema/',
    'schema/article.schema.json',
    'schema/manifest.schema.json',
  ])
}

describe('hostile slugs never write outside the release', () => {
  it('blocks each one in the CLI export with a finding, writes nothing for it, and leaves the folders around untouched', async () => {
    const dir = path.join(sandbox, 'cli')
    mkdirSync(path.join(dir, 'work'), {recursive: true})
    // Bait beside and above the output folder, where an escaping slug would land.
    writeFileSync(path.join(dir, 'bait.txt'), 'untouched\n')
    mkdirSync(path.join(dir, 'escape'))
    const file = path.join(dir, 'work', 'dataset.ndjson')
    await writeApprovedDataset(file, documents, approvals)
    const before = tree(dir)
    const parentBefore = readdirSync(sandbox).sort()

    const result = await runCli([
      'export',
      '--dataset',
      file,
      '--out',
      path.join(dir, 'work', 'out'),
      '--as-of',
      AS_OF,
      '--no-fsync',
      '--json',
    ])
    expect(result.code, result.stderr).toBe(1)
    const out = path.join(dir, 'work', 'out')
    const manifest = JSON.parse(readFileSync(path.join(out, 'current', 'manifest.json'), 'utf8')) as Manifest
    const seen = outcomes(manifest)
    writeOutcomes('cli', seen)

    for (const outcome of seen.slice(0, -1)) {
      expect(outcome, JSON.stringify(outcome.slug)).toMatchObject({status: 'blocked', files: 0})
      expect(outcome.ruleIds.length, JSON.stringify(outcome.slug)).toBeGreaterThan(0)
    }
    expect(seen.at(-1)).toEqual({slug: PLAIN, status: 'exported', ruleIds: [], files: 5})
    checkRelease(out, manifest)
    expect(tree(dir).filter((entry) => !entry.startsWith('work/out/'))).toEqual(before)
    expect(readFileSync(path.join(dir, 'bait.txt'), 'utf8')).toBe('untouched\n')
    expect(readdirSync(sandbox).sort()).toEqual(parentBefore)
  })

  it('blocks each one with the export’s own slug check when validation lets everything through', async () => {
    const dir = path.join(sandbox, 'unvalidated')
    mkdirSync(dir, {recursive: true})
    const file = path.join(dir, 'dataset.ndjson')
    await writeApprovedDataset(file, documents, approvals)
    const stages = {...realExportStages(), validateArticle: () => ({findings: [], blocked: false})}
    const result = await runExport(
      {
        outDir: 'out',
        dataset: file,
        asOf: AS_OF,
        strict: false,
        formats: FORMATS,
        keep: 3,
        fsync: false,
        cwd: dir,
        env: {},
      },
      stages,
    )
    const seen = outcomes(result.manifest)
    writeOutcomes('withoutValidation', seen)

    expect(seen.slice(0, -1).filter((outcome) => outcome.status !== 'blocked' || outcome.files > 0)).toEqual([])
    for (const outcome of seen.slice(0, -1))
      expect(outcome.ruleIds, JSON.stringify(outcome.slug)).toEqual(['export-slug-unusable'])
    expect(seen.at(-1)).toEqual({slug: PLAIN, status: 'exported', ruleIds: [], files: 5})
    checkRelease(path.join(dir, 'out'), result.manifest)
    expect(readdirSync(dir).sort()).toEqual(['dataset.ndjson', 'out'])
  })
})
