import {sha1Hex} from '../source/image-asset-id.ts'

/** The image types a figure may hold, by sharp's format name, with the extension Sanity gives their assets. */
const EXTENSIONS: Readonly<Record<string, ImageAsset['extension']>> = {
  png: 'png',
  jpeg: 'jpg',
  webp: 'webp',
  gif: 'gif',
  svg: 'svg',
}

export interface ImageAsset {
  sha1: string
  width: number
  height: number
  extension: 'png' | 'jpg' | 'webp' | 'gif' | 'svg'
  /** The file's name in an exported dataset's `images/` folder: `<sha1>-<width>x<height>.<extension>`. */
  name: string
}

/**
 * What Sanity records of an image file: its sha1, its type (read from the bytes, never from the file name) and its
 * dimensions (read by sharp from the header, the SVG's size or viewBox), which together name it in the export format.
 */
export async function describeImage(bytes: Uint8Array): Promise<ImageAsset | {problem: string}> {
  // Loaded on first use: importing text-only Markdown never loads libvips.
  const {default: sharp} = await import('sharp')
  const metadata = await sharp(bytes)
    .metadata()
    .catch(() => null)
  if (!metadata) return {problem: 'It is not an image file that can be read.'}
  const extension = EXTENSIONS[metadata.format]
  if (!extension)
    return {problem: `It is a ${metadata.format.toUpperCase()} image; figures hold PNG, JPEG, WebP, GIF or SVG.`}
  const {width, height} = metadata
  if (!(width > 0 && height > 0)) return {problem: 'Its width and height cannot be read.'}
  const sha1 = sha1Hex(bytes)
  return {sha1, width, height, extension, name: `${sha1}-${width}x${height}.${extension}`}
}
