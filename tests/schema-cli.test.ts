import {spawn} from 'node:child_process'
import {existsSync} from 'node:fs'
import {copyFile, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'

/**
 * The Sanity CLI against this repository's Studio, as CI runs it: the schema is valid, the committed generated
 * types are not stale, and `sanity documents validate --file` reports the same errors as our own tests.
 * Each CLI call loads the whole Studio (15–60 s on a busy machine), so every command runs once.
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const studio = join(root, 'studio')
const sanityBin = join(root, 'node_modules/@sanity/cli/bin/run.js')
// The CLI needs Node >= 22.12: the project's own Node 24, even when vitest was started by an older system Node.
const projectNode = join(root, 'node_modules/.bin/node')
const node = existsSync(projectNode) ? projectNode : process.execPath
const CLI_TIMEOUT = 240_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI with Node (never under a terminal: its spinner needs a real one) and CI=true (no prompts, banners). */
function sanity(args: string[], options: {cwd: string; env?: Record<string, string>}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [sanityBin, ...args], {
      cwd: options.cwd,
      env: {...process.env, CI: 'true', NO_COLOR: '1', FORCE_COLOR: '0', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({code, stdout, stderr}))
  })
}

const documents = [
  {_id: 'person.writer', _type: 'person', name: 'Maya Lind', slug: {_type: 'slug', current: 'maya-lind'}, roles: ['writer'], credentials: 'MA'},
  {_id: 'citation.good', _type: 'citation', cslType: 'article-journal', title: 'A study', issued: '2016', doi: '10.1093/pch/21.5.239', pmid: '27398055'},
  {_id: 'citation.bad-doi', _type: 'citation', cslType: 'article-journal', title: 'A study', doi: 'doi:10.10/x'},
  {
    _id: 'article.untitled',
    _type: 'article',
    slug: {_type: 'slug', current: 'untitled'},
    summary: 'A short summary.',
    language: 'en',
    authors: [{_key: 'a1', _type: 'reference', _ref: 'person.writer'}],
    publishedAt: '2024-01-01',
    body: [{_type: 'block', _key: 'b1', style: 'normal', markDefs: [], children: [{_type: 'span', _key: 's1', text: 'Text.', marks: []}]}],
  },
  {
    _id: 'article.unsafe',
    _type: 'article',
    title: 'Headings and links',
    slug: {_type: 'slug', current: 'headings-and-links'},
    summary: 'A short summary.',
    language: 'en',
    authors: [{_key: 'a1', _type: 'reference', _ref: 'person.writer'}],
    publishedAt: '2024-01-01',
    body: [
      {_type: 'block', _key: 'b1', style: 'h2', markDefs: [], children: [{_type: 'span', _key: 's1', text: 'Section', marks: []}]},
      {
        _type: 'block',
        _key: 'b2',
        style: 'h4',
        markDefs: [{_type: 'link', _key: 'l1', href: 'java\tscript:alert(1)'}],
        children: [{_type: 'span', _key: 's2', text: 'Subsection', marks: ['l1']}],
      },
    ],
  },
]

const cleanup: string[] = []
afterAll(async () => {
  await Promise.all(cleanup.map((path) => rm(path, {recursive: true, force: true})))
})

/** Starts a CLI job once, when first asked for; the jobs are started together in `beforeAll` to share the wait. */
function once<T>(job: () => Promise<T>): () => Promise<T> {
  let started: Promise<T> | undefined
  return () => {
    if (!started) {
      started = job()
      started.catch(() => {})
    }
    return started
  }
}

const schemaValidate = once(() => sanity(['schema', 'validate'], {cwd: studio}))
const typegenCheck = once(runTypegenCheck)
const documentsValidate = once(runDocumentsValidate)

beforeAll(() => {
  schemaValidate()
  typegenCheck()
  documentsValidate()
})

describe('sanity schema validate', () => {
  it(
    'finds no errors or warnings in the schema',
    async () => {
      const run = await schemaValidate()
      expect(run.stderr + run.stdout).toMatch(/0 errors/)
      expect(run.stderr + run.stdout).toMatch(/0 warnings/)
      expect(run.code).toBe(0)
    },
    CLI_TIMEOUT,
  )
})

