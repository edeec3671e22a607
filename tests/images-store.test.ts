import {mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import {afterAll, describe, expect, it} from 'vitest'
import {sha256} from '../pipeline/export/release/files.ts'
import {placeArticleImages} from '../pipeline/images/article-images.ts'
import {sanitizeSvg} from '../pipeline/images/sanitize-svg.ts'
import {ReleaseImageStore, type ImageIndex} from '../pipeline/images/store.ts'
import {DIAGRAM_SVG, imageAssetId, rasterImage} from './helpers/image-fixtures.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * The release image store: content-addressed files, each placed once per release, hard-linked from the live release
 * when unchanged, so a re-export with unchanged images writes no image bytes.
 */

const VERSION = 'test-1'

function release(root: string, name: string): string {
  const dir = path.join(root, name)
  mkdirSync(dir, {recursive: true})
  return dir
}

function manifestFiles(
  dir: string,
  store: ReleaseImageStore,
  files: string[],
): Record<string, {sha256: string; bytes: number}> {
  const records = store.carry(files)
  for (const [file, record] of Object.entries(records)) {
    const bytes = readFileSync(path.join(dir, file))
    expect({sha256: sha256(bytes), bytes: bytes.byteLength}).toEqual(record)
  }
  return records
}

describe('ReleaseImageStore', async () => {
  const png = await rasterImage(1200, 800)
  const pngId = imageAssetId(png, 1200, 800, 'png')
  const svg = Buffer.from(DIAGRAM_SVG)
  const svgId = imageAssetId(svg, 400, 200, 'svg')
  const originals = new Map<string, Uint8Array>([
    [pngId, png],
    [svgId, svg],
  ])
  const reads: string[] = []
  const readImage = async (id: string): Promise<Uint8Array> => {
    reads.push(id)
    const bytes = originals.get(id)
    if (!bytes) throw Object.assign(new Error(`ENOENT: no such file, ${id}`), {code: 'ENOENT'})
    return bytes
  }
  const article = {
    _id: 'article-1',
    body: [
      {_type: 'block', _key: 'p1', children: []},
      {_type: 'figure', _key: 'f1', asset: {_type: 'reference', _ref: pngId}},
      {_type: 'figure', _key: 'f2', asset: {_type: 'reference', _ref: svgId}},
      {_type: 'figure', _key: 'f3', asset: {_type: 'reference', _ref: pngId}},
    ],
    leadImage: {_type: 'figure', asset: {_type: 'reference', _ref: pngId}},
  }

  it('names files by the sha256 of their bytes, writes each once, and makes srcset widths for rasters only', async () => {
    const root = makeTempDir('vetted-images-')
    const staging = release(root, 'one')
    const store = new ReleaseImageStore({staging, previous: null, index: null, version: VERSION, fsync: false})
    const placed = await placeArticleImages(article, store, readImage)
    expect(placed.findings).toEqual([])
    const raster = placed.images[pngId]!
    expect(raster.srcset.map(({width}) => width)).toEqual([480, 960, 1200])
    expect(raster).toMatchObject({width: 1200, height: 800, mimeType: 'image/png', file: raster.srcset[2]!.file})
    for (const {file, width} of raster.srcset) expect(file).toMatch(new RegExp(`^images/[0-9a-f]{16}-${width}w\\.png$`))
    const vector = placed.images[svgId]!
    expect(vector).toMatchObject({width: 400, height: 200, mimeType: 'image/svg+xml', srcset: []})
    expect(vector.file).toMatch(/^images\/[0-9a-f]{16}\.svg$/)
    expect(vector.file.slice(7, 23)).toBe(sha256(readFileSync(path.join(staging, vector.file))).slice(0, 16))
    // Three widths, the SVG, and the PNG's original (its re-encoding made other bytes; see the next test).
    expect(readdirSync(path.join(staging, 'images'))).toHaveLength(5)
    expect(store.stats).toMatchObject({written: 5, linked: 0, processed: 2})
    expect(placed.files).toEqual([...raster.srcset.map(({file}) => file), raster.original, vector.file].sort())
  })

  it('links every file from the live release on a re-export, without reading or encoding the originals again', async () => {
    const root = makeTempDir('vetted-images-')
    const first = release(root, 'first')
    const store1 = new ReleaseImageStore({staging: first, previous: null, index: null, version: VERSION, fsync: false})
    const placed1 = await placeArticleImages(article, store1, readImage)
    const files1 = manifestFiles(first, store1, placed1.files)
    const index: ImageIndex = JSON.parse(JSON.stringify(await store1.index()))

    reads.length = 0
    const second = release(root, 'second')
    const previous = {dir: first, files: files1}
    const store2 = new ReleaseImageStore({staging: second, previous, index, version: VERSION, fsync: false})
    const placed2 = await placeArticleImages(article, store2, readImage)
    expect(placed2.images).toEqual(placed1.images)
    expect(reads).toEqual([])
    expect(store2.stats).toEqual({written: 0, bytesWritten: 0, linked: 5, processed: 0})
    for (const file of placed2.files)
      expect(statSync(path.join(second, file)).ino).toBe(statSync(path.join(first, file)).ino)
  })

  it('makes the files again when the index was made by other settings, and still links what has the same bytes', async () => {
    const root = makeTempDir('vetted-images-')
    const first = release(root, 'first')
    const store1 = new ReleaseImageStore({staging: first, previous: null, index: null, version: VERSION, fsync: false})
    const placed1 = await placeArticleImages(article, store1, readImage)
    const files1 = manifestFiles(first, store1, placed1.files)
    const index = await store1.index()
    const second = release(root, 'second')
    const previous = {dir: first, files: files1}
    const store2 = new ReleaseImageStore({staging: second, previous, index, version: 'test-2', fsync: false})
    await placeArticleImages(article, store2, readImage)
    expect(store2.stats).toEqual({written: 0, bytesWritten: 0, linked: 5, processed: 2})
  })

  it('asks the output version (and so loads sharp) only when it places an image', async () => {
    const root = makeTempDir('vetted-images-')
    const asked: string[] = []
    const version = async () => (asked.push(VERSION), VERSION)
    const empty = new ReleaseImageStore({
      staging: release(root, 'none'),
      previous: null,
      index: null,
      version,
      fsync: false,
    })
    expect(empty.carry([])).toEqual({})
    expect(empty.touchedAssets).toBe(false)
    expect(asked).toEqual([])
    const store = new ReleaseImageStore({
      staging: release(root, 'some'),
      previous: null,
      index: null,
      version,
      fsync: false,
    })
    await placeArticleImages(article, store, readImage)
    expect(store.touchedAssets).toBe(true)
    expect((await store.index()).version).toBe(VERSION)
    expect(new Set(asked)).toEqual(new Set([VERSION]))
  })

  it('carries the files of articles reused from the live release by linking them', async () => {
    const root = makeTempDir('vetted-images-')
    const first = release(root, 'first')
    const store1 = new ReleaseImageStore({staging: first, previous: null, index: null, version: VERSION, fsync: false})
    const placed1 = await placeArticleImages(article, store1, readImage)
    const files1 = manifestFiles(first, store1, placed1.files)
    const second = release(root, 'second')
    const store2 = new ReleaseImageStore({
      staging: second,
      previous: {dir: first, files: files1},
      index: null,
      version: VERSION,
      fsync: false,
    })
    expect(store2.carry(placed1.files)).toEqual(files1)
    expect(store2.stats).toMatchObject({written: 0, linked: 5})
    expect(() => store2.carry(['images/0000000000000000-1w.png'])).toThrow(/neither this release nor the live one/)
  })

  it('blocks only the article whose image is missing or does not match its sha1, with the figure path and what to do', async () => {
    const root = makeTempDir('vetted-images-')
    const store = new ReleaseImageStore({
      staging: release(root, 'one'),
      previous: null,
      index: null,
      version: VERSION,
      fsync: false,
    })
    const missingId = imageAssetId(Buffer.from('gone'), 10, 10, 'png')
    const tamperedId = `image-${'0'.repeat(40)}-1200x800-png`
    originals.set(tamperedId, png)
    const broken = {
      _id: 'article-2',
      body: [
        {_type: 'figure', _key: 'gone', asset: {_ref: missingId}},
        {_type: 'figure', _key: 'swapped', asset: {_ref: tamperedId}},
        {_type: 'figure', _key: 'fine', asset: {_ref: pngId}},
      ],
    }
    const placed = await placeArticleImages(broken, store, readImage)
    expect(Object.keys(placed.images)).toEqual([pngId])
    expect(placed.findings.map(({ruleId, severity, place}) => [ruleId, severity, place])).toEqual([
      ['image-unreadable', 'error', {documentId: 'article-2', path: ['body', {_key: 'gone'}, 'asset']}],
      ['image-unreadable', 'error', {documentId: 'article-2', path: ['body', {_key: 'swapped'}, 'asset']}],
    ])
    expect(placed.findings[0]!.reason).toMatch(/cannot be read \(ENOENT/)
    expect(placed.findings[1]!.reason).toMatch(
      /does not match its asset \(sha1 [0-9a-f]{40}, the asset id says 0{40}\)/,
    )
    expect(placed.findings[1]!.note).toMatch(/Upload the image again in Studio/)
  })

  describe("the original's own bytes, for article.md (a re-import names the same asset: its sha1)", () => {
    const place = async (bytes: Uint8Array, width: number, height: number, extension: string) => {
      const id = imageAssetId(bytes, width, height, extension)
      const staging = release(makeTempDir('vetted-images-'), 'one')
      const store = new ReleaseImageStore({staging, previous: null, index: null, version: VERSION, fsync: false})
      const placed = await placeArticleImages({_id: 'a', leadImage: {asset: {_ref: id}}}, store, async () => bytes)
      expect(placed.findings).toEqual([])
      return {staging, image: placed.images[id]!, files: placed.files}
    }

    it('are published beside the variants when re-encoding changed them, named like a variant of their width', async () => {
      const {staging, image, files} = await place(png, 1200, 800, 'png')
      expect(image.original).toMatch(/^images\/[0-9a-f]{16}-1200w\.png$/)
      expect(image.srcset.map(({file}) => file)).not.toContain(image.original)
      expect(Buffer.compare(readFileSync(path.join(staging, image.original!)), png)).toBe(0)
      expect(files).toContain(image.original)
    })

    it('are the largest variant itself when re-encoding left them as they were (no second copy)', async () => {
      // The largest variant of a 1200-pixel PNG, encoded again at 1200 pixels, comes out the same bytes.
      const first = await place(png, 1200, 800, 'png')
      const largest = new Uint8Array(readFileSync(path.join(first.staging, first.image.file)))
      const again = await place(largest, 1200, 800, 'png')
      expect(again.image.original).toBe(again.image.file)
      expect(again.files).toHaveLength(3)
    })

    it('are never published when they carry metadata the variants strip (EXIF, with a GPS position)', async () => {
      const jpeg = new Uint8Array(
        await sharp(await rasterImage(800, 600, 'jpeg'))
          .withExif({IFD0: {Artist: 'A writer'}, IFD3: {GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1'}})
          .jpeg()
          .toBuffer(),
      )
      const {staging, image, files} = await place(jpeg, 800, 600, 'jpg')
      expect(image.original).toBeUndefined()
      for (const file of files)
        expect((await sharp(readFileSync(path.join(staging, file))).metadata()).exif).toBeUndefined()
    })

    it('are the published SVG when the sanitizer leaves the file as it is, and absent when it changed it', async () => {
      const stable = Buffer.from(sanitizeSvg(DIAGRAM_SVG).svg)
      expect((await place(stable, 400, 200, 'svg')).image.original).toMatch(/^images\/[0-9a-f]{16}\.svg$/)
      expect((await place(svg, 400, 200, 'svg')).image.original).toBeUndefined()
    })
  })
})
