import {createHash} from 'node:crypto'

/** Sanity's image asset id: `image-<sha1 of the original bytes>-<width>x<height>-<extension>`. */
const IMAGE_ASSET_ID = /^image-([0-9a-f]{40})-(\d+)x(\d+)-([a-z0-9]+)$/

export interface ImageAssetId {
  sha1: string
  width: number
  height: number
  extension: string
  /** The file's name in an exported dataset's `images/` folder (and in the CDN cache): `<sha1>-<w>x<h>.<ext>`. */
  fileName: string
}

/** The parts of an image asset id; null for anything else (nothing a document says can name another path). */
export function parseImageAssetId(assetId: string): ImageAssetId | null {
  const match = IMAGE_ASSET_ID.exec(assetId)
  if (!match) return null
  const [, sha1, width, height, extension] = match as unknown as [string, string, string, string, string]
  return {
    sha1,
    width: Number(width),
    height: Number(height),
    extension,
    fileName: `${sha1}-${width}x${height}.${extension}`,
  }
}

/** The sha1 an image asset is named by, as hex. */
export function sha1Hex(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex')
}
