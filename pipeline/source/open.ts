import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {evaluate, parse} from 'groq-js'
import {articleIdsQuery, articleQuery, settingsQuery} from './queries.ts'
import {SourceError} from './errors.ts'
import type {ContentSource, SourceArticle, SourceProblem, SourceSettings} from './types.ts'

export const DEFAULT_DATASET = 'studio/dataset/production.ndjson'

export interface OpenSourceOptions {
  dataset?: string
  env: Record<string, string | undefined>
  cwd: string
}

/**
 * Interim form: reads the local NDJSON file whole. It is replaced by the streaming, offset-indexed local source
 * and the Content Lake source; the signature stays.
 */
export async function openSource(options: OpenSourceOptions): Promise<ContentSource> {
  const file = path.resolve(options.cwd, options.dataset ?? DEFAULT_DATASET)
  const label = path.relative(options.cwd, file) || file
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    throw new SourceError(`Cannot read the dataset file ${label}: check the path given to --dataset.`)
  }
  const problems: SourceProblem[] = []
  const documents: unknown[] = []
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return
    try {
      const document: unknown = JSON.parse(line)
      const id = typeof document === 'object' && document !== null && '_id' in document ? document._id : undefined
      if (typeof id === 'string' && (id.startsWith('drafts.') || id.startsWith('versions.'))) return
      documents.push(document)
    } catch (error) {
      problems.push({file: label, line: index + 1, message: `${label}:${index + 1}: ${(error as Error).message}`, ruleId: 'source:malformed-line'})
    }
  })
  const run = async (query: string, params: Record<string, unknown>): Promise<unknown> =>
    (await evaluate(parse(query, {params}), {dataset: documents, params})).get()
  return {
    label,
    async *listArticles() {
      const rows = (await run(articleIdsQuery, {lastId: '', limit: Number.MAX_SAFE_INTEGER})) as Array<{_id: string; _rev: string}>
      yield* rows
    },
    getArticle: async (id) => (await run(articleQuery, {id})) as SourceArticle | null,
    getSettings: async () => (await run(settingsQuery, {})) as SourceSettings | null,
    problems: () => [...problems],
    close: async () => {},
  }
}
