import type SharpModule from 'sharp'

type Sharp = typeof SharpModule

let loading: Promise<Sharp> | undefined

/**
 * sharp, loaded when an image is first decoded or encoded: with libvips and its platform checks it is the largest
 * module an export loads, and a re-export that places no image (nothing changed) never needs it.
 */
export function loadSharp(): Promise<Sharp> {
  loading ??= import('sharp').then((module) => module.default)
  return loading
}

/**
 * What makes a variant's bytes: the store's own settings (bump the leading number when widths or encoder options
 * change) and the encoder library, whose output may differ between releases of libvips.
 */
export async function imageOutputVersion(): Promise<string> {
  const sharp = await loadSharp()
  return `2+sharp-${sharp.versions.sharp}+vips-${sharp.versions.vips}`
}
