import sharp from 'sharp'

/**
 * What decodes and encodes images, in one module that `store.ts` and `release-images.ts` import only when an image
 * is made or the output version is asked: loading sharp maps libvips and its libraries (~20 MB of the process's
 * memory), which an export of articles without new images does not need.
 */
export {sharp}
export {probeImage} from './probe.ts'
export {rasterVariants} from './variants.ts'

/**
 * What makes a variant's bytes: the store's own settings (bump when widths or encoder options change) and the
 * encoder library, whose output may differ between releases of libvips.
 */
export const IMAGE_OUTPUT_VERSION = `2+sharp-${sharp.versions.sharp}+vips-${sharp.versions.vips}`
