import {readFileSync, readlinkSync, writeFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exportCommand} from '../pipeline/cli/commands/export.ts'
import {validateCommand} from '../pipeline/cli/commands/validate.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {editDocument, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

/**
 * The failure semantics a publishing job relies on (docs/export.md), through the command: a dataset that cannot
 * be read as a whole and invalid settings are exit 2 with one line and nothing switched; a document with a value
 * of the wrong kind blocks only the articles that use it, which keep their last good bundle (exit 1).
 */

const AS_OF = '2026-11-26'
const STACK = /^\s+at\s|\n\s+at\s/m
const ARTICLE = 'article.infant-mental-health'

async function vetted(dir: string, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: {},
    cwd: dir,
    isTty: false,
  }
  const code = await runCommand(argv, [exportCommand, validateCommand], io)
  return {code, stdout, stderr}
}

const live = (dir: string) => readlinkSync(path.join(dir, 'out', 'current'))

let dir: string
let first: string
beforeAll(async () => {
  dir = tempDir('vetted-inputs-')
  copyEmbeddedDataset(path.join(dir, 'good.ndjson'))
  const {code} = await vetted(dir, 'export', '--dataset', 'good.ndjson', '--out', 'out', '--as-of', AS_OF, '--no-fsync')
  expect(code).toBe(0)
  first = live(dir)
}, 120_000)

function variant(name: string, write: (file: string) => void): string {
  const file = path.join(dir, name)
  copyEmbeddedDataset(file)
  write(file)
  return name
}

describe('a dataset that cannot be read as a whole: exit 2, file:line and what to do, nothing switched', () => {
  const append = (file: string, line: string) => writeFileSync(file, `${readFileSync(file, 'utf8')}${line}\n`)
  const cases: Array<[string, (file: string) => void, RegExp]> = [
    ['empty', (file) => writeFileSync(file, ''), /empty\.ndjson:1: the file holds no documents\. Check that --dataset/],
    [
      'truncated',
      (file) => writeFileSync(file, readFileSync(file).subarray(0, -300)),
      /truncated\.ndjson:\d+: not valid JSON .*a truncated last line/,
    ],
    [
      'binary',
      (file) => writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x0a, 0x80, 0x81])),
      /binary\.ndjson:1: the line holds bytes that are not UTF-8/,
    ],
    [
      'duplicate',
      (file) => append(file, readFileSync(file, 'utf8').split('\n')[5] ?? ''),
      /duplicate\.ndjson:\d+: document id `[^`]+` was already used on line 6/,
    ],
    ['garbage', (file) => append(file, 'not json at all'), /garbage\.ndjson:\d+: not valid JSON/],
    ['escape', (file) => append(file, '{"_id":"evil\\u001b[2J","_type":"person"}'), /document id `evil\\u001b\[2J`/],
  ]
  for (const [name, write, message] of cases) {
    it(`${name}`, async () => {
      const dataset = variant(`${name}.ndjson`, write)
      const {code, stdout, stderr} = await vetted(dir, 'export', '--dataset', dataset, '--out', 'out', '--as-of', AS_OF)
      expect(code).toBe(2)
      expect(stderr).toMatch(message)
      expect(stderr).toMatch(/No release was switched\.\n$/)
      expect(stderr.split('\n').filter(Boolean)).toHaveLength(1)
      expect(stderr).not.toContain('\u001b')
      expect(`${stdout}${stderr}`).not.toMatch(STACK)
      expect(live(dir)).toBe(first)
    })
  }
})

describe('settings of the wrong kind are a source error, in export and in validate', () => {
  const cases = [
    ['citationStyle', 'klingon', 'the text "klingon"'],
    ['reviewIntervalMonths', '12', 'the text "12"'],
    ['reviewIntervalMonths', -5, 'the number -5'],
  ] as const
  for (const [field, value, found] of cases) {
    it(`${field}: ${JSON.stringify(value)}`, async () => {
      const edit = (file: string) => editDocument(file, 'settings', (doc) => ({...doc, [field]: value}))
      const name = variant(`settings-${field}-${String(value)}.ndjson`, edit)
      const exported = await vetted(dir, 'export', '--dataset', name, '--out', 'out', '--as-of', AS_OF)
      expect(exported.code).toBe(2)
      expect(exported.stderr).toContain(`are not valid: ${field}: expected`)
      expect(exported.stderr).toContain(`found ${found}`)
      expect(live(dir)).toBe(first)
      const validated = await vetted(dir, 'validate', '--dataset', name, '--as-of', AS_OF)
      expect(validated.code).toBe(2)
      expect(validated.stderr).toContain(`found ${found}`)
      expect(`${validated.stdout}${validated.stderr}`).not.toMatch(STACK)
    })
  }
})

describe('a document with a value of the wrong kind blocks only the articles that use it', () => {
  it('keeps the last good bundle of the article, exports the others, exit 1, and the release verifies', async () => {
    const name = variant('title.ndjson', (file) => editDocument(file, ARTICLE, (doc) => ({...doc, title: 2026})))
    const {code, stdout} = await vetted(dir, 'export', '--dataset', name, '--out', 'out', '--as-of', AS_OF, '--json')
    expect(code).toBe(1)
    type Found = {ruleId: string; path: unknown[]; message: string}
    type Summary = {summary: Record<string, number>; findings: Array<{id: string; findings: Found[]}>}
    const result = JSON.parse(stdout) as Summary
    expect(result.summary).toMatchObject({kept: 1, blocked: 0})
    const article = result.findings.find((entry) => entry.id === ARTICLE)
    const finding = article?.findings.find((entry) => entry.ruleId === 'invalid-value')
    const message = expect.stringContaining('expected text, found the number 2026')
    expect(finding).toMatchObject({path: ['title'], message})
    expect((await verifyRelease(path.join(dir, 'out', 'current'))).problems).toEqual([])
  })
})

describe('--workers', () => {
  it(`is bounded by the machine (${availableParallelism()} here): more is a usage error, exit 2`, async () => {
    const {code, stderr} = await vetted(dir, 'export', '--dataset', 'good.ndjson', '--workers', '999999')
    expect(code).toBe(2)
    const most = availableParallelism()
    const line = `--workers takes at most ${most} on this machine (its available parallelism), got \`999999\`.`
    expect(stderr).toBe(`vetted export: ${line}\n`)
  })
})
