import {readdirSync, readFileSync, lstatSync, readlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {writeDataset} from '../../bench/write-dataset.ts'
import type {ExportOptions} from '../../pipeline/export/options.ts'
import {FORMATS} from '../../pipeline/export/release/manifest.ts'
import {makeTempDir} from './temp-dirs.ts'

/** A fresh temporary folder for one test; the file's `afterAll(removeTempDirs)` deletes it. */
export function tempDir(prefix = 'vetted-export-'): string {
  return makeTempDir(prefix)
}

/** A generated dataset (the benchmark's generator, small articles) written as NDJSON. */
export async function generatedDataset(dir: string, n: number, seed = 7): Promise<string> {
  const file = path.join(dir, 'dataset.ndjson')
  await writeDataset(file, {n, seed, words: 120, drafts: true})
  return file
}

export function readDocuments(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

export function writeDocuments(file: string, documents: ReadonlyArray<Record<string, unknown>>): void {
  writeFileSync(file, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
}

/** Replaces one document (by `_id`) through `change`. */
export function editDocument(
  file: string,
  id: string,
  change: (document: Record<string, unknown>) => Record<string, unknown>,
): void {
  writeDocuments(
    file,
    readDocuments(file).map((document) => (document._id === id ? change(document) : document)),
  )
}

/** Every file below `dir` with its content, for comparing two trees byte for byte. */
export function treeOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(path.join(dir, prefix)).sort()) {
    const relative = prefix ? `${prefix}/${name}` : name
    const full = path.join(dir, relative)
    const stat = lstatSync(full)
    if (stat.isSymbolicLink()) out[relative] = `-> ${readlinkSync(full)}`
    else if (stat.isDirectory()) Object.assign(out, treeOf(dir, relative))
    else out[relative] = readFileSync(full, 'latin1')
  }
  return out
}

/** Ids of the published articles in a dataset file, sorted. */
export function articleIds(file: string): string[] {
  return readDocuments(file)
    .filter((document) => document._type === 'article' && !/^(drafts|versions)\./.test(String(document._id)))
    .map((document) => String(document._id))
    .sort()
}

/** Waits until the export's detached cleaner has deleted every `.trash-*` folder of `out` (at most `ms`). */
export async function cleanerDone(out: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms
  while (readdirSync(out).some((name) => name.startsWith('.trash-'))) {
    if (Date.now() > deadline) throw new Error(`trash still in ${out} after ${ms} ms: ${readdirSync(out).join(', ')}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * The options of a test export into `dir/out`: the pinned as-of date, every format, `--keep 3`, no fsync (the
 * tests that need it say so), no environment; `extra` overrides any of them.
 */
export function exportOptions(dir: string, dataset: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return {
    outDir: path.join(dir, 'out'),
    dataset,
    asOf: '2026-11-26',
    strict: false,
    formats: FORMATS,
    keep: 3,
    fsync: false,
    cwd: dir,
    env: {},
    ...extra,
  }
}
