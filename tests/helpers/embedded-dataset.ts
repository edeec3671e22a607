import {copyFileSync, cpSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The embedded dataset is a file and the folder of images beside it (`images/`, as `sanity dataset export` writes
 * them): a copy of one without the other has figures whose files are missing, which blocks their articles.
 */
export const EMBEDDED_DATASET = fileURLToPath(new URL('../../studio/dataset/production.ndjson', import.meta.url))
const EMBEDDED_IMAGES = path.join(path.dirname(EMBEDDED_DATASET), 'images')

/** Copies the dataset's images beside `datasetFile` (a copy or an edited version of the embedded dataset). */
export function copyEmbeddedImages(datasetFile: string): void {
  cpSync(EMBEDDED_IMAGES, path.join(path.dirname(datasetFile), 'images'), {recursive: true})
}

/** Copies the embedded dataset to `datasetFile`, its images beside it. */
export function copyEmbeddedDataset(datasetFile: string): void {
  // Images first: the dataset file is then the last thing written, as a bare copy of it was (tests of the local
  // source's saved pass time themselves from its change).
  copyEmbeddedImages(datasetFile)
  copyFileSync(EMBEDDED_DATASET, datasetFile)
}
