import {readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {commands} from '../pipeline/cli/commands/index.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {parseNdjson} from '../pipeline/import/index.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset, copyEmbeddedImages} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

const root = fileURLToPath(new URL('..', import.meta.url))
const embedded = path.join(root, 'studio/dataset/production.ndjson')
const reference = 'tests/fixtures/import/infant-mental-health.md'
const unsupported = 'tests/fixtures/import/unsupported.md'
const TIMEOUT = 120_000

async function vetted(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCommand(['import', ...argv], commands, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    cwd: root,
    isTty: false,
  })
  return {code, stdout, stderr}
}

/** A copy of the embedded dataset without the reference article, in a fresh directory. */
function datasetWithoutReferenceArticle(): {dir: string; file: string} {
  const dir = makeTempDir('vetted-import-')
  const file = path.join(dir, 'dataset.ndjson')
  const lines = readFileSync(embedded, 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('{"_id":"article.infant-mental-health"'))
  writeFileSync(file, lines.join('\n'))
  copyEmbeddedImages(file)
  return {dir, file}
}

describe('npx vetted import', () => {
  it('says a file that is not there does not exist (no errno code)', async () => {
    const result = await vetted('nope.md', '--out', path.join(makeTempDir('vetted-import-'), 'never-written.ndjson'))
    expect(result).toEqual({code: 2, stdout: '', stderr: 'vetted import: nope.md does not exist. Check the path.\n'})
  })

  it('asks where the documents go', async () => {
    const result = await vetted(reference)
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--into <dataset.ndjson> or --out <new.ndjson>')
    expect((await vetted()).code).toBe(2)
    expect((await vetted(reference, '--into', 'a.ndjson', '--out', 'b.ndjson')).code).toBe(2)
  })

  it(
    '--dry-run prints what would be created, updated or left unchanged and writes nothing',
    async () => {
      const {file} = datasetWithoutReferenceArticle()
      const before = readFileSync(file, 'utf8')
      const result = await vetted(reference, '--into', file, '--dry-run')
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('would create article  article.infant-mental-health')
      expect(result.stdout).toContain('unchanged    citation citation.clinton-2016')
      expect(result.stdout).toContain(
        'Dry run: 1 of 1 file(s) importable; 1 to create, 0 to update, 13 unchanged. Nothing written.',
      )
      expect(readFileSync(file, 'utf8')).toBe(before)
    },
    TIMEOUT,
  )

  it(
    '--into rewrites the dataset in place, keeps the other documents in order, and a second import changes nothing',
    async () => {
      const {dir, file} = datasetWithoutReferenceArticle()
      const before = parseNdjson(readFileSync(file, 'utf8')).documents
      const first = await vetted(reference, '--into', file)
      expect(first.code).toBe(0)
      expect(first.stdout).toContain('Imported 1 of 1 file(s)')
      const after = parseNdjson(readFileSync(file, 'utf8')).documents
      expect(after.slice(0, before.length)).toEqual(before)
      expect(after.slice(before.length).map((document) => document._id)).toEqual(['article.infant-mental-health'])
      const bytes = readFileSync(file)
      const second = await vetted(reference, '--into', file)
      expect(second.stdout).toContain('0 created, 0 updated, 14 unchanged')
      expect(readFileSync(file).equals(bytes)).toBe(true)
      // Nothing left behind beside the dataset and its images.
      expect(readdirSync(dir)).toEqual(['dataset.ndjson', 'images'])
    },
    TIMEOUT,
  )

  it(
    '--out writes a complete file with just the documents the Markdown gives',
    async () => {
      const dir = makeTempDir('vetted-import-')
      const out = path.join(dir, 'new.ndjson')
      const result = await vetted(reference, '--out', out, '--dataset', embedded)
      expect(result.code).toBe(0)
      const documents = parseNdjson(readFileSync(out, 'utf8')).documents
      expect(documents.map((document) => document._type).sort()).toEqual(
        [...Array(10).fill('citation'), 'article', 'person', 'person', 'review'].sort(),
      )
      // What `sanity dataset import` needs: importable ids, keys on every object in an array, references that resolve.
      const ids = new Set(documents.map((document) => document._id))
      const walk = (value: unknown, where: string): void => {
        if (Array.isArray(value)) {
          const objects = value.filter(
            (item): item is Record<string, unknown> => typeof item === 'object' && item !== null,
          )
          expect(
            objects.every((item) => typeof item._key === 'string'),
            where,
          ).toBe(true)
          expect(new Set(objects.map((item) => item._key)).size, where).toBe(objects.length)
          value.forEach((item, index) => walk(item, `${where}[${index}]`))
        } else if (typeof value === 'object' && value !== null) {
          const record = value as Record<string, unknown>
          if (record._type === 'reference') expect(ids.has(String(record._ref)), where).toBe(true)
          for (const [key, item] of Object.entries(record)) walk(item, `${where}.${key}`)
        }
      }
      for (const document of documents) {
        expect(document._id).toMatch(/^[a-z0-9_.-]+$/i)
        walk(document, document._id)
      }
    },
    TIMEOUT,
  )

  it(
    'reports what the Markdown holds that an article cannot, with file:line',
    async () => {
      const dir = makeTempDir('vetted-import-')
      const file = path.join(dir, 'dataset.ndjson')
      copyEmbeddedDataset(file)
      const result = await vetted(unsupported, '--into', file)
      expect(result.code).toBe(0)
      expect(result.stderr).toContain(unsupported)
      expect(result.stderr).toMatch(/14:1-16:19\s+warning A table/)
      expect(result.stderr).toMatch(/18:1-18:65\s+warning Raw HTML/)
    },
    TIMEOUT,
  )

  it('exits 1 for a file that cannot become an article, and imports the others', async () => {
    const dir = makeTempDir('vetted-import-')
    const untitled = path.join(dir, 'untitled.md')
    writeFileSync(untitled, 'Just a paragraph, no title.\n')
    const file = path.join(dir, 'dataset.ndjson')
    const result = await vetted(untitled, unsupported, '--into', file)
    expect(result.code).toBe(1)
    expect(result.stderr).toContain('title-missing')
    expect(result.stdout).toContain('Imported 1 of 2 file(s)')
    expect(parseNdjson(readFileSync(file, 'utf8')).documents.map((document) => document._id)).toEqual([
      'person.lena-fischer',
      'article.what-an-article-cannot-hold',
    ])
  })
})
