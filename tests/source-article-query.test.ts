import {readFileSync, writeFileSync, mkdtempSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {evaluateSync, parse, toJS} from 'groq-js'
import {afterAll, describe, expect, it} from 'vitest'
import {writeDataset} from '../bench/write-dataset.ts'
import {ExportAssets} from '../pipeline/source/export-assets.ts'
import {openLocalSource, withoutDraftFilters} from '../pipeline/source/local-source.ts'
import {articleQuery} from '../pipeline/source/queries.ts'

/**
 * The local source runs `articleQuery` without the body in its projections and puts the document's body back
 * (groq-js copied it node by node), and without the draft and version filters over the published documents it
 * reaches. Its answers must be exactly the full query's over the whole dataset, drafts and versions included — the
 * same values and the same key order, since the export hashes the answer's JSON.
 */

const ROOT = path.resolve(import.meta.dirname, '..')
const dir = mkdtempSync(path.join(tmpdir(), 'vetted-article-query-'))
afterAll(() => rmSync(dir, {recursive: true, force: true}))

async function expectFullQueryAnswers(file: string): Promise<number> {
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
  // The full query runs over the dataset as `sanity dataset import` would load it: figures' files resolved into
  // asset references and asset documents.
  const assets = new ExportAssets(file)
  const documents: unknown[] = []
  const assetDocuments = new Map<string, unknown>()
  for (const line of lines) {
    const resolved = await assets.resolve(line)
    documents.push(resolved.document)
    for (const asset of resolved.assets) assetDocuments.set(asset._id, asset)
  }
  documents.push(...assetDocuments.values())
  const query = parse(articleQuery)
  const source = await openLocalSource({file, label: path.basename(file)})
  let compared = 0
  try {
    for await (const {_id: id} of source.listArticles()) {
      const expected = toJS(evaluateSync(query, {dataset: documents, params: {id}}))
      const actual = await source.getArticle(id)
      expect(JSON.stringify(actual)).toBe(JSON.stringify(expected))
      compared++
    }
  } finally {
    await source.close()
  }
  return compared
}

describe('the local source answers articleQuery', () => {
  it('drops exactly the three draft and version filters, nothing else', () => {
    const light = withoutDraftFilters(articleQuery)
    expect(light).not.toMatch(/drafts|versions/)
    expect(articleQuery.length - light.length).toBe(
      3 * ' && !(_id in path("drafts.**")) && !(_id in path("versions.**"))'.length,
    )
  })

  it('as groq-js does over the whole embedded dataset', async () => {
    expect(await expectFullQueryAnswers(path.join(ROOT, 'studio', 'dataset', 'production.ndjson'))).toBeGreaterThan(5)
  })

  it('as groq-js does over generated articles, an article without a body included', async () => {
    const file = path.join(dir, 'generated.ndjson')
    await writeDataset(file, {n: 40, seed: 3})
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
    const bodiless = lines.findIndex((line) => (JSON.parse(line) as {_type: string})._type === 'article')
    const article = JSON.parse(lines[bodiless]!) as Record<string, unknown>
    delete article.body
    lines[bodiless] = JSON.stringify(article)
    writeFileSync(file, `${lines.join('\n')}\n`)
    expect(await expectFullQueryAnswers(file)).toBe(40)
  })
})
