import {mkdirSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import {realExportStages, type ExportStages} from '../pipeline/export/stages.ts'
import {READ_BATCH} from '../pipeline/export/work.ts'
import type {ContentSource} from '../pipeline/source/types.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {articleIds, editDocument, exportOptions, generatedDataset, tempDir, treeOf} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * With `--workers N` and a local dataset, each render worker reads, prepares and works on the articles it is given
 * (`readAndWork` in pipeline/export/work.ts): the export thread only places them, plans them in id order as the
 * workers answer, and reads an article itself only when the plan cannot take the worker's work (an unusable or
 * already taken slug, a policy that does not publish it, figures to place in id order). The release must be the one
 * a single thread makes, byte for byte.
 */

/** The real stages, the source's reads counted: which articles the export thread read, and how many it placed. */
function countingStages(): {stages: ExportStages; readHere: string[]; placed: () => number} {
  const real = realExportStages()
  const readHere: string[] = []
  let placed = 0
  const stages: ExportStages = {
    ...real,
    openSource: async (input) => {
      const source: ContentSource = await real.openSource(input)
      return {
        ...source,
        getArticle: (id) => {
          readHere.push(id)
          return source.getArticle(id)
        },
        ...(source.articlePlace
          ? {
              articlePlace: (id: string) => {
                placed++
                return (source.articlePlace as NonNullable<ContentSource['articlePlace']>)(id)
              },
            }
          : {}),
      }
    },
  }
  return {stages, readHere, placed: () => placed}
}

describe('export: render workers that read their own articles', () => {
  it('gives the release one thread gives, and the export thread reads only the articles the plan decides otherwise', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 12)
    const [a, b, c, d] = articleIds(dataset) as [string, string, string, string]
    editDocument(dataset, a, (document) => ({...document, slug: {_type: 'slug', current: '../../escape'}}))
    editDocument(dataset, c, (document) => ({...document, slug: {_type: 'slug', current: 'same-slug'}}))
    editDocument(dataset, d, (document) => ({...document, slug: {_type: 'slug', current: 'same-slug'}}))
    // A status that blocks some articles, so the policy decides for them (no worker may publish them).
    const policy = {overdue: 'block'} as const
    const one = await runExport(
      {...exportOptions(dir, dataset, {policy}), outDir: path.join(dir, 'one')},
      realExportStages(),
    )
    const counting = countingStages()
    const options = {...exportOptions(dir, dataset, {policy}), outDir: path.join(dir, 'two'), workers: 2}
    const two = await runExport(options, counting.stages)

    expect(two.releaseId).toBe(one.releaseId)
    expect(treeOf(path.join(dir, 'two', two.release))).toEqual(treeOf(path.join(dir, 'one', one.release)))
    expect(two.summary).toEqual(one.summary)
    expect(two.findings).toEqual(one.findings)
    // Every article was placed for a worker; the export thread read the unusable slug, the second "same-slug" (the
    // first claims it) and the articles the policy blocks, and no other.
    expect(counting.placed()).toBe(12)
    const blockedByPolicy = one.manifest.articles
      .filter((entry) => entry.findings?.some((finding) => finding.ruleId === 'review-policy-blocked'))
      .map((entry) => entry.id)
    expect(blockedByPolicy.length).toBeGreaterThan(0)
    expect([...counting.readHere].sort()).toEqual([...new Set([a, d, ...blockedByPolicy])].sort())
    expect(one.manifest.articles.find((entry) => entry.id === b)?.status).toBe('exported')
  })

  // Articles go to a worker a few at a time (`READ_BATCH`): a worker that stops loses them all, and each is worked on
  // by the export thread the usual way, the others of the run untouched.
  it('works on every article a stopped worker was sent, and gives the release one thread gives', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 12)
    const one = await runExport({...exportOptions(dir, dataset), outDir: path.join(dir, 'one')}, realExportStages())
    const counting = countingStages()
    const stages = {
      ...counting.stages,
      workerModule: new URL('./helpers/export-worker-stopping-read.ts', import.meta.url),
    }
    const two = await runExport({...exportOptions(dir, dataset), outDir: path.join(dir, 'two'), workers: 2}, stages)

    expect(two.releaseId).toBe(one.releaseId)
    expect(treeOf(path.join(dir, 'two', two.release))).toEqual(treeOf(path.join(dir, 'one', one.release)))
    expect(two.findings).toEqual(one.findings)
    const stopped = articleIds(dataset).find((id) => id.endsWith('a000003')) as string
    expect(counting.readHere).toContain(stopped)
    // Its batch-mates came back with it, and the batch the worker held next; the workers read the rest.
    expect(counting.readHere.length).toBeGreaterThanOrEqual(READ_BATCH)
    expect(counting.readHere.length).toBeLessThanOrEqual(2 * READ_BATCH)
    expect(counting.readHere.length).toBeLessThan(12)
  })

  it('gives the same release when it re-exports a changed dataset, and for the embedded dataset with its figures', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 8)
    const [first, second] = articleIds(dataset) as [string, string]
    const outs = {one: path.join(dir, 'one'), two: path.join(dir, 'two')}
    await runExport({...exportOptions(dir, dataset), outDir: outs.one}, realExportStages())
    await runExport({...exportOptions(dir, dataset), outDir: outs.two, workers: 2}, realExportStages())
    // The first article, changed (a worker reads it), takes the slug of the second, unchanged (reused without a
    // read): planned in id order together, the slug is the first's and the second cannot be reused as it was.
    const slugOf = (id: string): string => treeSlug(outs.one, id)
    editDocument(dataset, first, (document) => ({...document, slug: {_type: 'slug', current: slugOf(second)}}))
    // The second's last good files cannot be kept at a slug the first now has: the release drops it.
    const again = {...exportOptions(dir, dataset), allowShrink: true}
    const one = await runExport({...again, outDir: outs.one}, realExportStages())
    const two = await runExport({...again, outDir: outs.two, workers: 2}, realExportStages())
    expect(two.releaseId).toBe(one.releaseId)
    expect(treeOf(path.join(outs.two, two.release))).toEqual(treeOf(path.join(outs.one, one.release)))
    expect(two.findings).toEqual(one.findings)
    expect(one.findings.find((entry) => entry.id === second)?.findings.map((finding) => finding.ruleId)).toContain(
      'export-slug-duplicate',
    )

    const file = path.join(dir, 'embedded', 'production.ndjson')
    mkdirSync(path.dirname(file))
    copyEmbeddedDataset(file)
    const alone = await runExport({...exportOptions(dir, file), outDir: path.join(dir, 'e1')}, realExportStages())
    const pooled = await runExport(
      {...exportOptions(dir, file), outDir: path.join(dir, 'e2'), workers: 2},
      realExportStages(),
    )
    expect(pooled.releaseId).toBe(alone.releaseId)
    expect(treeOf(path.join(dir, 'e2', pooled.release))).toEqual(treeOf(path.join(dir, 'e1', alone.release)))
  })
})

/** The slug an article was exported at, from the live release's manifest. */
function treeSlug(out: string, id: string): string {
  const manifest = JSON.parse(treeOf(path.join(out, 'current'))['manifest.json'] as string) as {
    articles: Array<{id: string; slug: string}>
  }
  return manifest.articles.find((entry) => entry.id === id)?.slug as string
}