describe('generated types', () => {
  it(
    'studio/schema.json and studio/sanity.types.ts are what `npm run typegen` generates from the schemas and queries',
    async () => {
      const {check, extract, generate} = await typegenCheck()
      expect(extract.code, extract.stderr).toBe(0)
      expect(generate.code, generate.stderr).toBe(0)

      const stale = 'is stale: run `npm run typegen` and commit the result'
      expect(await readFile(join(check, 'schema.json'), 'utf8'), `studio/schema.json ${stale}`).toBe(await readFile(join(studio, 'schema.json'), 'utf8'))
      // Typegen names each query's file relative to the CLI's folder; studio's own files differ only by that.
      const generated = (await readFile(join(check, 'sanity.types.ts'), 'utf8')).replaceAll('// Source: ../studio/', '// Source: ')
      expect(generated, `studio/sanity.types.ts ${stale}`).toBe(await readFile(join(studio, 'sanity.types.ts'), 'utf8'))
    },
    2 * CLI_TIMEOUT,
  )
})

describe('sanity documents validate --file', () => {
  interface CliMarker {
    level: string
    path: unknown[]
    message: string
    code?: string
  }

  it(
    'gives an error at the right path for a missing required field, a malformed DOI, a skipped heading level and a javascript: link',
    async () => {
      const run = await documentsValidate()
      const results = new Map<string, CliMarker[]>()
      for (const line of run.stdout.split('\n').filter((text) => text.startsWith('{'))) {
        const result = JSON.parse(line) as {documentId: string; markers: CliMarker[]}
        results.set(result.documentId, result.markers)
      }
      const errors = (id: string) => (results.get(id) ?? []).filter((marker) => marker.level === 'error').map(({path, code}) => ({path, code}))

      // The report lists only documents with markers at the requested level.
      expect([...results.keys()], run.stderr).toEqual(expect.arrayContaining(['article.untitled', 'citation.bad-doi', 'article.unsafe']))
      expect(errors('article.untitled')).toContainEqual({path: ['title'], code: 'value.required'})
      expect(errors('citation.bad-doi')).toEqual([{path: ['doi'], code: 'custom.doi-format'}])
      expect(errors('article.unsafe')).toContainEqual({path: ['body', {_key: 'b2'}, 'style'], code: 'custom.heading-order'})
      expect(errors('article.unsafe')).toContainEqual({path: ['body', {_key: 'b2'}, 'markDefs', {_key: 'l1'}, 'href'], code: 'custom.link-url'})
      expect(errors('citation.good')).toEqual([])
      expect(run.code).toBe(1)
    },
    CLI_TIMEOUT,
  )
})

async function runTypegenCheck(): Promise<{check: string; extract: Run; generate: Run}> {
  // A sibling of studio/ with the same CLI config, so the typegen globs (../pipeline, ../studio) and the
  // "Source:" comments they produce are identical, while the committed files stay untouched.
  const check = await mkdtemp(join(root, '.typegen-check-'))
  cleanup.push(check)
  await copyFile(join(studio, 'sanity.cli.ts'), join(check, 'sanity.cli.ts'))
  await copyFile(join(studio, 'package.json'), join(check, 'package.json'))
  await writeFile(join(check, 'sanity.config.ts'), "export {default} from '../studio/sanity.config.ts'\n")

  const extract = await sanity(['schema', 'extract', '--force'], {cwd: check})
  const generate = await sanity(['typegen', 'generate'], {cwd: check})

  return {check, extract, generate}
}

async function runDocumentsValidate(): Promise<Run> {
  const dir = await mkdtemp(join(tmpdir(), 'vetted-documents-validate-'))
  cleanup.push(dir)
  const file = join(dir, 'documents.ndjson')
  await writeFile(file, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')

  // Any token lets the CLI start without `sanity login`; no request needs it for these checks.
  return sanity(['documents', 'validate', '--file', file, '--yes', '--format', 'ndjson', '--level', 'error'], {
    cwd: studio,
    env: {SANITY_AUTH_TOKEN: 'offline-placeholder'},
  })
}
