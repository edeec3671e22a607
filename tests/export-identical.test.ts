import {execFile} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, realpathSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {writeDataset} from '../bench/write-dataset.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * Pins the releases byte for byte: the embedded dataset and 1,000 articles from the benchmark's generator, exported
 * through the real CLI as of 2026-11-26, must give the recorded release (its id fingerprints the manifest, which
 * fingerprints every file) and the recorded file digests (read from disk, not from the manifest). The printed
 * report and the `--json` summary of the embedded dataset are pinned beside them.
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
  releaseId: string
  /** Every file of the release, by path, with its sha256; or, for large releases, one sha256 over that list. */
  files: Record<string, string> | {count: number; sha256: string}
}

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
  const files: Record<string, string> = {}
  for (const entry of readdirSync(release, {recursive: true, withFileTypes: true})) {
    if (!entry.isFile()) continue
    const full = path.join(entry.parentPath, entry.name)
    files[path.relative(release, full).split(path.sep).join('/')] = createHash('sha256').update(readFileSync(full)).digest('hex')
  }
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  const releaseId = path.basename(release)
  if (!whole) return {releaseId, files: sorted}
  const list = Object.entries(sorted).map(([name, sha]) => `${sha}  ${name}\n`).join('')
  return {releaseId, files: {count: Object.keys(sorted).length, sha256: createHash('sha256').update(list).digest('hex')}}
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
    pin('embedded-report.txt', text.replaceAll(dir, '<tmp>'))
    pin('embedded-report.json', json.replaceAll(dir, '<tmp>'))
  })

  it('exports 1,000 generated articles (the benchmark generator, seed 1) to the recorded release', async () => {
    const dir = tempDir('vetted-identical-')
    const dataset = path.join(dir, 'dataset.ndjson')
    await writeDataset(dataset, {n: 1000, seed: 1, asOf: AS_OF})
    await exportCli(dataset, path.join(dir, 'out'), true)
    pin('generated-1000-release.json', `${JSON.stringify(digestOf(path.join(dir, 'out'), true), null, 2)}\n`)
  }, 180_000)
})
