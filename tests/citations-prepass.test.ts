import {spawnSync} from 'node:child_process'
import {existsSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {
  defaultMaxMemory,
  EXPORT_AT_PREPASS_MB,
  IDLE_WORKER_MB,
  exportHeapLimits,
  PROCESS_BASE_MB,
  THREAD_BASE_MB,
} from '../pipeline/cli/memory.ts'
import {readCitationCacheFile} from '../pipeline/export/citation-cache.ts'
import {runExport} from '../pipeline/export/index.ts'
import type {ExportOptions} from '../pipeline/export/options.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {inProcessRunner} from '../pipeline/export/work.ts'
import {citationToCsl} from '../pipeline/render/citations/csl-json.ts'
import {cacheItemJson} from '../pipeline/render/citations/reference-cache.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {exportOptions, tempDir, treeOf} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * Citation formatting happens once per distinct source, before the article loop, in a thread of its own that ends
 * with its citeproc engine: the article loop (this thread or the render workers) only looks references up.
 */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))
const EMBEDDED = path.join(ROOT, 'studio', 'dataset', 'production.ndjson')
const AS_OF = '2026-11-26'

function options(dir: string, extra: Partial<ExportOptions> = {}): ExportOptions {
  return exportOptions(dir, path.join(dir, 'dataset.ndjson'), {timings: path.join(dir, 'timings.jsonl'), ...extra})
}

/** Exports with the real stages, collecting what each article's work formatted that no cache had. */
async function exportCollecting(dir: string, extra: Partial<ExportOptions> = {}) {
  const formattedInLoop: unknown[] = []
  const stages = realExportStages()
  const result = await runExport(options(dir, extra), stages, {
    createRunner: async (run) => {
      const runner = inProcessRunner(run, stages)
      return {
        ...runner,
        run: async (job) => runner.run(job).then((work) => (formattedInLoop.push(...(work.citations ?? [])), work)),
      }
    },
  })
  return {result, formattedInLoop}
}

