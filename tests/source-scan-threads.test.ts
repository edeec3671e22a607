import {writeFileSync} from 'node:fs'
import path from 'node:path'
import {evaluateSync, parse, toJS} from 'groq-js'
import {afterAll, describe, expect, it} from 'vitest'
import {generateDataset} from '../bench/generate.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import {citedSourcesQuery} from '../pipeline/source/queries.ts'
import {scanFile, type ScannedDocument, type ScanOptions} from '../pipeline/source/scan-file.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * The opening pass with two threads (`--workers 2`): a first pass over a file reads its second half in another
 * thread, which summarises the article lines there. What the pass reports must be what one thread reports, line
 * numbers and problems included, whatever sits in the second half.
 */

async function generatedLines(articles: number): Promise<string[]> {
  const lines: string[] = []
  for await (const document of generateDataset({n: articles, words: 60})) lines.push(JSON.stringify(document))
  return lines
}

async function scanned(file: string, threads: number) {
  const documents = new Map<string, ScannedDocument>()
  const options: ScanOptions = {
    label: 'dataset.ndjson',
    maxDepth: 200,
    maxLineBytes: 64 * 1024,
    known: new Map(),
    documents,
  }
  const result = await scanFile(file, {...options, threads, splitBytes: 1})
  return {result, documents: [...documents.keys()]}
}

describe('the opening pass in two threads', () => {
  it('reports what one thread reports, for a clean file and for one whose second half is damaged', async () => {
    const lines = await generatedLines(40)
    const dir = makeTempDir('vetted-scan-threads-')
    const clean = path.join(dir, 'clean.ndjson')
    writeFileSync(clean, `${lines.join('\n')}\n`)

    const articles = lines.filter((line) => line.includes('"_type":"article"'))
    const firstArticle = JSON.parse(articles[0]!) as {_id: string}
    const tooDeep = {_id: 'article.deep', _type: 'article', _rev: 'r', body: [] as unknown[]}
    let nested: Record<string, unknown> = {}
    tooDeep.body.push(nested)
    for (let depth = 0; depth < 250; depth++) nested = (nested.child = {}) as Record<string, unknown>
    const damage = [
      // Another line with an id the first half has.
      JSON.stringify({...firstArticle, _rev: 'again'}),
      '{"_id": "article.cut", "_type": "art',
      '   ',
      '[1, 2]',
      JSON.stringify({_id: 'no id!', _type: 'article'}),
      JSON.stringify({_id: 'drafts.article.new', _type: 'article', slug: {current: 'new'}}),
      JSON.stringify({_id: 'article.untyped', _type: ''}),
      JSON.stringify({_id: 'article.keyless', _type: 'article', _rev: 'r', slug: {current: 'keyless'}, body: [{}]}),
      JSON.stringify(tooDeep),
      'x'.repeat(70 * 1024),
    ]
    const damaged = path.join(dir, 'damaged.ndjson')
    const bytes = Buffer.from(`${[...lines, ...damage, lines[3]].join('\n')}\n`)
    const invalidUtf8 = Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a])
    writeFileSync(damaged, Buffer.concat([bytes, invalidUtf8]))

    for (const file of [clean, damaged]) {
      const one = await scanned(file, 1)
      const two = await scanned(file, 2)
      expect(two).toEqual(one)
      expect(one.result.articles.length).toBeGreaterThan(30)
    }
    const {result} = await scanned(damaged, 2)
    const rules = new Set(result.problems.map((problem) => problem.ruleId))
    expect(rules.size).toBeGreaterThanOrEqual(6)
  })

  it('gives the cited sources of many articles as one evaluation of the query over all of them does', async () => {
    const lines = await generatedLines(400)
    const file = path.join(makeTempDir('vetted-scan-threads-'), 'dataset.ndjson')
    writeFileSync(file, `${lines.join('\n')}\n`)
    const source = await openLocalSource({file, label: 'dataset.ndjson', threads: 2})
    const ids: string[] = []
    for await (const row of source.listArticles()) ids.push(row._id)
    const cited = await source.citedSources!(ids)
    await source.close()
    const documents = lines.map((line) => JSON.parse(line) as {_id: string})
    const citedIds = [
      ...new Set(lines.flatMap((line) => [...line.matchAll(/"_ref":"(citation\.[^"]+)"/g)].map((m) => m[1]))),
    ]
    const whole = toJS(evaluateSync(parse(citedSourcesQuery), {dataset: documents, params: {ids: citedIds}}))
    // More than one chunk of the local source's evaluation (`CITED_CHUNK`).
    expect(cited.length).toBeGreaterThan(128)
    expect(cited).toEqual(whole)
  })
})
