import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {validateCommand} from '../pipeline/cli/commands/validate.ts'
import {runCommand, type CommandIo} from '../pipeline/cli/run.ts'

const REPO = new URL('..', import.meta.url).pathname

async function vetted(...argv: string[]): Promise<{code: number; stdout: string; stderr: string}> {
  let stdout = ''
  let stderr = ''
  const io: CommandIo = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd: REPO,
    isTty: false,
  }
  const code = await runCommand(['validate', ...argv], [validateCommand], io)
  return {code, stdout, stderr}
}

describe('npx vetted validate', () => {
  it('lists every rule with --rules, and every rule listed has a specification', async () => {
    const {code, stdout} = await vetted('--rules')
    expect(code).toBe(0)
    const ids = stdout
      .trimEnd()
      .split('\n')
      .map((line) => line.split(/\s+/)[0])
    expect(ids).toContain('review-overdue')
    const specs = readFileSync(new URL('validate-rules.test.ts', import.meta.url), 'utf8')
    expect(ids.filter((id) => !specs.includes(` ${id} `))).toEqual([])
  })

  it('exits 0 for the embedded dataset as of 2026-11-26 and counts articles by review status', async () => {
    const {code, stdout} = await vetted('--as-of', '2026-11-26')
    expect(code).toBe(0)
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      '7 articles as of 2026-11-26: 0 blocked · ' +
        'unreviewed 0, current 2, due-soon 1, overdue 2, edited-since-review 1, changes-requested 1',
    )
    // One paragraph per article with findings, under its slug; the advice indented on the line below.
    const group = stdout.split('\n\n').find((paragraph) => paragraph.startsWith('infant-mental-health\n'))
    expect(group).toMatch(
      /^ {2}warning {2}The medical review is overdue: last reviewed 2023-07-11, due again on 2024-07-11 .*\[review-overdue\]\n {13}Ask a medical reviewer/m,
    )
    // A rule on six articles is one line; --verbose lists it per article.
    expect(stdout).toContain('\ncitation-complete: 6 articles (warning), see `--json` or --verbose\n')
    expect(group).not.toContain('citation-complete')
    const verbose = await vetted('--as-of', '2026-11-26', '--verbose')
    expect(verbose.stdout).toMatch(
      /^ {2}warning {2}citation\.penn-state-temperament › issued: The web page has no date/m,
    )
    expect(Math.max(...[...stdout.split('\n'), ...verbose.stdout.split('\n')].map((line) => line.length))).toBe(160)
  })

  it('prints only errors and the summary with --quiet', async () => {
    const {code, stdout} = await vetted('--as-of', '2026-11-26', '--quiet')
    expect(code).toBe(0)
    expect(stdout).toBe(
      '23 warnings, 1 info (only errors shown: --quiet)\n\n' +
        '7 articles as of 2026-11-26: 0 blocked · ' +
        'unreviewed 0, current 2, due-soon 1, overdue 2, edited-since-review 1, changes-requested 1\n',
    )
    expect((await vetted('--quiet', '--verbose')).code).toBe(2)
  })

  it('exits 1 when warnings block in strict mode, or a status is made an error', async () => {
    expect((await vetted('--as-of', '2026-11-26', '--strict')).code).toBe(1)
    const raised = await vetted('--as-of', '2026-11-26', '--severity', 'overdue=error')
    expect(raised.code).toBe(1)
    expect(raised.stdout).toMatch(/2 blocked/)
    expect(
      (
        await vetted(
          '--as-of',
          '2026-11-26',
          '--strict',
          '--severity',
          'overdue=info,edited-since-review=info,due-soon=off',
          '--json',
        )
      ).code,
    ).toBe(1)
  })

  it('exits 1 for an article no medical reviewer approved', async () => {
    const {code, stdout} = await vetted(
      '--dataset',
      'tests/fixtures/validate/unreviewed.ndjson',
      '--as-of',
      '2026-11-26',
    )
    expect(code).toBe(1)
    expect(stdout).toContain('drinking-water\n')
    expect(stdout).toMatch(/^ {2}error {4}No medical reviewer has approved this article\. \[review-unreviewed\]$/m)
    // A blocked article is counted as blocked, never under a review status.
    expect(stdout.trimEnd().split('\n').at(-1)).toBe(
      '1 article as of 2026-11-26: 1 blocked · ' +
        'unreviewed 0, current 0, due-soon 0, overdue 0, edited-since-review 0, changes-requested 0',
    )
  })

  it('prints one JSON object per finding with --json, and the summary on stderr', async () => {
    const {code, stdout, stderr} = await vetted(
      '--dataset',
      'tests/fixtures/validate/unreviewed.ndjson',
      '--as-of',
      '2026-11-26',
      '--json',
    )
    expect(code).toBe(1)
    expect(
      stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([
      {
        ruleId: 'review-unreviewed',
        severity: 'error',
        documentId: 'article.drinking-water',
        slug: 'drinking-water',
        path: '',
        message:
          'No medical reviewer has approved this article. Ask a medical reviewer to review it and use “Sign off review”.',
        source: 'vetted:editorial',
      },
    ])
    expect(stderr).toMatch(/^1 article as of 2026-11-26: 1 blocked/)
  })

  it('reports malformed dataset lines with the findings and exits 2', async () => {
    const {code, stdout} = await vetted(
      '--dataset',
      'tests/fixtures/validate/malformed.ndjson',
      '--as-of',
      '2026-11-26',
      '--json',
    )
    expect(code).toBe(2)
    const lines = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as {ruleId: string; path: string; severity: string})
    expect(lines.map((line) => [line.ruleId, line.severity, line.path])).toEqual([
      ['review-unreviewed', 'error', ''],
      ['source:malformed-line', 'error', 'tests/fixtures/validate/malformed.ndjson:3'],
    ])
  })

  it('exits 2 for usage and source errors, saying what to fix', async () => {
    const unknownLevel = await vetted('--severity', 'overdue=fatal')
    expect(unknownLevel).toMatchObject({code: 2, stdout: ''})
    expect(unknownLevel.stderr).toContain('unknown level `fatal`')
    expect((await vetted('--severity', 'stale=error')).stderr).toContain('unknown review status `stale`')
    expect((await vetted('--as-of', '2026-02-30')).code).toBe(2)
    expect((await vetted('--out', 'x')).code).toBe(2)
    const missing = await vetted('--dataset', 'tests/fixtures/validate/absent.ndjson')
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^vetted validate: .*absent\.ndjson/)
    const directory = await vetted('--dataset', '/etc')
    expect(directory.code).toBe(2)
    expect(directory.stderr).toBe(
      'vetted validate: The dataset /etc is a directory, expected an NDJSON file: give --dataset the file itself (such as studio/dataset/production.ndjson).\n',
    )
  })
})
