import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {exportCommand} from '../pipeline/cli/commands/export.ts'
import {parsePolicy, parseSeverity} from '../pipeline/cli/review-options.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {DEFAULT_PUBLICATION_POLICY, publicationPolicy} from '../pipeline/export/review-policy.ts'
import {runExport} from '../pipeline/export/index.ts'
import type {ExportOptions} from '../pipeline/export/options.ts'
import {FORMATS, type ManifestArticle} from '../pipeline/export/release/manifest.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {editDocument, readDocuments, tempDir, writeDocuments} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'

afterAll(removeTempDirs)

/**
 * The publication policy per review status (settings' publicationPolicy, `--policy status=action`): publish,
 * publish-with-notice, keep-last-reviewed, block. On the embedded dataset as of 2026-11-26, with the real stages.
 */

const AS_OF = '2026-11-26'

let stages: ReturnType<typeof realExportStages>

beforeAll(() => {
  stages = realExportStages()
})

function datasetCopy(): string {
  const dir = tempDir('vetted-policy-')
  copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
  return dir
}

function exportTo(dir: string, options: Partial<ExportOptions> = {}) {
  const base = {
    outDir: 'out',
    dataset: 'dataset.ndjson',
    asOf: AS_OF,
    strict: false,
    formats: FORMATS,
    keep: 5,
    fsync: false,
  }
  return runExport({...base, ...options, cwd: dir, env: {}}, stages)
}

function entry(result: Awaited<ReturnType<typeof exportTo>>, slug: string): ManifestArticle {
  return result.manifest.articles.find((article) => article.slug === slug)!
}

function liveFile(dir: string, slug: string, file: string): string | null {
  const full = path.join(dir, 'out', 'current', 'articles', slug, file)
  return existsSync(full) ? readFileSync(full, 'utf8') : null
}

function claimOf(dir: string, slug: string): {current: boolean; notice: string | null; statement: string | null} {
  return (
    JSON.parse(liveFile(dir, slug, 'article.json')!) as {
      review: {claim: {current: boolean; notice: string | null; statement: string | null}}
    }
  ).review.claim
}

describe('the default publication policy', () => {
  it('publishes current and due-soon articles, and the others with their notice', {timeout: 120_000}, async () => {
    expect(DEFAULT_PUBLICATION_POLICY).toEqual({
      current: 'publish',
      'due-soon': 'publish',
      overdue: 'publish-with-notice',
      'edited-since-review': 'publish-with-notice',
      'changes-requested': 'publish-with-notice',
      unreviewed: 'publish-with-notice',
    })
    const dir = datasetCopy()
    const result = await exportTo(dir)
    expect(result.manifest.counts.byStatus).toEqual({exported: 7, kept: 0, blocked: 0})
    expect(entry(result, 'taking-medicines-safely').reviewStatus).toBe('changes-requested')
    expect(claimOf(dir, 'taking-medicines-safely')).toMatchObject({
      current: false,
      notice: expect.stringMatching(/^A medical reviewer asked for changes on October 5, 2026/),
    })
    expect(claimOf(dir, 'type-2-diabetes-prevention')).toMatchObject({
      current: false,
      notice: expect.stringMatching(/this text has changed since/),
    })
    expect(claimOf(dir, 'infant-mental-health')).toMatchObject({
      current: true,
      notice: expect.stringMatching(/overdue/),
    })
    expect(claimOf(dir, 'hand-washing')).toMatchObject({current: true, notice: null})
    expect(verifyRelease(path.join(dir, 'out', result.release)).problems).toEqual([])
  })
})

