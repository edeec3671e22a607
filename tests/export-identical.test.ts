import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {writeDataset} from '../bench/write-dataset.ts'
import {canonicalJson} from '../domain/canonical-json.ts'
import {runFingerprint, type ArticleReview, type RunContext} from '../pipeline/export/options.ts'
import {publicationPolicy} from '../pipeline/export/review-policy.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * Pins the releases byte for byte: the embedded dataset and 1,000 articles from the benchmark's generator, exported
 * through the real CLI as of 2026-11-26, must give the recorded file digests (read from disk, not from the
 * manifest). One part is set aside: the manifest's `rendererVersion` ends in a fingerprint of the code under
 * pipeline/render, pipeline/validate and schemas/rules (`stages.ts`), which changes with any edit there, output or
 * not, and so does every article's `inputHash`, which covers it. The manifest is compared with both replaced by
 * placeholders, the input hash's formula is pinned on its own below, and the release id (the manifest's sha256) is
 * only checked to match the manifest. The printed report and the `--json` summary of the embedded dataset are pinned.
 *
 * A change that is meant to change output bumps RENDERER_VERSION and regenerates the fixtures:
 * `UPDATE=1 npx vitest run tests/export-identical.test.ts`, then review the diff.
 */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'export')
const EMBEDDED = path.join(ROOT, 'studio', 'dataset', 'production.ndjson')
const AS_OF = '2026-11-26'
const update = process.env.UPDATE === '1'

interface ReleaseDigest {
  /** Every file of the release, by path, with its sha256; or, for large releases, one sha256 over that list. */
  files: Record<string, string> | {count: number; sha256: string}
}

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

async function exportCli(dataset: string, out: string, json: boolean): Promise<string> {
  const args = ['bin/vetted.js', 'export', '--dataset', dataset, '--as-of', AS_OF, '--out', out, '--no-fsync']
  const {stdout} = await promisify(execFile)(process.execPath, json ? [...args, '--json'] : args, {
    cwd: ROOT,
    env: {...process.env, CI: 'true', SOURCE_DATE_EPOCH: ''},
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: {stdout?: string; code?: number}) => {
    // Exit code 1 (an article blocked) still writes a release; anything else is a failure.
    if (error.code === 1 && typeof error.stdout === 'string') return {stdout: error.stdout}
    throw error
  })
  return stdout
}

