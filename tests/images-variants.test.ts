import sharp from 'sharp'
import {describe, expect, it} from 'vitest'
import {ImageError} from '../pipeline/images/image-error.ts'
import {probeImage} from '../pipeline/images/probe.ts'
import {rasterVariants, variantWidths} from '../pipeline/images/variants.ts'
import {rasterImage} from './helpers/image-fixtures.ts'

/** Raster figures are published at two or three widths, never upscaled, and the same input always gives the same bytes. */

describe('variantWidths', () => {
  it('gives at most three widths, never wider than the original, the largest capped at 1440', () => {
    expect(variantWidths(3000)).toEqual([480, 960, 1440])
    expect(variantWidths(1200)).toEqual([480, 960, 1200])
    expect(variantWidths(1000)).toEqual([480, 1000])
    expect(variantWidths(500)).toEqual([500])
    expect(variantWidths(64)).toEqual([64])
  })
})

describe('probeImage', () => {
  it('reads format, MIME type and size from the bytes', async () => {
    expect(await probeImage(await rasterImage(640, 320))).toEqual({
      format: 'png',
      mimeType: 'image/png',
      width: 640,
      height: 320,
    })
    expect(await probeImage(await rasterImage(30, 20, 'jpeg'))).toMatchObject({format: 'jpeg', mimeType: 'image/jpeg'})
  })

  it('refuses bytes that are not an image', async () => {
    await expect(probeImage(Buffer.from('not an image at all'))).rejects.toThrow(ImageError)
  })
})

describe('rasterVariants', () => {
  it('makes each width at the original aspect ratio, in the original format, without metadata', async () => {
    const original = await sharp(await rasterImage(1200, 600, 'jpeg'))
      .withExif({IFD0: {Copyright: 'secret', Artist: 'Someone'}})
      .jpeg()
      .toBuffer()
    const variants = await rasterVariants(original, await probeImage(original))
    expect(variants.map(({width, height, extension}) => [width, height, extension])).toEqual([
      [480, 240, 'jpg'],
      [960, 480, 'jpg'],
      [1200, 600, 'jpg'],
    ])
    for (const variant of variants) expect((await sharp(variant.bytes).metadata()).exif).toBeUndefined()
  })

  it('never upscales a small image', async () => {
    const small = await rasterImage(300, 200)
    const variants = await rasterVariants(small, await probeImage(small))
    expect(variants.map(({width, height}) => [width, height])).toEqual([[300, 200]])
  })

  it('applies EXIF orientation, so a portrait photo stays upright and its size is the displayed one', async () => {
    const rotated = await sharp(await rasterImage(600, 300, 'jpeg'))
      .withMetadata({orientation: 6})
      .jpeg()
      .toBuffer()
    const probe = await probeImage(rotated)
    expect([probe.width, probe.height]).toEqual([300, 600])
    const variants = await rasterVariants(rotated, probe)
    expect(variants.map(({width, height}) => [width, height])).toEqual([[300, 600]])
  })

  it.each(['png', 'jpeg', 'webp'] as const)(
    'gives the same bytes for the same %s input, run after run',
    async (format) => {
      const original = await rasterImage(1100, 700, format, 3)
      const first = await rasterVariants(original, await probeImage(original))
      const second = await rasterVariants(Buffer.from(original), await probeImage(original))
      expect(second.map((variant) => Buffer.from(variant.bytes).toString('base64'))).toEqual(
        first.map((variant) => Buffer.from(variant.bytes).toString('base64')),
      )
      // And different content gives different bytes.
      const other = await rasterImage(1100, 700, format, 11)
      const third = await rasterVariants(other, await probeImage(other))
      expect(Buffer.compare(third[0]!.bytes, first[0]!.bytes)).not.toBe(0)
    },
  )
})
