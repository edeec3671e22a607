import {copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'

/**
 * Images in a local export file (issue 21): a figure's `_sanityAsset` (the export's form) becomes the asset
 * reference and asset document the import would create, read from the file beside the dataset; a file that is
 * missing or does not match its name is a finding that names the document, the path, what was expected and found.
 */

const DATASET_IMAGES = fileURLToPath(new URL('../studio/dataset/images/', import.meta.url))
const PNG = readdirSync(DATASET_IMAGES).find((name) => name.endsWith('-1200x630.png')) as string
const SVG = readdirSync(DATASET_IMAGES).find((name) => name.endsWith('.svg')) as string
const OTHER_PNG = readdirSync(DATASET_IMAGES).find((name) => name.endsWith('-1200x800.png')) as string
const idOf = (file: string) => `image-${file.replace(/\.([a-z]+)$/, '-$1')}`

const figure = (key: string, url: string) => ({
  _sanityAsset: url,
  _type: 'figure',
  _key: key,
  alt: 'A described image.',
  credit: 'Northfield Health Library',
  publisherOwned: true,
})

function article(id: string, body: unknown[], leadImage?: unknown) {
  return {
    _id: id,
    _type: 'article',
    _rev: 'r1',
    title: id,
    slug: {_type: 'slug', current: id.replace('article.', '')},
    body: [{_type: 'block', _key: 'p', style: 'normal', markDefs: [], children: []}, ...body],
    ...(leadImage ? {leadImage} : {}),
  }
}

let dir: string
let file: string
let source: Awaited<ReturnType<typeof openLocalSource>>

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'vetted-images-'))
  mkdirSync(path.join(dir, 'images'))
  copyFileSync(path.join(DATASET_IMAGES, PNG), path.join(dir, 'images', PNG))
  copyFileSync(path.join(DATASET_IMAGES, SVG), path.join(dir, 'images', SVG))
  // A file under another image's name: the bytes do not match the sha1 the name gives.
  copyFileSync(path.join(DATASET_IMAGES, SVG), path.join(dir, 'images', OTHER_PNG))
  // The right sha1 under the wrong dimensions.
  const wrongSize = PNG.replace('-1200x630.', '-600x315.')
  copyFileSync(path.join(DATASET_IMAGES, PNG), path.join(dir, 'images', wrongSize))
  const documents = [
    article(
      'article.good',
      [figure('f1', `image@file://./images/${SVG}`)],
      figure('lead', `image@file://./images/${PNG}`),
    ),
    article('article.shared', [
      figure('f1', `image@file://./images/${PNG}`),
      figure('f2', `image@file://./images/${PNG}`),
    ]),
    article('article.missing', [figure('f1', `image@file://./images/${'0'.repeat(40)}-10x10.png`)]),
    article('article.changed', [figure('f1', `image@file://./images/${OTHER_PNG}`)]),
    article('article.resized', [], figure('lead', `image@file://./images/${wrongSize}`)),
    article('article.remote', [figure('f1', 'image@https://example.org/picture.png')]),
  ]
  file = path.join(dir, 'dataset.ndjson')
  writeFileSync(file, documents.map((document) => JSON.stringify(document)).join('\n') + '\n')
  source = await openLocalSource({file, label: 'dataset.ndjson'})
})
afterAll(async () => {
  await source.close()
  rmSync(dir, {recursive: true, force: true})
})

async function read(id: string): Promise<SourceArticle> {
  const found = await source.getArticle(id)
  if (!found) throw new Error(`no ${id}`)
  return found
}

describe('a figure whose file is beside the dataset', () => {
  it('gets the asset reference and asset document the import would create, measured from the file', async () => {
    const good = await read('article.good')
    expect(good.leadImage?.asset?._ref).toBe(idOf(PNG))
    expect(good.body?.find((block) => block._type === 'figure')).toMatchObject({asset: {_ref: idOf(SVG)}})
    expect(JSON.stringify(good)).not.toContain('_sanityAsset')
    expect(good.images).toEqual(
      [
        {
          _id: idOf(SVG),
          sha1hash: SVG.slice(0, 40),
          extension: 'svg',
          mimeType: 'image/svg+xml',
          size: expect.any(Number),
          width: 720,
          height: 420,
          url: `file://./images/${SVG}`,
        },
        expect.objectContaining({_id: idOf(PNG), extension: 'png', mimeType: 'image/png', width: 1200, height: 630}),
      ].sort((a, b) => (String(a._id) < String(b._id) ? -1 : 1)),
    )
    expect(good.decodeFindings).toBeUndefined()
  })

  it('lists an image used twice once', async () => {
    expect((await read('article.shared')).images.map((image) => image._id)).toEqual([idOf(PNG)])
  })

  it('reads the bytes back for the renderer, checked against the sha1', async () => {
    expect((await source.readImage(idOf(PNG))).length).toBe(
      (await read('article.good')).images.find((image) => image._id === idOf(PNG))?.size,
    )
    await expect(source.readImage(idOf(OTHER_PNG))).rejects.toThrow(/does not match its sha1/)
  })
})

describe('a figure whose file cannot be used', () => {
  const findingsOf = async (id: string) =>
    ((await read(id)).decodeFindings ?? []).map(({path, expected, found}) => ({path, expected, found}))

  it('is a finding when the file is missing', async () => {
    expect(await findingsOf('article.missing')).toEqual([
      {
        path: 'body[1]._sanityAsset',
        expected: `the file images/${'0'.repeat(40)}-10x10.png beside the dataset`,
        found: 'no such file',
      },
    ])
    const [finding] = (await read('article.missing')).decodeFindings ?? []
    expect(finding?.message).toMatch(
      /^article `article\.missing` body\[1\]\._sanityAsset: expected the file .* found no such file\. Put the image file back/,
    )
  })

  it('is a finding when the bytes do not match the sha1 of the name', async () => {
    const [finding] = await findingsOf('article.changed')
    expect(finding).toEqual({
      path: 'body[1]._sanityAsset',
      expected: `images/${OTHER_PNG} with sha1 ${OTHER_PNG.slice(0, 40)}`,
      found: `a file with sha1 ${SVG.slice(0, 40)}`,
    })
  })

  it('is a finding when the image is not of the size the name gives', async () => {
    expect(await findingsOf('article.resized')).toEqual([
      {
        path: 'leadImage._sanityAsset',
        expected: `images/${PNG.replace('-1200x630.', '-600x315.')}, an image of 600x315`,
        found: 'an image of 1200x630',
      },
    ])
  })

  it('is a finding when it points anywhere but a file beside the dataset (nothing is fetched)', async () => {
    const [finding] = await findingsOf('article.remote')
    expect(finding).toMatchObject({
      path: 'body[1]._sanityAsset',
      found: 'the text "image@https://example.org/picture.png"',
    })
  })

  it('leaves the figure unresolved, so only the finding speaks, and resolves nothing else', async () => {
    const changed = await read('article.changed')
    expect(changed.images).toEqual([])
    expect(changed.body?.[1]).toMatchObject({_sanityAsset: `image@file://./images/${OTHER_PNG}`})
  })
})