function digestOf(out: string, whole: boolean): ReleaseDigest {
  const release = realpathSync(path.join(out, 'current'))
  const manifest = readFileSync(path.join(release, 'manifest.json'), 'utf8')
  expect(path.basename(release)).toBe(sha256(manifest).slice(0, 16))
  const files: Record<string, string> = {}
  for (const entry of readdirSync(release, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    const name = path.relative(release, full).split(path.sep).join('/')
    files[name] = name === 'manifest.json' ? sha256(withoutCodeFingerprint(manifest)) : sha256(readFileSync(full))
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  if (!whole) return {files: sorted}
  const list = Object.entries(sorted)
    .map(([name, sha]) => `${sha}  ${name}\n`)
    .join('')
  return {files: {count: Object.keys(sorted).length, sha256: sha256(list)}}
}

function withoutCodeFingerprint(manifest: string): string {
  return manifest
    .replace(/("rendererVersion": "[^"+]*)\+[0-9a-f]{12}"/, '$1+<code>"')
    .replace(/"inputHash": "[0-9a-f]{64}"/g, '"inputHash": "<code-dependent>"')
}

/** The release id changes with the code fingerprint (see above). */
function withoutRelease(text: string): string {
  return text
    .replace(/releases\/[0-9a-f]{16}/g, 'releases/<id>')
    .replace(/"releaseId": "[0-9a-f]{16}"/g, '"releaseId": "<id>"')
}

/** Compares with the fixture, or writes it under UPDATE=1. */
function pin(name: string, actual: string): void {
  const file = path.join(FIXTURES, name)
  if (update || !existsSync(file)) writeFileSync(file, actual)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

describe('byte-identical releases', () => {
  it('exports the embedded dataset to the recorded release, report and JSON summary', async () => {
    const dir = tempDir('vetted-identical-')
    const text = await exportCli(EMBEDDED, path.join(dir, 'text'), false)
    const json = await exportCli(EMBEDDED, path.join(dir, 'json'), true)
    pin('embedded-release.json', `${JSON.stringify(digestOf(path.join(dir, 'json'), false), null, 2)}\n`)
    expect(digestOf(path.join(dir, 'text'), false)).toEqual(digestOf(path.join(dir, 'json'), false))
    pin('embedded-report.txt', withoutRelease(text.replaceAll(dir, '<tmp>')))
    pin('embedded-report.json', withoutRelease(json.replaceAll(dir, '<tmp>')))
  })

  // 1,000 articles of ~150 words take ~15 s; the benchmark's own size (~1,500 words, ~40-80 s on two shared cores)
  // runs with FULL=1: `FULL=1 npx vitest run tests/export-identical.test.ts`.
  it.each([
    {name: 'generated-1000-release.json', words: 150, run: true},
    {name: 'generated-1000-full-release.json', words: undefined, run: process.env.FULL === '1'},
  ])(
    'exports 1,000 generated articles (the benchmark generator, seed 1, $name) to the recorded release',
    async ({name, words, run}) => {
      if (!run) return
      const dir = tempDir('vetted-identical-')
      const dataset = path.join(dir, 'dataset.ndjson')
      await writeDataset(dataset, {n: 1000, seed: 1, asOf: AS_OF, ...(words === undefined ? {} : {words})})
      await exportCli(dataset, path.join(dir, 'out'), true)
      pin(name, `${JSON.stringify(digestOf(path.join(dir, 'out'), true), null, 2)}\n`)
    },
    300_000,
  )

  it("hashes an article's inputs as the canonical JSON of every input, serialised once per run", () => {
    const settings = {
      _id: 'settings',
      publisherName: 'P & Co "x"',
      reviewIntervalMonths: 12,
      nested: {b: 1, a: [2, undefined, {z: 1, y: 'é'}]},
    }
    const approved = {
      status: 'current',
      lastReviewed: '2026-01-01',
      nextReviewDue: '2027-01-01',
      approvedReview: {_id: 'review.1'},
      edited: false,
      changesRequestedSince: null,
      changesRequestedOn: null,
    }
    const none = {status: 'unreviewed', lastReviewed: null, nextReviewDue: null, approvedReview: null}
    for (const value of [settings, null]) {
      for (const severity of [undefined, {overdue: 'error' as const}]) {
        const run = {
          settings: value,
          asOf: AS_OF,
          datasetLabel: 'studio/dataset/production.ndjson',
          strict: true,
          ...(severity ? {severity} : {}),
          policy: publicationPolicy(null, {overdue: 'block'}),
          formats: ['html', 'md'],
          rendererVersion: '1.1.0+abc',
          fsync: false,
        }
        const fingerprint = runFingerprint(run as unknown as RunContext)
        for (const review of [approved, none]) {
          const r = review as unknown as ArticleReview
          const expected = canonicalJson({
            asOf: run.asOf,
            dataset: run.datasetLabel,
            formats: run.formats,
            policy: run.policy,
            renderer: run.rendererVersion,
            review: {
              status: r.status,
              lastReviewed: r.lastReviewed,
              nextReviewDue: r.nextReviewDue,
              approvedReview: r.approvedReview?._id ?? null,
              edited: r.edited,
              changesRequestedSince: r.changesRequestedSince,
              changesRequestedOn: r.changesRequestedOn,
            },
            settings: value,
            severity: severity ?? null,
            source: 'abc123',
            strict: true,
          })
          expect(fingerprint.inputHash('abc123', r)).toBe(createHash('sha256').update(expected).digest('hex'))
        }
      }
    }
  })
})
