import {formatPath, type DiagnosticMessage} from '../pipeline/diagnostic.ts'
import {existsSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {exportCommand} from '../pipeline/cli/commands/export.ts'
import {importCommand} from '../pipeline/cli/commands/import.ts'
import {importMarkdownFiles, validateImported} from '../pipeline/import/index.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {readDocuments, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

/**
 * Issue 14: `vetted import` minted sign-offs — a front matter reviewer became a medical reviewer with an approved
 * review, and the export published "Medically reviewed by Dr Made Up, MD". An import never grants trust.
 */

const MADE_UP = `---
title: Vitamin myths
summary: What vitamins can and cannot do for healthy adults.
language: en
audience: general-public
authors:
  - Sean Jackson
reviewer:
  name: Dr Made Up
  credentials: MD
published: 2026-10-01
lastReviewed: 2026-10-02
---

Most healthy adults get the vitamins they need from food.
`

function setUp(): string {
  const dir = tempDir('vetted-import-trust-')
  copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
  writeFileSync(path.join(dir, 'vitamins.md'), MADE_UP)
  return dir
}

async function vetted(dir: string, ...args: string[]) {
  const out: string[] = []
  const err: string[] = []
  const io = {
    stdout: (text: string) => void out.push(text),
    stderr: (text: string) => void err.push(text),
    env: {SOURCE_DATE_EPOCH: '1795651200'},
    cwd: dir,
    isTty: false,
  }
  const code = await runCommand(args, [importCommand, exportCommand], io)
  return {code, stdout: out.join(''), stderr: err.join('')}
}

function releaseText(dir: string): string {
  const articles = path.join(dir, 'out', 'current', 'articles')
  if (!existsSync(path.join(articles, 'vitamin-myths'))) return ''
  return readdirSync(path.join(articles, 'vitamin-myths'))
    .map((name) => readFileSync(path.join(articles, 'vitamin-myths', name), 'utf8'))
    .join('\n')
}

describe('importing a reviewer named in front matter', () => {
  it(
    'without --accept-review-records: a person without roles, no review, findings printed, and no claim exported',
    {timeout: 120_000},
    async () => {
      const dir = setUp()
      const imported = await vetted(dir, 'import', 'vitamins.md', '--into', 'dataset.ndjson')
      expect(imported.code).toBe(0)
      expect(imported.stderr).toMatch(
        /a file cannot record a sign-off: the article is imported as never reviewed.*review-not-imported/s,
      )
      expect(imported.stderr).toMatch(
        /Dr Made Up is imported as a new person without the medical reviewer role.*person-role/s,
      )
      // After writing, the import validates what it wrote and says what would block the export.
      expect(imported.stdout).toContain('Validation of the imported articles')
      expect(imported.stdout).toMatch(/No medical reviewer has approved this article.*review-unreviewed/s)
      const documents = readDocuments(path.join(dir, 'dataset.ndjson'))
      expect(documents.find((document) => document._id === 'person.dr-made-up')).toMatchObject({roles: []})
      expect(
        documents.filter(
          (document) =>
            document._type === 'review' && (document.article as {_ref: string})._ref === 'article.vitamin-myths',
        ),
      ).toEqual([])

      const exported = await vetted(dir, 'export', '--dataset', 'dataset.ndjson', '--out', 'out')
      expect(exported.code).toBe(1)
      expect(exported.stdout).toMatch(/review-unreviewed/)
      expect(releaseText(dir)).not.toContain('Medically reviewed by')
    },
  )

  it(
    'with --accept-review-records: an imported record, reported per file, that still grants no role nor claim',
    {timeout: 120_000},
    async () => {
      const dir = setUp()
      const imported = await vetted(dir, 'import', 'vitamins.md', '--into', 'dataset.ndjson', '--accept-review-records')
      expect(imported.code).toBe(0)
      expect(imported.stderr).toMatch(
        /vitamins\.md[\s\S]*Review record accepted \(--accept-review-records\): Dr Made Up on 2026-10-02/,
      )
      expect(imported.stderr).toMatch(/review-record-imported/)
      const documents = readDocuments(path.join(dir, 'dataset.ndjson'))
      expect(documents.find((document) => document._id === 'review.vitamin-myths.2026-10-02')).toMatchObject({
        provenance: 'imported',
        outcome: 'approved',
      })
      expect(documents.find((document) => document._id === 'person.dr-made-up')).toMatchObject({roles: []})
      expect(imported.stdout).toMatch(/reviewer-qualified/)

      const exported = await vetted(dir, 'export', '--dataset', 'dataset.ndjson', '--out', 'out')
      expect(exported.code).toBe(1)
      expect(releaseText(dir)).not.toContain('Medically reviewed by')
    },
  )
})

describe('citation markers without a reference', () => {
  it('are kept as text that validation reports as an orphan marker error, with its path', async () => {
    const front = `---\ntitle: Orphans\nsummary: Markers with no reference list.\nlanguage: en\n---\n`
    const markdown = `${front}\nWater helps.[1] So does sleep [2].\n`
    const result = await importMarkdownFiles(
      [{path: 'orphans.md', value: markdown}],
      [{_id: 'settings', _type: 'settings'}],
    )
    expect(
      result.files[0]!.messages.map(
        (message) => `${message.ruleId}:${message.message.includes('citation-marker-orphan')}`,
      ),
    ).toEqual(['citation-unknown:true', 'citation-unknown:true'])
    const [file] = await validateImported(result.documents, ['article.orphans'], '2026-11-26')
    const orphans = file!.messages.filter((message) => message.ruleId === 'citation-marker-orphan')
    expect(orphans.map((message) => [message.fatal, formatPath((message as DiagnosticMessage).path ?? [])])).toEqual([
      [true, expect.stringMatching(/^body\[_key=="[^"]+"\]\.children\[_key=="[^"]+"\]$/)],
      [true, expect.stringMatching(/^body\[_key=="[^"]+"\]\.children\[_key=="[^"]+"\]$/)],
    ])
  })
})
