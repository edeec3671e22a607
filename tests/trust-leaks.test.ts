import {spawn} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync, statSync} from 'node:fs'
import {createServer, type IncomingMessage, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {type Doc, generateDataset} from '../bench/generate.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {CLI, ROOT, runCli} from './trust/cli.ts'
import {newFigures, recordFigures} from './trust/figures.ts'

/**
 * What must never leave the pipeline: drafts, release versions and the reviewers' internal notes (a canary string
 * in each appears zero times in any exported file, over generated datasets), and the read token (a canary
 * SANITY_API_TOKEN appears in no output file, log line or error message of export, validate, inspect or serve,
 * including when the Content Lake answers 401 or 500).
 */

const AS_OF = '2026-11-26'
const TOKEN = 'skTrustCanaryToken7f3a9c2e1b4d6f8a0c2e4b6d8f0a1c3e5'
const EMBEDDED = path.join(ROOT, 'studio', 'dataset', 'production.ndjson')
const figures = newFigures()

const temporary: string[] = []

afterAll(() => {
  recordFigures('leaks', figures)
  for (const dir of temporary) rmSync(dir, {recursive: true, force: true})
})

/** Every file below `dir` (symlinks followed), as text. */
function filesBelow(dir: string): Array<{file: string; text: string}> {
  return readdirSync(dir, {recursive: true, encoding: 'utf8'})
    .map((relative) => path.join(dir, relative))
    .filter((file) => statSync(file).isFile())
    .map((file) => ({file: path.relative(dir, file), text: readFileSync(file, 'utf8')}))
}

function occurrences(haystacks: ReadonlyArray<{file: string; text: string}>, needle: string): string[] {
  return haystacks.filter(({text}) => text.includes(needle)).map(({file}) => file)
}

describe('drafts, release versions and internal notes never reach a release', () => {
  const stages = realExportStages()
  const runs = Math.max(3, Math.round(Number(process.env.FUZZ_RUNS ?? 100) / 100))

  it(
    `holds for generated datasets with canaries in every draft, version and review note (${runs} datasets)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.record({
            seed: fc.integer({min: 1, max: 1_000_000}),
            n: fc.integer({min: 2, max: 4}),
            drafted: fc.array(fc.boolean(), {minLength: 4, maxLength: 4}),
            versioned: fc.array(fc.boolean(), {minLength: 4, maxLength: 4}),
          }),
          async ({seed, n, drafted, versioned}) => {
            const canary = {draft: `DRAFTCANARY${seed}`, version: `VERSIONCANARY${seed}`, note: `NOTECANARY${seed}`}
            const documents: Doc[] = []
            for await (const doc of generateDataset({n, seed, words: 80, drafts: false, asOf: AS_OF}))
              documents.push(doc)
            const unpublished: Doc[] = []
            for (const doc of documents) {
              if (doc._type === 'review') doc.notes = `${canary.note} internal: do not publish`
              const index = doc._type === 'article' ? Number(doc._id.slice(-6)) : -1
              if (drafted[index]) unpublished.push(withCanary(doc, `drafts.${doc._id}`, canary.draft))
              if (versioned[index]) unpublished.push(withCanary(doc, `versions.r${seed}.${doc._id}`, canary.version))
            }
            // Unpublished people, citations and reviews too, under the ids the published documents point to.
            for (const doc of documents
              .filter((candidate) => ['person', 'citation', 'review'].includes(candidate._type))
              .slice(0, 6)) {
              unpublished.push(
                withCanary(doc, `drafts.${doc._id}`, canary.draft),
                withCanary(doc, `versions.r${seed}.${doc._id}`, canary.version),
              )
            }
            const dir = mkdtempSync(path.join(tmpdir(), 'vetted-trust-canary-'))
            temporary.push(dir)
            const dataset = path.join(dir, 'dataset.ndjson')
            await import('node:fs/promises').then((fs) =>
              fs.writeFile(dataset, [...documents, ...unpublished].map((doc) => JSON.stringify(doc)).join('\n') + '\n'),
            )
            const result = await runExport(
              {
                outDir: 'out',
                dataset,
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
            figures.canaryRuns += 1
            const files = filesBelow(path.join(dir, 'out', 'current'))
            expect(result.manifest.counts.byStatus.exported).toBeGreaterThan(0)
            const leaks = Object.values(canary).flatMap((needle) =>
              occurrences(files, needle).map((file) => `${needle} in ${file}`),
            )
            figures.leaks += leaks.length
            expect(leaks).toEqual([])
          },
        ),
        {numRuns: runs},
      )
    },
    60_000 + runs * 20_000,
  )
})

/** An unpublished copy with the canary in every string field the pipeline could show. */
function withCanary(doc: Doc, id: string, canary: string): Doc {
  const copy: Doc = {...doc, _id: id}
  for (const field of ['title', 'summary', 'name', 'credentials', 'bio', 'notes', 'safetyNotice'])
    copy[field] = `${canary} ${String(doc[field] ?? '')}`
  if (Array.isArray(doc.body)) {
    copy.body = [
      {
        _type: 'block',
        _key: 'canary',
        style: 'normal',
        markDefs: [],
        children: [{_type: 'span', _key: 'c', text: `${canary} unpublished words`, marks: []}],
      },
      ...doc.body,
    ]
  }
  return copy
}

interface Stub {
  url: string
  /** Authorization headers received: proves the token was really sent (so its absence elsewhere means something). */
  authorizations: string[]
  close(): Promise<void>
}

/** A Content Lake stand-in on 127.0.0.1 that answers every query with `status` and an error body. */
async function lakeStub(status: 401 | 500): Promise<Stub> {
  const authorizations: string[] = []
  const server: Server = createServer((request: IncomingMessage, response) => {
    authorizations.push(String(request.headers.authorization ?? ''))
    const body =
      status === 401
        ? {statusCode: 401, error: 'Unauthorized', message: 'Session not found'}
        : {statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong'}
    response.writeHead(status, {'content-type': 'application/json', 'retry-after': '0'})
    response.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    authorizations,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

describe('the API token never appears in any output, log or error message', () => {
  let dir: string
  const seen: Array<{run: string; text: string}> = []

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vetted-trust-token-'))
    temporary.push(dir)
  })

  afterAll(() => {
    figures.leaks += seen.filter(({text}) => text.includes(TOKEN)).length
  })

  function record(run: string, result: {stdout: string; stderr: string}): string {
    const text = `${result.stdout}\n${result.stderr}`
    seen.push({run, text})
    figures.canaryRuns += 1
    return text
  }

  it('export, validate and inspect of a local dataset print nothing of it and write nothing of it', async () => {
    const env = {SANITY_API_TOKEN: TOKEN}
    const out = path.join(dir, 'local-out')
    const results = await Promise.all([
      runCli(['export', '--dataset', EMBEDDED, '--out', out, '--as-of', AS_OF, '--no-fsync'], {env}),
      runCli(['validate', '--dataset', EMBEDDED, '--as-of', AS_OF], {env}),
      runCli(['inspect', 'infant-mental-health', '--dataset', EMBEDDED, '--as-of', AS_OF, '--json'], {env}),
    ])
    expect(results.map((result) => result.code)).toEqual([0, 0, 0])
    for (const [index, result] of results.entries()) expect(record(`local ${index}`, result)).not.toContain(TOKEN)
    expect(occurrences(filesBelow(path.join(out, 'current')), TOKEN)).toEqual([])
  })

  for (const status of [401, 500] as const) {
    it(`export, validate and inspect against a Content Lake answering ${status} fail with a message, not the token`, async () => {
      const stub = await lakeStub(status)
      try {
        const env = {
          SANITY_API_TOKEN: TOKEN,
          SANITY_PROJECT_ID: 'trust1',
          SANITY_DATASET: 'production',
          SANITY_API_HOST: stub.url,
        }
        const out = path.join(dir, `lake-${status}`)
        const results = await Promise.all([
          runCli(['export', '--out', out, '--as-of', AS_OF, '--no-fsync'], {env}),
          runCli(['validate', '--as-of', AS_OF], {env}),
          runCli(['inspect', 'article.x', '--as-of', AS_OF], {env}),
        ])
        for (const [index, result] of results.entries()) {
          const text = record(`lake ${status} ${index}`, result)
          expect(result.code, text).toBe(2)
          expect(text).not.toContain(TOKEN)
          // Says what went wrong, in words: the status, not a stack trace.
          expect(text).toMatch(
            status === 401 ? /401|token|unauthori[sz]ed|permission/i : /500|server|unavailable|try again/i,
          )
          expect(text).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m)
        }
        // The token was really sent with the requests, so its absence above is not an accident.
        expect(stub.authorizations.length).toBeGreaterThan(0)
        expect(stub.authorizations.every((header) => header === `Bearer ${TOKEN}`)).toBe(true)
      } finally {
        await stub.close()
      }
    })
  }

  it('serve logs nothing of it while serving, exporting from a Content Lake that answers 401, and shutting down', async () => {
    const stub = await lakeStub(401)
    const out = path.join(dir, 'serve-out')
    const first = await runCli(['export', '--dataset', EMBEDDED, '--out', out, '--as-of', AS_OF, '--no-fsync'])
    expect(first.code).toBe(0)
    const env = {
      PATH: process.env.PATH ?? '',
      SANITY_API_TOKEN: TOKEN,
      SANITY_PROJECT_ID: 'trust1',
      SANITY_DATASET: 'production',
      SANITY_API_HOST: stub.url,
      SANITY_WEBHOOK_SECRET: 'trust-webhook-secret-0123456789',
    }
    const child = spawn(
      process.execPath,
      [
        CLI,
        'serve',
        '--out',
        out,
        '--port',
        '0',
        '--listen',
        '--as-of',
        AS_OF,
        '--debounce-ms',
        '10',
        '--max-wait-ms',
        '50',
      ],
      {cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe']},
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve))
    try {
      const url = await waitFor(() => /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout)?.[1])
      expect((await fetch(`${url}/healthz`)).status).toBeLessThan(600)
      expect((await fetch(`${url}/articles/nope/`)).status).toBe(404)
      // An unsigned webhook is refused, and the Content Lake listener (--listen) meets the 401 with the token.
      expect(
        (
          await fetch(`${url}/hooks/sanity`, {
            method: 'POST',
            body: '{}',
            headers: {'content-type': 'application/json'},
          })
        ).status,
      ).toBe(401)
      await waitFor(() => (stub.authorizations.length > 0 ? true : undefined), 10_000)
    } finally {
      child.kill('SIGTERM')
      await exited
      await stub.close()
    }
    const text = record('serve', {stdout, stderr})
    expect(text).toContain('"event":"listening"')
    expect(stub.authorizations.every((header) => header === `Bearer ${TOKEN}`)).toBe(true)
    expect(text).not.toContain(TOKEN)
  })
})

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error('Timed out waiting for the server')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
