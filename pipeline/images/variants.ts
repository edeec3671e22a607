import type {ImageProbe} from './probe.ts'
import {loadSharp} from './sharp.ts'

/**
 * The widths a raster figure is published at (CSS pixels): what a phone, a tablet or laptop column and a wide or
 * high-density screen ask for through `srcset`. Never wider than the original: nothing is upscaled.
 */
export const VARIANT_WIDTHS = [480, 960, 1440] as const

/** A width within this share of the next larger one adds bytes, not sharpness: it is left out. */
const MIN_STEP = 0.8

export interface RasterVariant {
  width: number
  height: number
  extension: 'png' | 'jpg' | 'webp'
  mimeType: string
  bytes: Uint8Array
}

/** The widths for an image `width` pixels wide, smallest first: at most three, the largest at most 1440. */
export function variantWidths(width: number): number[] {
  const largest = Math.min(width, VARIANT_WIDTHS.at(-1)!)
  return [...VARIANT_WIDTHS.filter((candidate) => candidate <= largest * MIN_STEP), largest]
}

/**
 * Re-encodes a raster image at each width, oriented upright and without its metadata (EXIF, GPS, ICC comments are
 * never published). The encoders' settings are fixed, so the same input gives the same bytes, run after run.
 * JPEG and WebP stay what they are; PNG, GIF (its first frame), AVIF and TIFF become PNG, which every reader shows.
 */
export async function rasterVariants(bytes: Uint8Array, probe: ImageProbe): Promise<RasterVariant[]> {
  const sharp = await loadSharp()
  const variants: RasterVariant[] = []
  for (const width of variantWidths(probe.width)) {
    const pipeline = sharp(bytes, {failOn: 'error'}).autoOrient().resize({width, withoutEnlargement: true})
    const encoded =
      probe.format === 'jpeg'
        ? pipeline.jpeg({quality: 82, mozjpeg: true})
        : probe.format === 'webp'
          ? pipeline.webp({quality: 82, effort: 4})
          : pipeline.png({compressionLevel: 9, adaptiveFiltering: false})
    const {data, info} = await encoded.toBuffer({resolveWithObject: true})
    const extension = probe.format === 'jpeg' ? 'jpg' : probe.format === 'webp' ? 'webp' : 'png'
    const mimeType = extension === 'jpg' ? 'image/jpeg' : `image/${extension}`
    variants.push({width: info.width, height: info.height, extension, mimeType, bytes: new Uint8Array(data)})
  }
  return variants
}
