import {createHash} from 'node:crypto'
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import {runExport} from '../pipeline/export/index.ts'
import {FORMATS} from '../pipeline/export/release/manifest.ts'
import {realExportStages} from '../pipeline/export/stages.ts'
import {writeDataset} from './write-dataset.ts'

/**
 * `node bench/images.ts [--images K] [--articles N]`: what images cost an export. One generated dataset is exported
 * cold twice, without figures and with a figure in every article (K distinct images, 1600×1067 rasters drawn here
 * and one SVG, shared round-robin), in this process with one worker; the difference divided by K is the cost per
 * image (read, sha1 check, probe, 2–3 sharp variants or SVG sanitizing, write, and laying the figures out in five
 * formats). Then one article's text is edited and the export runs again: the images are unchanged, so the new
 * release must hold them as hard links of the live release's files (same inode) and write no image bytes.
 */

export interface ImageBench {
  images: number
  articles: number
  coldWithoutMs: number
  coldWithMs: number
  msPerImage: number
  imageFiles: number
  imageBytes: number
  reExportMs: number
  /** Image files of the re-export that are not hard links of the live release's: new bytes written. */
  reExportImageFilesWritten: number
  reExportImageBytesWritten: number
}

export async function benchImages(options: {images?: number; articles?: number} = {}): Promise<ImageBench> {
  const images = options.images ?? 12
  const articles = Math.max(options.articles ?? 48, images)
  const dir = mkdtempSync(path.join(tmpdir(), 'vetted-bench-images-'))
  try {
    const plain = path.join(dir, 'plain.ndjson')
    await writeDataset(plain, {n: articles, seed: 5, words: 400, drafts: false})
    const assets = await drawImages(path.join(dir, 'images'), images)
    const withFigures = path.join(dir, 'figures.ndjson')
    const documents = readNdjson(plain)
    let next = 0
    writeNdjson(withFigures, [
      ...documents.map((document) => {
        if (document._type !== 'article' || /^(drafts|versions)\./.test(String(document._id))) return document
        const asset = assets[next++ % assets.length]!
        const figure = {
          _type: 'figure',
          _key: `fig${next}`,
          asset: {_type: 'reference', _ref: asset.id},
          alt: `Diagram ${next}: how the parts of the body named in this article relate`,
          caption: 'What the diagram shows.',
          credit: 'Diagram: vetted benchmark',
          licence: 'CC BY 4.0',
          publisherOwned: false,
        }
        return {
          ...document,
          body: [...(document.body as unknown[]).slice(0, 2), figure, ...(document.body as unknown[]).slice(2)],
        }
      }),
      ...assets.map((asset) => asset.document),
    ])

    // A first export loads the modules and builds the citation engine: it warms this process, and is not counted.
    await timedExport(dir, 'plain.ndjson', 'out-warm-up')
    const coldWithoutMs = await timedExport(dir, 'plain.ndjson', 'out-plain')
    const coldWithMs = await timedExport(dir, 'figures.ndjson', 'out-figures')
    const first = currentRelease(path.join(dir, 'out-figures'))
    const firstImages = imageInodes(first)
    // One article's text changes; no image does.
    const edited = readNdjson(withFigures)
    const target = edited.find((document) => document._type === 'article' && document.body)!
    target.summary = `${String(target.summary ?? '')} Edited for the benchmark.`
    writeNdjson(withFigures, edited)
    const reExportMs = await timedExport(dir, 'figures.ndjson', 'out-figures')
    const second = currentRelease(path.join(dir, 'out-figures'))
    if (realpathSync(second) === realpathSync(first)) throw new Error('The edit did not make a new release.')
    const written = [...imageInodes(second)].filter(([file, inode]) => firstImages.get(file) !== inode)
    return {
      images,
      articles,
      coldWithoutMs,
      coldWithMs,
      msPerImage: (coldWithMs - coldWithoutMs) / images,
      imageFiles: firstImages.size,
      imageBytes: [...firstImages.keys()].reduce((sum, file) => sum + lstatSync(path.join(first, file)).size, 0),
      reExportMs,
      reExportImageFilesWritten: written.length,
      reExportImageBytesWritten: written.reduce((sum, [file]) => sum + lstatSync(path.join(second, file)).size, 0),
    }
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

export function imageBenchSummary(result: ImageBench): string {
  return (
    `images: ${result.images} distinct in ${result.articles} articles, ${result.imageFiles} files (${Math.round(result.imageBytes / 1024)} KB) · ` +
    `cold export ${Math.round(result.coldWithoutMs)} ms without figures, ${Math.round(result.coldWithMs)} ms with: ` +
    `${result.msPerImage.toFixed(0)} ms per image · re-export, one article edited: ${Math.round(result.reExportMs)} ms, ` +
    `${result.reExportImageFilesWritten} image files and ${result.reExportImageBytesWritten} image bytes written`
  )
}

async function timedExport(cwd: string, dataset: string, outDir: string): Promise<number> {
  const start = performance.now()
  await runExport(
    {outDir, dataset, asOf: '2026-11-26', strict: false, formats: FORMATS, keep: 3, fsync: false, cwd, env: {}},
    realExportStages(),
  )
  return performance.now() - start
}

/** K images beside the dataset, as `sanity dataset export` leaves them, with their asset documents. */
async function drawImages(dir: string, count: number): Promise<Array<{id: string; document: Record<string, unknown>}>> {
  mkdirSync(dir)
  const out: Array<{id: string; document: Record<string, unknown>}> = []
  for (let index = 0; index < count; index++) {
    const svg = index === count - 1
    const [width, height] = svg ? [800, 400] : [1600, 1067]
    const bytes = svg
      ? Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><title>Diagram</title>` +
            Array.from(
              {length: 40},
              (_, i) =>
                `<rect x="${i * 20}" y="${(i * 37) % 300}" width="18" height="90" fill="#${(i * 97).toString(16).padStart(3, '0').slice(-3)}"/>`,
            ).join('') +
            '</svg>',
        )
      : await raster(width, height, index)
    const extension = svg ? 'svg' : index % 2 === 0 ? 'png' : 'jpg'
    const sha1 = createHash('sha1').update(bytes).digest('hex')
    writeFileSync(path.join(dir, `${sha1}-${width}x${height}.${extension}`), bytes)
    const id = `image-${sha1}-${width}x${height}-${extension}`
    out.push({
      id,
      document: {
        _id: id,
        _type: 'sanity.imageAsset',
        assetId: sha1,
        sha1hash: sha1,
        extension,
        mimeType: svg ? 'image/svg+xml' : extension === 'png' ? 'image/png' : 'image/jpeg',
        size: bytes.byteLength,
        originalFilename: `diagram-${index}.${extension}`,
        metadata: {
          _type: 'sanity.imageMetadata',
          dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
        },
      },
    })
  }
  return out
}

/** A photo-like gradient with noise, so the encoders have real work; PNG for even seeds, JPEG for odd. */
async function raster(width: number, height: number, seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3)
  let state = seed + 1
  for (let offset = 0; offset < pixels.length; offset += 3) {
    state = (state * 1103515245 + 12345) & 0x7fffffff
    const x = (offset / 3) % width
    const y = Math.floor(offset / 3 / width)
    pixels[offset] = ((x * 255) / width + (state & 3)) & 255
    pixels[offset + 1] = ((y * 255) / height + seed * 20) & 255
    pixels[offset + 2] = (((x + y) >> 3) * 7) & 255
  }
  const image = sharp(pixels, {raw: {width, height, channels: 3}})
  return seed % 2 === 0 ? image.png().toBuffer() : image.jpeg({quality: 90}).toBuffer()
}

/** The live release's own folder (`current` is switched by the next export). */
function currentRelease(outDir: string): string {
  return realpathSync(path.join(outDir, 'current'))
}

function imageInodes(release: string): Map<string, number> {
  const dir = path.join(release, 'images')
  return new Map(readdirSync(dir).map((name) => [`images/${name}`, lstatSync(path.join(dir, name)).ino]))
}

function readNdjson(file: string): Array<Record<string, unknown>> {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
}

function writeNdjson(file: string, documents: ReadonlyArray<Record<string, unknown>>): void {
  writeFileSync(file, `${documents.map((document) => JSON.stringify(document)).join('\n')}\n`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const flag = (name: string): number | undefined => {
    const index = process.argv.indexOf(`--${name}`)
    return index === -1 ? undefined : Number(process.argv[index + 1])
  }
  const result = await benchImages({images: flag('images'), articles: flag('articles')})
  process.stdout.write(`${imageBenchSummary(result)}\n`)
}
