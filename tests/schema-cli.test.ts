import {spawn} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import {copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {startContentLakeProxy} from './helpers/content-lake-proxy.ts'

/**
 * The Sanity CLI against this repository's Studio, as CI runs it: the committed generated types are not stale,
 * and `sanity documents validate --file` reports the same errors as our own tests. (`sanity schema validate`
 * runs in studio-cli.test.ts.) Each CLI call loads the whole Studio (15 s idle, minutes on a busy machine), so
 * every command runs once, and the jobs run side by side.
 */

const root = fileURLToPath(new URL('..', import.meta.url))
const studio = join(root, 'studio')
const schemas = join(root, 'schemas')
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

/** Documents that pass every rule (the fixtures of schema-rules.test.ts) ... */
const goodDocuments = readFileSync(new URL('fixtures/schema/documents.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as {_id: string; _type: string})

const textBody = [
  {
    _type: 'block',
    _key: 'b1',
    style: 'normal',
    markDefs: [],
    children: [{_type: 'span', _key: 's1', text: 'Text.', marks: []}],
  },
]
const byWriter = [{_key: 'a1', _type: 'reference', _ref: 'person.writer'}]

/** ... and one document for each problem the CLI must report, referring to them. */
const problemDocuments = [
  {_id: 'citation.bad-doi', _type: 'citation', cslType: 'article-journal', title: 'A study', doi: 'doi:10.10/x'},
  {
    _id: 'article.untitled',
    _type: 'article',
    slug: {_type: 'slug', current: 'untitled'},
    summary: 'Short.',
    language: 'en',
    authors: byWriter,
    publishedAt: '2024-01-01',
    body: textBody,
  },
  {
    _id: 'article.unsafe',
    _type: 'article',
    title: 'Headings and links',
    slug: {_type: 'slug', current: 'headings-and-links'},
    summary: 'Short.',
    language: 'en',
    authors: byWriter,
    publishedAt: '2024-01-01',
    body: [
      {
        _type: 'block',
        _key: 'b1',
        style: 'h2',
        markDefs: [],
        children: [{_type: 'span', _key: 's1', text: 'Section', marks: []}],
      },
      {
        _type: 'block',
        _key: 'b2',
        style: 'h4',
        markDefs: [{_type: 'link', _key: 'l1', href: 'java\tscript:alert(1)'}],
        children: [{_type: 'span', _key: 's2', text: 'Subsection', marks: ['l1']}],
      },
    ],
  },
  {
    _id: 'article.by-reviewer',
    _type: 'article',
    title: 'Written by a reviewer',
    slug: {_type: 'slug', current: 'written-twice'},
    summary: 'Short.',
    language: 'en',
    authors: [{_key: 'a1', _type: 'reference', _ref: 'person.reviewer'}],
    publishedAt: '2024-01-01',
    body: textBody,
  },
  {
    _id: 'article.slug-twin',
    _type: 'article',
    title: 'Twin',
    slug: {_type: 'slug', current: 'written-twice'},
    summary: 'Short.',
    language: 'en',
    authors: byWriter,
    publishedAt: '2024-01-01',
    body: textBody,
  },
  {
    _id: 'review.by-writer',
    _type: 'review',
    article: {_type: 'reference', _ref: 'article.good'},
    reviewer: {_type: 'reference', _ref: 'person.writer'},
    reviewedOn: '2024-01-02',
    outcome: 'approved',
    contentHash: 'f00d',
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

const typegenCheck = once(runTypegenCheck)
const documentsValidate = once(runDocumentsValidate)

beforeAll(() => {
  typegenCheck()
  documentsValidate()
})

describe('generated types', () => {
  it(
    'schemas/schema.json and schemas/sanity.types.ts are what `npm run typegen` generates from the schemas and queries',
    async () => {
      const {generated, extract, generate} = await typegenCheck()
      expect(extract.code, extract.stderr).toBe(0)
      expect(generate.code, generate.stderr).toBe(0)

      const stale = 'is stale: run `npm run typegen` and commit the result'
      for (const name of ['schema.json', 'sanity.types.ts']) {
        const committed = await readFile(join(schemas, name), 'utf8')
        expect(await readFile(join(generated, name), 'utf8'), `schemas/${name} ${stale}`).toBe(committed)
      }
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

  async function report() {
    const {run, queries} = await documentsValidate()
    const results = new Map<string, CliMarker[]>()
    for (const line of run.stdout.split('\n').filter((text) => text.startsWith('{'))) {
      const result = JSON.parse(line) as {documentId: string; markers: CliMarker[]}
      results.set(result.documentId, result.markers)
    }
    const errors = (id: string) =>
      (results.get(id) ?? []).filter((marker) => marker.level === 'error').map(({path, code}) => ({path, code}))
    const all = (id: string) => (results.get(id) ?? []).map(({level, path, code}) => ({level, path, code}))
    return {run, queries, results, errors, all}
  }

  it(
    'gives an error at the right path for a missing required field, a malformed DOI, a skipped heading level and a javascript: link',
    async () => {
      const {run, errors} = await report()
      expect(errors('article.untitled'), run.stderr).toEqual([{path: ['title'], code: 'value.required'}])
      expect(errors('citation.bad-doi')).toEqual([{path: ['doi'], code: 'custom.doi-format'}])
      expect(errors('article.unsafe')).toEqual([
        {path: ['body', {_key: 'b2'}, 'style'], code: 'custom.heading-order'},
        {path: ['body', {_key: 'b2'}, 'markDefs', {_key: 'l1'}, 'href'], code: 'custom.link-url'},
      ])
      expect(run.code).toBe(1)
    },
    CLI_TIMEOUT,
  )

  it(
    'runs the rules that query other documents too: author role, reviewer role, slug uniqueness',
    async () => {
      const {queries, errors, all} = await report()
      // The CLI reports every rule on an object value, the slug included, as a warning (Studio keeps the error).
      expect(all('article.by-reviewer')).toEqual([
        {level: 'warning', path: ['slug'], code: 'custom.slug-unique'},
        {level: 'error', path: ['authors', {_key: 'a1'}], code: 'custom.author-role'},
      ])
      expect(all('article.slug-twin')).toEqual([{level: 'warning', path: ['slug'], code: 'custom.slug-unique'}])
      expect(errors('review.by-writer')).toEqual([{path: ['reviewer'], code: 'custom.reviewer-qualified'}])
      expect(queries).toContain('*[_id in $ids]{_id, _type, name, roles, credentials}')
    },
    CLI_TIMEOUT,
  )

  it(
    'reports nothing for documents that pass every rule',
    async () => {
      const {results} = await report()
      const reported = goodDocuments.map((document) => document._id).filter((id) => results.has(id))
      expect(reported, JSON.stringify(reported.map((id) => [id, results.get(id)]))).toEqual([])
    },
    CLI_TIMEOUT,
  )
})

async function runTypegenCheck(): Promise<{generated: string; extract: Run; generate: Run}> {
  // A stand-in for the repository's top level: its studio/ has the same CLI config and links to the Studio's
  // folders, its pipeline/ links to the real one and its schemas/ starts empty. The CLI's paths (../schemas,
  // ../pipeline, ../studio) and the "Source:" comments they produce are identical; the committed files stay untouched.
  const scratch = await mkdtemp(join(root, '.typegen-check-'))
  cleanup.push(scratch)
  const check = join(scratch, 'studio')
  await mkdir(check)
  await mkdir(join(scratch, 'schemas'))
  await symlink(join(root, 'pipeline'), join(scratch, 'pipeline'))
  for (const entry of await readdir(studio, {withFileTypes: true})) {
    if (entry.isDirectory() && !['dist', '.sanity', 'node_modules'].includes(entry.name)) {
      await symlink(join(studio, entry.name), join(check, entry.name))
    }
  }
  await copyFile(join(studio, 'sanity.cli.ts'), join(check, 'sanity.cli.ts'))
  await copyFile(join(studio, 'package.json'), join(check, 'package.json'))
  await writeFile(join(check, 'sanity.config.ts'), "export {default} from '../../studio/sanity.config.ts'\n")

  const extract = await sanity(['schema', 'extract', '--force'], {cwd: check})
  const generate = await sanity(['typegen', 'generate'], {cwd: check})

  return {generated: join(scratch, 'schemas'), extract, generate}
}

/**
 * `--file` validates offline once any SANITY_AUTH_TOKEN is set, but the rules that query other documents
 * (ours, and Sanity's own slug uniqueness) would still call the Content Lake and fail with "fetch failed".
 * So the CLI gets a made-up API host and a local proxy that answers its GROQ with groq-js over the same file.
 */
async function runDocumentsValidate(): Promise<{run: Run; queries: string[]}> {
  const dir = await mkdtemp(join(tmpdir(), 'vetted-documents-validate-'))
  cleanup.push(dir)
  const file = join(dir, 'documents.ndjson')
  const documents = [...goodDocuments, ...problemDocuments]
  await writeFile(file, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
  const lake = await startContentLakeProxy(documents)
  try {
    const run = await sanity(
      ['documents', 'validate', '--file', file, '--yes', '--format', 'ndjson', '--level', 'warning'],
      {
        cwd: studio,
        env: {
          SANITY_AUTH_TOKEN: 'offline-placeholder',
          SANITY_INTERNAL_ENV: 'http://api.vetted.invalid',
          HTTP_PROXY: lake.url,
          NODE_USE_ENV_PROXY: '1',
          NO_PROXY: '',
        },
      },
    )
    return {run, queries: lake.queries}
  } finally {
    await lake.close()
  }
}
