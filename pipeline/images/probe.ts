import type {Metadata} from 'sharp'
import {ImageError} from './image-error.ts'
import {loadSharp} from './sharp.ts'
import type * as SvgSanitizer from './sanitize-svg.ts'

/** What an image file is, read from its bytes (never from its name or from what a writer typed). */
export interface ImageProbe {
  format: ImageFormat
  mimeType: string
  /** Displayed size in CSS pixels: EXIF orientation applied for rasters, the root's width/height or viewBox for SVG. */
  width: number
  height: number
}

export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif' | 'avif' | 'tiff' | 'svg'

const RASTER_MIME: Record<Exclude<ImageFormat, 'svg'>, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  tiff: 'image/tiff',
}

/**
 * Sniffs and measures an image. SVG is recognised by its markup and measured by our own reading of its root element,
 * so libvips never parses (or renders) a file that may still hold scripts or external references.
 */
export async function probeImage(bytes: Uint8Array): Promise<ImageProbe> {
  if (looksLikeSvg(bytes)) {
    // Measured after sanitizing: the size the published file has.
    const {sanitizeSvg, svgSize} = await loadSvgSanitizer()
    const size = svgSize(sanitizeSvg(Buffer.from(bytes).toString('utf8')).root)
    if (size === null) throw new ImageError('the SVG has neither a width and height nor a viewBox')
    return {format: 'svg', mimeType: 'image/svg+xml', ...size}
  }
  let metadata: Metadata
  try {
    const sharp = await loadSharp()
    metadata = await sharp(bytes, {failOn: 'error'}).metadata()
  } catch (error) {
    throw new ImageError(`the file is not an image we can read (${(error as Error).message})`)
  }
  const format = metadata.format === 'heif' ? null : (metadata.format as string)
  if (format === null || !Object.hasOwn(RASTER_MIME, format))
    throw new ImageError(`images in the ${String(metadata.format)} format are not supported (use PNG, JPEG or WebP)`)
  const {width, height} = metadata.autoOrient
  if (!(width > 0 && height > 0)) throw new ImageError('the image has no size')
  const known = format as Exclude<ImageFormat, 'svg'>
  return {format: known, mimeType: RASTER_MIME[known], width, height}
}

/** An XML prolog, comments or a doctype may come first; the root element must be `svg`. */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 4096))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
  const withoutProlog = head.replace(/^\s*(<\?xml[^>]*\?>\s*|<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '')
  return /^<svg[\s>]/i.test(withoutProlog)
}

let sanitizer: Promise<typeof SvgSanitizer> | undefined

/**
 * The SVG sanitizer, loaded when an SVG is first met: its XML parser and serialiser (~35 modules, ~20 ms with a
 * warm compile cache) were loaded by every export's start-up, images or not.
 */
export function loadSvgSanitizer(): Promise<typeof SvgSanitizer> {
  sanitizer ??= import('./sanitize-svg.ts')
  return sanitizer
}
