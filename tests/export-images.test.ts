import {mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS, type Manifest} from '../pipeline/export/release/manifest.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {editDocument, generatedDataset, readDocuments, tempDir, writeDocuments} from './helpers/export-fixtures.ts'
import {DIAGRAM_SVG, imageAssetId, rasterImage} from './helpers/image-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * Images in a release: each article's figures are published once under content-addressed names, listed in the
 * manifest and checked by verify; an unchanged image is hard-linked into the next release, never written again; an
 * image that cannot be read blocks its own article only.
 */

const AS_OF = '2026-11-26'
const stages = realExportStages()

let png: Uint8Array
let pngId: string
let svgId: string

beforeAll(async () => {
  png = await rasterImage(1200, 800)
  pngId = imageAssetId(png, 1200, 800, 'png')
  svgId = imageAssetId(Buffer.from(DIAGRAM_SVG), 400, 200, 'svg')
})

/** What `sanity dataset export` gives after the import: the asset documents, and the files beside the dataset. */
function assetDocument(id: string, bytes: Uint8Array, width: number, height: number, extension: string) {
  const sha1 = /^image-([0-9a-f]{40})/.exec(id)![1]!
  return {
    _id: id,
    _type: 'sanity.imageAsset',
    _rev: 'r1',
    assetId: sha1,
    sha1hash: sha1,
    extension,
    mimeType: extension === 'svg' ? 'image/svg+xml' : `image/${extension}`,
    size: bytes.byteLength,
    originalFilename: `figure.${extension}`,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
    },
    path: `images/p/d/${sha1}-${width}x${height}.${extension}`,
    url: `https://cdn.sanity.io/images/p/d/${sha1}-${width}x${height}.${extension}`,
  }
}

function figure(key: string, assetId: string, fields: Record<string, unknown>) {
  return {_type: 'figure', _key: key, asset: {_type: 'reference', _ref: assetId}, ...fields}
}

const CREDITED = {credit: 'Diagram: Northfield Health Library', licence: 'CC BY 4.0', publisherOwned: false}

/** A generated dataset (no images of its own) with two articles showing images (one raster shared by both, one SVG). */
async function datasetWithImages(dir: string): Promise<{file: string; withImages: string[]}> {
  const file = await generatedDataset(dir, 4)
  const images = path.join(dir, 'images')
  mkdirSync(images)
  writeFileSync(path.join(images, `${/^image-(\w+)-/.exec(pngId)![1]}-1200x800.png`), png)
  writeFileSync(path.join(images, `${/^image-(\w+)-/.exec(svgId)![1]}-400x200.svg`), DIAGRAM_SVG)
  const documents = readDocuments(file)
  const articles = documents
    .filter((document) => document._type === 'article' && !/^(drafts|versions)\./.test(String(document._id)))
    .map((document) => String(document._id))
    .sort()
  const [first, second] = articles as [string, string]
  writeDocuments(file, [
    ...documents,
    assetDocument(pngId, png, 1200, 800, 'png'),
    assetDocument(svgId, Buffer.from(DIAGRAM_SVG), 400, 200, 'svg'),
  ])
  editDocument(file, first, (article) => ({
    ...article,
    leadImage: {_type: 'figure', asset: {_type: 'reference', _ref: pngId}, alt: 'A parent and an infant', ...CREDITED},
    body: [
      ...(article.body as unknown[]).slice(0, 1),
      figure('fig-png', pngId, {
        alt: 'Serve and return between a parent and a baby',
        caption: 'Serve and return.',
        ...CREDITED,
      }),
      figure('fig-svg', svgId, {alt: 'Two boxes joined by an arrow', ...CREDITED}),
      ...(article.body as unknown[]).slice(1),
    ],
  }))
  editDocument(file, second, (article) => ({
    ...article,
    body: [...(article.body as unknown[]), figure('fig-shared', pngId, {alt: 'The same diagram', ...CREDITED})],
  }))
  return {file, withImages: [first, second]}
}

async function exportTo(dir: string) {
  const result = await runExport(
    {
      outDir: 'out',
      dataset: 'dataset.ndjson',
      asOf: AS_OF,
      strict: false,
      formats: FORMATS,
      keep: 5,
      fsync: false,
      cwd: dir,
      env: {},
    },
    stages,
  )
  const releaseDir = path.join(dir, 'out', result.release)
  const manifest = JSON.parse(readFileSync(path.join(releaseDir, 'manifest.json'), 'utf8')) as Manifest
  return {result, releaseDir, manifest}
}

function imageFilesOf(manifest: Manifest): string[] {
  return Object.keys(manifest.files).filter((file) => file.startsWith('images/'))
}