describe('publication actions', () => {
  it(
    'publish and publish-with-notice write the same bundle: the notice follows the status, not the policy',
    {timeout: 120_000},
    async () => {
      const a = datasetCopy()
      const b = datasetCopy()
      await exportTo(a, {policy: {overdue: 'publish', 'edited-since-review': 'publish'}})
      await exportTo(b, {policy: {overdue: 'publish-with-notice', 'edited-since-review': 'publish-with-notice'}})
      for (const slug of ['infant-mental-health', 'type-2-diabetes-prevention']) {
        expect(liveFile(a, slug, 'index.html')).toBe(liveFile(b, slug, 'index.html'))
        expect(liveFile(a, slug, 'index.html')).toContain('class="review-notice" role="note"')
      }
    },
  )

  it('block publishes nothing for the status, not even the last published bundle', {timeout: 120_000}, async () => {
    const dir = datasetCopy()
    await exportTo(dir)
    expect(liveFile(dir, 'taking-medicines-safely', 'index.html')).not.toBeNull()
    // One of seven published articles goes: more than the shrink guard's 10 %, meant here.
    const result = await exportTo(dir, {policy: {'changes-requested': 'block'}, allowShrink: true})
    const blocked = entry(result, 'taking-medicines-safely')
    expect(blocked).toMatchObject({status: 'blocked', reviewStatus: 'changes-requested', files: {}})
    expect(blocked.findings?.map((finding) => finding.ruleId)).toEqual(['review-policy-blocked'])
    expect(liveFile(dir, 'taking-medicines-safely', 'index.html')).toBeNull()
    // A blocked article is counted as blocked, never under its review status.
    expect(result.manifest.counts.byReviewStatus['changes-requested']).toBe(0)
    expect(result.manifest.counts.byStatus).toEqual({exported: 6, kept: 0, blocked: 1})
  })

  it(
    'keep-last-reviewed blocks an article that has no earlier bundle an approval covers',
    {timeout: 120_000},
    async () => {
      const dir = datasetCopy()
      const result = await exportTo(dir, {policy: {'edited-since-review': 'keep-last-reviewed'}})
      const blocked = entry(result, 'type-2-diabetes-prevention')
      expect(blocked).toMatchObject({status: 'blocked', reviewStatus: 'edited-since-review', files: {}})
      expect(blocked.findings?.map((finding) => finding.ruleId)).toEqual(['review-policy-blocked'])
    },
  )

  it(
    'keep-last-reviewed keeps the approved bundle across exports until the text is approved again',
    {timeout: 180_000},
    async () => {
      const dir = datasetCopy()
      const file = path.join(dir, 'dataset.ndjson')
      const policy = {'edited-since-review': 'keep-last-reviewed'} as const

      // 1. Approved: published as it stands.
      const approved = await exportTo(dir, {policy})
      const first = entry(approved, 'hand-washing')
      expect(first).toMatchObject({status: 'exported', reviewStatus: 'current'})
      const approvedJson = liveFile(dir, 'hand-washing', 'article.json')

      // 2. Edited after the approval: the approved bundle stays published, byte for byte.
      editDocument(file, 'article.hand-washing', (document) => ({...document, title: 'Hand washing, edited'}))
      const edited = await exportTo(dir, {policy})
      const kept = entry(edited, 'hand-washing')
      expect(kept).toMatchObject({
        status: 'kept',
        reviewStatus: 'edited-since-review',
        keptRevision: first.revision,
        keptContentHash: first.contentHash,
      })
      expect(kept.contentHash).not.toBe(first.contentHash)
      expect(kept.findings?.map((finding) => finding.ruleId)).toEqual(['review-policy-kept'])
      expect(liveFile(dir, 'hand-washing', 'article.json')).toBe(approvedJson)
      expect(claimOf(dir, 'hand-washing')).toMatchObject({current: true})
      expect(verifyRelease(path.join(dir, 'out', edited.release)).problems).toEqual([])

      // 3. Exported again unchanged: still the approved bundle (a kept entry is kept again, from the kept files).
      const again = await exportTo(dir, {policy})
      expect(entry(again, 'hand-washing')).toMatchObject({
        status: 'kept',
        keptRevision: first.revision,
        keptContentHash: first.contentHash,
      })
      expect(liveFile(dir, 'hand-washing', 'article.json')).toBe(approvedJson)

      // 4. Approved again (a Studio sign-off of the new text): the new text is published.
      const documents = readDocuments(file)
      const review = documents.find((document) => document._id === 'review.hand-washing.2026-06-10')!
      writeDocuments(file, [
        ...documents,
        {...review, _id: 'review.hand-washing.2026-11-20', reviewedOn: '2026-11-20', contentHash: kept.contentHash},
      ])
      const reapproved = await exportTo(dir, {policy})
      expect(entry(reapproved, 'hand-washing')).toMatchObject({
        status: 'exported',
        reviewStatus: 'current',
        contentHash: kept.contentHash,
      })
      expect(claimOf(dir, 'hand-washing')).toMatchObject({
        current: true,
        statement: 'Medically reviewed by Daniel Okafor, PharmD on November 20, 2026.',
      })
      expect(liveFile(dir, 'hand-washing', 'index.html')).toContain('<h1>Hand washing, edited</h1>')
    },
  )

  it('reads the policy from the settings, and --policy overrides it', {timeout: 120_000}, async () => {
    const dir = datasetCopy()
    editDocument(path.join(dir, 'dataset.ndjson'), 'settings', (document) => ({
      ...document,
      publicationPolicy: {changesRequested: 'block'},
    }))
    expect(entry(await exportTo(dir), 'taking-medicines-safely').status).toBe('blocked')
    expect(
      entry(await exportTo(dir, {policy: {'changes-requested': 'publish-with-notice'}}), 'taking-medicines-safely')
        .status,
    ).toBe('exported')
    expect(
      publicationPolicy({publicationPolicy: {overdue: 'block', dueSoon: 'nonsense'}} as never, {
        overdue: 'keep-last-reviewed',
      }),
    ).toMatchObject({
      overdue: 'keep-last-reviewed',
      'due-soon': 'publish',
    })
  })

  it('takes --severity like validate: a status made an error blocks the article', {timeout: 120_000}, async () => {
    const dir = datasetCopy()
    const result = await exportTo(dir, {severity: {'changes-requested': 'error'}})
    const blocked = entry(result, 'taking-medicines-safely')
    expect(blocked.status).toBe('blocked')
    expect(blocked.findings?.map((finding) => finding.ruleId)).toContain('review-changes-requested')
  })
})

describe('npx vetted export --policy and --severity', () => {
  it('parses status=action and status=level pairs, and refuses unknown ones with exit 2', async () => {
    expect(parsePolicy(['edited-since-review=keep-last-reviewed,changesRequested=block'])).toEqual({
      'edited-since-review': 'keep-last-reviewed',
      'changes-requested': 'block',
    })
    expect(parseSeverity(['changes-requested=error'])).toEqual({'changes-requested': 'error'})
    const errors: string[] = []
    const io = {
      stdout: () => {},
      stderr: (text: string) => void errors.push(text),
      env: {},
      cwd: tempDir('vetted-policy-'),
      isTty: false,
    }
    expect(await runCommand(['export', '--policy', 'overdue=hide'], [exportCommand], io)).toBe(2)
    expect(await runCommand(['export', '--policy', 'stale=block'], [exportCommand], io)).toBe(2)
    expect(await runCommand(['export', '--severity', 'overdue=loud'], [exportCommand], io)).toBe(2)
    expect(errors.join('')).toMatch(
      /--policy overdue: unknown action `hide`; use publish, publish-with-notice, keep-last-reviewed, block/,
    )
  })
})
