import {readFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {inspectCommand} from '../pipeline/cli/commands/inspect.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import type {CommandIo} from '../pipeline/cli/run.ts'
import type {ArticleInspection} from '../pipeline/source/inspect-article.ts'
import {startContentLakeStub} from './fixtures/source/content-lake-stub.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const CONTRACT = 'tests/fixtures/source/contract.ndjson'
const INSPECT = 'tests/fixtures/source/inspect.ndjson'

async function inspect(argv: string[], env: Record<string, string | undefined> = {}) {
  let stdout = ''
  let stderr = ''
  const io: CommandIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env,
    cwd: root,
    isTty: false,
  }
  const code = await runCommand(['inspect', ...argv], [inspectCommand], io)
  return {code, stdout, stderr}
}

describe('vetted inspect', () => {
  it('shows what the pipeline sees for a published article: query result, content hash and review status', async () => {
    const {code, stdout} = await inspect(['alpha', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(code).toBe(0)
    expect(stdout).toContain(`article.alpha (rev a1) in ${CONTRACT}`)
    expect(stdout).toContain('citations     2: citation.c1, citation.c2')
    expect(stdout).toContain('2026-01-10 approved by Dr Ben Reviewer, for an earlier text')
    expect(stdout).toMatch(/content hash {2}[0-9a-f]{64}/)
    expect(stdout).toContain(
      'status        edited-since-review · last reviewed 2026-01-10 · next review due 2027-01-10 (as of 2026-11-26)',
    )
    expect(stdout).toContain('A draft (`drafts.article.alpha`) has unpublished changes')
    expect(stdout).not.toContain('DRAFT alpha')
  })

  it('shows the published article when asked about its draft id', async () => {
    const {code, stdout} = await inspect(['drafts.article.alpha', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(code).toBe(0)
    expect(stdout).toContain('article.alpha (rev a1)')
    expect(stdout).toContain('has unpublished changes')
  })

  it('finds an article by id as well as by slug', async () => {
    const {code, stdout} = await inspect(['article.beta', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(code).toBe(0)
    expect(stdout).toContain('status        unreviewed (as of 2026-11-26)')
  })

  it('explains an article that exists only as a draft, or only in a release, and exits 1', async () => {
    const draft = await inspect(['gamma', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(draft.code).toBe(1)
    expect(draft.stdout).toContain('It exists only as a draft (`drafts.article.gamma`): publish it in the Studio.')
    const version = await inspect(['article.delta', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(version.code).toBe(1)
    expect(version.stdout).toContain('It exists only inside a release (`versions.spring.article.delta`)')
  })

  it('explains a missing slug and a cited source that is not published', async () => {
    const {code, stdout} = await inspect(['article.noslug', '--dataset', INSPECT, '--as-of', '2026-11-26'])
    expect(code).toBe(1)
    expect(stdout).toContain('It has no slug: give it one in the Studio')
    expect(stdout).toContain('Its body cites `citation.unpublished`, not found among published citations')
    expect(stdout).toContain('`article.noslug` body[0].children[1].citation: refers to `citation.unpublished`')
  })

  it('warns when two published articles share a slug', async () => {
    const {stdout} = await inspect(['twin', '--dataset', INSPECT, '--as-of', '2026-11-26'])
    expect(stdout).toContain('2 published articles match `twin` (article.twin-1, article.twin-2)')
  })

  it('says so when nothing matches', async () => {
    const {code, stdout} = await inspect(['no-such-article', '--dataset', CONTRACT, '--as-of', '2026-11-26'])
    expect(code).toBe(1)
    expect(stdout).toContain(`No article has the slug or id \`no-such-article\` in ${CONTRACT}: check the spelling.`)
  })

  it('prints the full inspection as JSON with --json', async () => {
    const {code, stdout} = await inspect(['alpha', '--dataset', CONTRACT, '--as-of', '2026-11-26', '--json'])
    expect(code).toBe(0)
    const inspection = JSON.parse(stdout) as ArticleInspection
    const expected = JSON.parse(
      readFileSync(fileURLToPath(new URL('./fixtures/source/contract.expected.json', import.meta.url)), 'utf8'),
    ) as {alpha: unknown}
    expect(inspection.article).toEqual(expected.alpha)
    expect(inspection.review?.status).toBe('edited-since-review')
    expect(inspection.unpublished).toEqual([{_id: 'drafts.article.alpha', kind: 'draft', slug: 'alpha'}])
    expect(inspection.notExported).toEqual([])
  })

  it('exits 2 with one line for a missing dataset file or a bad option', async () => {
    const missing = await inspect(['alpha', '--dataset', 'nope.ndjson'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe(
      'vetted inspect: Cannot read the dataset file nope.ndjson (no such file): check the path given to --dataset.\n',
    )
    expect((await inspect(['alpha', '--as-of', '26/11/2026'])).code).toBe(2)
    expect((await inspect([])).stderr).toContain('Missing the article slug or id')
  })

  it('exits 2 when the Content Lake refuses the token, without printing it', async () => {
    const stub = await startContentLakeStub([], {token: 'sk-right'})
    try {
      const env = {
        SANITY_PROJECT_ID: 'abc123',
        SANITY_DATASET: 'production',
        SANITY_API_TOKEN: 'sk-wrong-secret',
        SANITY_API_HOST: stub.apiHost,
      }
      const {code, stdout, stderr} = await inspect(['alpha', '--as-of', '2026-11-26'], env)
      expect(code).toBe(2)
      expect(stderr).toMatch(/^vetted inspect: The Content Lake refused the credentials .*check SANITY_API_TOKEN\.\n$/)
      expect(stdout + stderr).not.toContain('sk-wrong-secret')
    } finally {
      await stub.close()
    }
  })
})
