import {createHash} from 'node:crypto'
import {existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import sharp from 'sharp'
import {drawings, type Drawing} from './source/drawings.ts'

/**
 * Draws the dataset's images (`source/drawings.ts`) into `images/`, each under the name `sanity dataset export`
 * gives a file: `<sha1 of the bytes>-<width>x<height>.<ext>`. The SVG is its text; a PNG is the SVG rasterized
 * with sharp. A PNG already there whose pixels equal the drawing's is kept as it is, so another build of libvips
 * (another PNG encoder) never renames a file whose picture did not change.
 */

export const IMAGES_DIR = fileURLToPath(new URL('./images/', import.meta.url))

export interface DrawnImage {
  name: string
  /** The file in `images/`, e.g. `3f…c2-720x420.svg`. */
  file: string
  width: number
  height: number
}

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')
const fileName = (bytes: Uint8Array, drawing: Drawing) =>
  `${sha1(bytes)}-${drawing.width}x${drawing.height}.${drawing.format}`

async function pixels(input: Uint8Array | string): Promise<Buffer> {
  return sharp(input).ensureAlpha().raw().toBuffer()
}

async function rasterize(drawing: Drawing): Promise<Buffer> {
  // density 72 renders one SVG unit as one pixel: the PNG has the drawing's width and height.
  return sharp(Buffer.from(drawing.svg), {density: 72}).png({compressionLevel: 9, adaptiveFiltering: false}).toBuffer()
}

/** The file of each drawing; with `write`, draws what is missing and removes files no drawing names. */
export async function drawImages(options: {write: boolean}): Promise<Map<string, DrawnImage>> {
  if (options.write) mkdirSync(IMAGES_DIR, {recursive: true})
  const present = existsSync(IMAGES_DIR) ? readdirSync(IMAGES_DIR) : []
  const drawn = new Map<string, DrawnImage>()
  for (const drawing of drawings) {
    const suffix = `-${drawing.width}x${drawing.height}.${drawing.format}`
    let file: string | undefined
    if (drawing.format === 'svg') {
      file = fileName(Buffer.from(drawing.svg), drawing)
      if (options.write && !present.includes(file)) writeFileSync(IMAGES_DIR + file, drawing.svg)
    } else {
      const png = await rasterize(drawing)
      const wanted = await pixels(png)
      for (const candidate of present.filter((name) => name.endsWith(suffix))) {
        if ((await pixels(IMAGES_DIR + candidate)).equals(wanted)) file = candidate
      }
      if (!file) {
        file = fileName(png, drawing)
        if (options.write) writeFileSync(IMAGES_DIR + file, png)
      }
    }
    if (!options.write && !present.includes(file)) {
      throw new Error(`studio/dataset/images/${file} (${drawing.name}) is missing: run npm run dataset:build`)
    }
    drawn.set(drawing.name, {name: drawing.name, file, width: drawing.width, height: drawing.height})
  }
  if (options.write) {
    const named = new Set([...drawn.values()].map((image) => image.file))
    for (const stale of present.filter((name) => !named.has(name))) unlinkSync(IMAGES_DIR + stale)
  }
  return drawn
}

/** Checks a file's name against its bytes (sha1) — what an import would find. */
export function fileMatchesName(file: string): boolean {
  const match = /^([0-9a-f]{40})-\d+x\d+\.[a-z0-9]+$/.exec(file)
  return match !== null && sha1(readFileSync(IMAGES_DIR + file)) === match[1]
}