function prepassFigures(dir: string): Array<Record<string, number>> {
  return readFileSync(path.join(dir, 'timings.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as {citations?: Record<string, number>})
    .flatMap((line) => (line.citations ? [line.citations] : []))
}

describe('the citation pre-pass', () => {
  it('gives each source the query that renders its article would give, each once', async () => {
    const source = await openLocalSource({file: EMBEDDED, label: 'production.ndjson'})
    const ids: string[] = []
    for await (const row of source.listArticles()) ids.push(row._id)
    const fromArticles = new Map<string, unknown>()
    for (const id of ids)
      for (const citation of (await source.getArticle(id))?.citations ?? []) fromArticles.set(citation._id, citation)
    const cited = await source.citedSources!(ids)
    await source.close()
    expect(cited.length).toBeGreaterThan(5)
    expect(cited.map((citation) => citation._id)).toEqual([...fromArticles.keys()].sort())
    expect(cited).toEqual(cited.map((citation) => fromArticles.get(citation._id)))
  })

  it('formats every cited source before the articles render, so no article formats one', async () => {
    const dir = tempDir()
    copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
    const first = await exportCollecting(dir)
    expect(first.result.summary.rendered).toBeGreaterThan(5)
    expect(first.formattedInLoop).toEqual([])
    const [figures] = prepassFigures(dir)
    expect(figures).toMatchObject({cached: 0, failed: 0})
    expect(figures!.formatted).toBe(figures!.distinct)

    // Every source the release cites is in the cache file, formatted as the renderer would key it.
    const source = await openLocalSource({file: path.join(dir, 'dataset.ndjson'), label: 'dataset.ndjson'})
    const ids: string[] = []
    for await (const row of source.listArticles()) ids.push(row._id)
    const cited = (await source.citedSources!(ids)).filter((citation) => citation.title || !citation.rawText)
    await source.close()
    const cached = new Set(
      (await readCitationCacheFile(path.join(dir, 'out', '.cache', 'citations.ndjson'))).map((e) => e.item),
    )
    for (const citation of cited) expect(cached.has(cacheItemJson(citationToCsl(citation)))).toBe(true)

    // Rendering everything again finds every source in the file: nothing is formatted, and the files are the same.
    const before = treeOf(path.join(dir, 'out', 'current', 'articles'))
    const again = await exportCollecting(dir, {full: true})
    expect(again.formattedInLoop).toEqual([])
    expect(prepassFigures(dir)[1]).toMatchObject({distinct: figures!.distinct, cached: figures!.distinct, formatted: 0})
    expect(treeOf(path.join(dir, 'out', 'current', 'articles'))).toEqual(before)
  })
})

describe('render workers and the citation pre-pass', () => {
  /** Exports with `workers`, noting for each runner made whether the pre-pass had written the citation cache yet. */
  async function runnersMade(dir: string, workers: number): Promise<boolean[]> {
    const stages = realExportStages()
    const made: boolean[] = []
    const cache = path.join(dir, 'out', '.cache', 'citations.ndjson')
    await runExport(options(dir, {workers}), stages, {
      createRunner: async (run) => {
        made.push(existsSync(cache))
        return inProcessRunner(run, stages)
      },
    })
    return made
  }

  it('start as the pre-pass begins, so they load their modules while it formats', async () => {
    const dir = tempDir()
    copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
    expect(await runnersMade(dir, 2)).toEqual([false])
    // Nothing to work on: a re-export that reuses every article starts none.
    expect(await runnersMade(dir, 2)).toEqual([])
  })

  it('are not there with one worker: this thread renders, from the first article on', async () => {
    const dir = tempDir()
    copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
    expect(await runnersMade(dir, 1)).toEqual([true])
  })
})

describe('--max-memory', () => {
  it('splits the budget so that the heaps and what each thread holds besides stay within it', () => {
    const budgets: Array<[number, number]> = [
      [400, 1],
      [1024, 1],
      [700, 2],
      [1024, 2],
      // The defaults users get, whose export thread has the larger young generation.
      [defaultMaxMemory(1), 1],
      [defaultMaxMemory(2), 2],
      [defaultMaxMemory(3), 3],
    ]
    const heap = (limits: {maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb?: number}) =>
      limits.maxOldGenerationSizeMb + (limits.maxYoungGenerationSizeMb ?? 0)
    for (const [budget, workers] of budgets) {
      const limits = exportHeapLimits(budget, workers)
      // What the process holds outside the heaps is counted, as measured: the main thread and Node, and each worker.
      const rendering =
        PROCESS_BASE_MB + heap(limits.export) + (workers > 1 ? workers * (THREAD_BASE_MB + heap(limits.worker)) : 0)
      expect(rendering).toBeLessThanOrEqual(budget)
      // The citation thread runs beside the export thread's heap as the pre-pass leaves it, and the render workers
      // waiting for their first article.
      const waiting = workers > 1 ? workers * IDLE_WORKER_MB : 0
      const prepass = PROCESS_BASE_MB + EXPORT_AT_PREPASS_MB + waiting + THREAD_BASE_MB + heap(limits.formatter)
      expect(prepass).toBeLessThanOrEqual(budget)
      // Enough for citeproc's APA engine and a few thousand formatted sources.
      expect(limits.formatter.maxOldGenerationSizeMb).toBeGreaterThanOrEqual(128)
    }
  })

  it('runs the CLI export within the limit, and refuses a limit below what the modules need', () => {
    const dir = tempDir()
    copyEmbeddedDataset(path.join(dir, 'dataset.ndjson'))
    const node = path.join(ROOT, 'node_modules', '.bin', 'node')
    const cli = (...args: string[]) =>
      spawnSync(
        node,
        [
          path.join(ROOT, 'bin', 'vetted.js'),
          'export',
          '-d',
          'dataset.ndjson',
          '-o',
          'out',
          '--as-of',
          AS_OF,
          '--no-fsync',
          ...args,
        ],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      )
    const bounded = cli('--max-memory', '256', '--workers', '2')
    expect(bounded.stderr).not.toContain('vetted export:')
    expect(bounded.status).toBe(0)
    expect(bounded.stdout).toMatch(/Work: \d+ rendered/)
    const tooSmall = cli('--max-memory', '200')
    expect(tooSmall.status).toBe(2)
    expect(tooSmall.stderr).toContain('--max-memory takes a whole number of megabytes, at least 256')
  })
})
