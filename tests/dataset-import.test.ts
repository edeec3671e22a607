import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {sanityImport} from '@sanity/import'
import sharp from 'sharp'
import {describe, expect, it} from 'vitest'
import {openLocalSource} from '../pipeline/source/local-source.ts'

/**
 * `npx sanity dataset import dataset/production.ndjson production` with the embedded dataset, run by Sanity's own
 * import code (`@sanity/import`, what the CLI calls, with the asset base the CLI gives a file: its folder) against
 * an in-memory Content Lake that names uploaded images as the real one does (`image-<sha1>-<w>x<h>-<ext>`). The
 * figures must come out referencing exactly the assets the local source synthesizes, so both sources agree.
 */

const DATASET = fileURLToPath(new URL('../studio/dataset/production.ndjson', import.meta.url))

type Doc = Record<string, unknown> & {_id: string; _type: string}

/** `body[3].asset`, `leadImage`: the index paths `@sanity/import` patches. */
function segmentsOf(pathText: string): Array<string | number> {
  return [...pathText.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((match) =>
    match[2] === undefined ? (match[1] as string) : Number(match[2]),
  )
}

function setAt(document: Doc, pathText: string, value: unknown, onlyIfMissing: boolean): void {
  const segments = segmentsOf(pathText)
  let parent = document as Record<string | number, unknown>
  for (const segment of segments.slice(0, -1)) parent = parent[segment] as Record<string | number, unknown>
  const last = segments.at(-1) as string | number
  if (!onlyIfMissing || parent[last] === undefined) parent[last] = value
}

function unsetAt(document: Doc, pathText: string): void {
  const segments = segmentsOf(pathText)
  let parent = document as Record<string | number, unknown> | undefined
  for (const segment of segments.slice(0, -1)) parent = parent?.[segment] as Record<string | number, unknown>
  if (parent) delete parent[segments.at(-1) as string | number]
}

/** The Content Lake as far as `@sanity/import` talks to it. */
function memoryLake() {
  const documents = new Map<string, Doc>()
  const uploads: string[] = []
  const transaction = () => {
    const steps: Array<() => void> = []
    const trx = {
      create: (doc: Doc) => (steps.push(() => documents.set(doc._id, structuredClone(doc))), trx),
      createIfNotExists: (doc: Doc) => trx.create(doc),
      createOrReplace: (doc: Doc) => trx.create(doc),
      patch(id: string, build: (patch: unknown) => unknown) {
        const ops: Array<(doc: Doc) => void> = []
        const patch = {
          setIfMissing: (values: Record<string, unknown>) => {
            for (const [at, value] of Object.entries(values)) ops.push((doc) => setAt(doc, at, value, true))
            return patch
          },
          set: (values: Record<string, unknown>) => {
            for (const [at, value] of Object.entries(values)) ops.push((doc) => setAt(doc, at, value, false))
            return patch
          },
          unset: (paths: string[]) => {
            for (const at of paths) ops.push((doc) => unsetAt(doc, at))
            return patch
          },
        }
        build(patch)
        steps.push(() => {
          const doc = documents.get(id)
          if (!doc) throw new Error(`patch of a missing document ${id}`)
          for (const op of ops) op(doc)
        })
        return trx
      },
      commit: async () => {
        for (const step of steps) step()
        return {results: steps.map(() => ({}))}
      },
    }
    return trx
  }
  const client = {
    config: () => ({projectId: 'p1', dataset: 'production', token: 'token', apiVersion: '2025-02-19'}),
    withConfig: () => client,
    // The import asks whether an asset with this sha1 exists before uploading: none does yet.
    fetch: async () => null,
    transaction,
    assets: {
      async upload(type: string, buffer: Buffer) {
        const {width, height, format} = await sharp(buffer).metadata()
        const sha1 = createHash('sha1').update(buffer).digest('hex')
        const extension = format === 'jpeg' ? 'jpg' : String(format)
        const asset = {
          _id: `${type}-${sha1}-${width}x${height}-${extension}`,
          _type: 'sanity.imageAsset',
          sha1hash: sha1,
        }
        uploads.push(asset._id)
        documents.set(asset._id, asset)
        return asset
      },
    },
  }
  return {client, documents, uploads}
}

describe('`sanity dataset import` of the embedded dataset', () => {
  it('uploads each image once and points every figure at the asset the local source synthesizes', async () => {
    const lake = memoryLake()
    const lines = readFileSync(DATASET, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Doc)
    const result = await sanityImport(lines, {
      client: lake.client as never,
      operation: 'create',
      assetsBase: path.dirname(DATASET),
      skipCrossDatasetReferences: true,
      onProgress: () => undefined,
    })
    expect(result.numDocs).toBe(lines.length)
    expect(lake.uploads.sort()).toEqual(
      exportedImageFiles()
        .map((file) => `image-${file.replace(/\.([a-z]+)$/, '-$1')}`)
        .sort(),
    )
    expect(JSON.stringify([...lake.documents.values()])).not.toContain('_sanityAsset')

    const source = await openLocalSource({file: DATASET, label: 'production.ndjson'})
    try {
      for (const id of ['article.hand-washing', 'article.sleep-adults', 'article.high-blood-pressure']) {
        const imported = lake.documents.get(id) as unknown as {
          body: Array<Record<string, unknown>>
          leadImage?: unknown
        }
        const local = await source.getArticle(id)
        expect(imported.body).toEqual(local?.body)
        expect(imported.leadImage ?? null).toEqual(local?.leadImage)
        const refs = [...imported.body, imported.leadImage].flatMap((figure) =>
          (figure as {asset?: {_ref: string}})?.asset ? [(figure as {asset: {_ref: string}}).asset._ref] : [],
        )
        expect(refs.length).toBeGreaterThan(0)
        expect(local?.images.map((image) => image._id)).toEqual([...new Set(refs)].sort())
      }
    } finally {
      await source.close()
    }
  })
})

function exportedImageFiles(): string[] {
  return readFileSync(DATASET, 'utf8')
    .match(/image@file:\/\/\.\/images\/[^"]+/g)!
    .map((url) => url.replace('image@file://./images/', ''))
    .filter((file, index, all) => all.indexOf(file) === index)
}