describe('export with images', () => {
  it('publishes each image once under a content-addressed name, listed in the manifest and verified', async () => {
    const dir = tempDir('vetted-export-images-')
    const {withImages} = await datasetWithImages(dir)
    const {releaseDir, manifest} = await exportTo(dir)
    const images = imageFilesOf(manifest)
    // The raster at 480, 960 and 1200 pixels and its original (re-encoding changed its bytes), the SVG once: shared by
    // both articles and the lead image.
    expect(images).toHaveLength(5)
    expect(readdirSync(path.join(releaseDir, 'images')).sort()).toEqual(images.map((file) => file.slice(7)).sort())
    for (const file of images) expect(file).toMatch(/^images\/[0-9a-f]{16}(-\d+w\.png|\.svg)$/)
    const entries = manifest.articles.filter((entry) => withImages.includes(entry.id))
    expect(entries.map((entry) => entry.status)).toEqual(['exported', 'exported'])
    expect(new Set(entries.flatMap((entry) => entry.images ?? []))).toEqual(new Set(images))
    expect(verifyRelease(releaseDir).problems).toEqual([])

    const first = entries.find((entry) => entry.id === withImages[0])!
    const page = readFileSync(path.join(releaseDir, 'articles', first.slug!, 'index.html'), 'utf8')
    expect(page).toMatch(
      /<figure><img src="\.\.\/\.\.\/images\/[0-9a-f]{16}-1200w\.png" alt="Serve and return between a parent and a baby" width="1200" height="800" loading="lazy" decoding="async" srcset="[^"]+ 480w, [^"]+ 960w, [^"]+ 1200w" sizes="[^"]+"><figcaption>Serve and return\. — Diagram: Northfield Health Library \(CC BY 4\.0\)<\/figcaption><\/figure>/,
    )
    expect(page).toMatch(
      /<img src="\.\.\/\.\.\/images\/[0-9a-f]{16}\.svg" alt="Two boxes joined by an arrow" width="400" height="200"/,
    )
    const svg = images.find((file) => file.endsWith('.svg'))!
    expect(readFileSync(path.join(releaseDir, svg), 'utf8')).toContain(
      '<title id="t">Two boxes joined by an arrow</title>',
    )
    // article.md links the original's own bytes (so a re-import names the same asset), the page the variants.
    const markdown = readFileSync(path.join(releaseDir, 'articles', first.slug!, 'article.md'), 'utf8')
    const linked = /\]\(\.\.\/\.\.\/(images\/[0-9a-f]{16}-1200w\.png) "Serve and return\."\)/.exec(markdown)![1]!
    expect(Buffer.compare(readFileSync(path.join(releaseDir, linked)), png)).toBe(0)
    expect(page).not.toContain(linked)
    expect(markdown).toContain(`leadImage: ../../${linked}`)
  })

  it('hard-links unchanged images into the next release and writes no image bytes', async () => {
    const dir = tempDir('vetted-export-images-')
    const {file, withImages} = await datasetWithImages(dir)
    const before = await exportTo(dir)
    // The article with the images changes its text; its images do not.
    editDocument(file, withImages[0]!, (article) => ({...article, summary: `${String(article.summary)} Edited.`}))
    const after = await exportTo(dir)
    expect(after.result.releaseId).not.toBe(before.result.releaseId)
    expect(after.result.summary.rendered).toBeGreaterThan(0)
    const images = imageFilesOf(after.manifest)
    expect(images).toEqual(imageFilesOf(before.manifest))
    for (const image of images)
      expect(statSync(path.join(after.releaseDir, image)).ino).toBe(statSync(path.join(before.releaseDir, image)).ino)
    expect(verifyRelease(after.releaseDir).problems).toEqual([])
    // Nothing changed at all: the same release.
    expect((await exportTo(dir)).result.releaseId).toBe(after.result.releaseId)
  })

  it('blocks only the article whose image file is missing, saying which figure and what to do', async () => {
    const dir = tempDir('vetted-export-images-')
    const {withImages} = await datasetWithImages(dir)
    rmSync(path.join(dir, 'images', `${/^image-(\w+)-/.exec(svgId)![1]}-400x200.svg`))
    const {result, manifest, releaseDir} = await exportTo(dir)
    const status = Object.fromEntries(manifest.articles.map((entry) => [entry.id, entry.status]))
    expect([status[withImages[0]!], status[withImages[1]!]]).toEqual(['blocked', 'exported'])
    const finding = result.findings
      .find((entry) => entry.id === withImages[0])!
      .findings.find((item) => item.ruleId === 'image-unreadable')!
    expect(finding.place).toEqual({documentId: withImages[0], path: ['body', {_key: 'fig-svg'}, 'asset']})
    expect(finding.reason).toMatch(/images\/[0-9a-f]{40}-400x200\.svg is missing beside the dataset/)
    expect(finding.note).toMatch(/Upload the image again in Studio/)
    // The other article's raster (three widths, the original) is still there, and nothing the blocked article placed
    // is left behind.
    expect(imageFilesOf(manifest)).toHaveLength(4)
    expect(verifyRelease(releaseDir).problems).toEqual([])
  })

  it('is refused by verify when an image is missing, damaged, resized or not listed', async () => {
    const dir = tempDir('vetted-export-images-')
    await datasetWithImages(dir)
    const {releaseDir, manifest} = await exportTo(dir)
    const [a, b, c] = imageFilesOf(manifest) as [string, string, string]
    rmSync(path.join(releaseDir, a))
    const bytes = readFileSync(path.join(releaseDir, b))
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1)
    rmSync(path.join(releaseDir, b))
    writeFileSync(path.join(releaseDir, b), bytes)
    rmSync(path.join(releaseDir, c))
    writeFileSync(path.join(releaseDir, c), 'short')
    writeFileSync(path.join(releaseDir, 'images', '0000000000000000-1w.png'), 'extra')
    expect(verifyRelease(releaseDir).problems).toEqual([
      {file: a, message: 'listed in manifest.json but missing'},
      {file: b, message: 'sha256 differs from manifest.json (the file was changed)'},
      {file: c, message: `5 bytes, manifest.json says ${manifest.files[c]!.bytes}`},
      {file: 'images/0000000000000000-1w.png', message: 'not listed in manifest.json'},
    ])
  })
})
