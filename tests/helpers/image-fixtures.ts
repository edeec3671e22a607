import {createHash} from 'node:crypto'
import sharp from 'sharp'

/**
 * Images made here, pixel by pixel (no third-party files): a gradient with stripes, so resizing and compression have
 * real work to do and different sizes give different bytes.
 */
export async function rasterImage(
  width: number,
  height: number,
  format: 'png' | 'jpeg' | 'webp' = 'png',
  seed = 0,
): Promise<Uint8Array> {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const offset = (y * width + x) * 3
      pixels[offset] = (x * 255) / width
      pixels[offset + 1] = (y * 255) / height
      pixels[offset + 2] = ((x + y + seed) >> 4) % 2 === 0 ? 40 : 210
    }
  }
  const image = sharp(pixels, {raw: {width, height, channels: 3}})
  const encoded = format === 'jpeg' ? image.jpeg() : format === 'webp' ? image.webp() : image.png()
  return new Uint8Array(await encoded.toBuffer())
}

/** The id Sanity gives an uploaded image: `image-<sha1>-<w>x<h>-<ext>`. */
export function imageAssetId(bytes: Uint8Array, width: number, height: number, extension: string): string {
  return `image-${createHash('sha1').update(bytes).digest('hex')}-${width}x${height}-${extension}`
}

/** A small, clean diagram. */
export const DIAGRAM_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" width="400" height="200" role="img" aria-labelledby="t">
  <title id="t">Two boxes joined by an arrow</title>
  <defs><marker id="arrow" markerWidth="6" markerHeight="6" refX="3" refY="3" orient="auto"><path d="M0,0 L6,3 L0,6 z"/></marker></defs>
  <rect x="10" y="30" width="60" height="40" fill="#cde" stroke="#123"/>
  <rect x="130" y="30" width="60" height="40" fill="url(#grad)"/>
  <linearGradient id="grad"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#9bd"/></linearGradient>
  <line x1="70" y1="50" x2="128" y2="50" stroke="#123" marker-end="url(#arrow)"/>
  <text x="40" y="55" text-anchor="middle" font-size="10">Parent</text>
  <text x="160" y="55" text-anchor="middle" font-size="10">Infant</text>
</svg>
`
