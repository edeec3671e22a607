import {randomBytes} from 'node:crypto'
import {mkdir, open, readFile, rename, rm} from 'node:fs/promises'
import path from 'node:path'
import type {ImportedImage} from './import-article.ts'

export interface ImageCopy {
  name: string
  /** `create`: written (or would be, in a dry run); `unchanged`: the folder already holds these bytes. */
  kind: 'create' | 'unchanged'
}

/**
 * Writes image files into the `images/` folder beside a dataset file, where `sanity dataset import` and the local
 * source look for the `_sanityAsset` files. Names hold the sha1 of the bytes, so a file already there with that sha1
 * is left as it is; any other is written atomically (a temporary file, flushed, then renamed). Run before the dataset
 * is written, so a dataset never names a file that is not there yet.
 */
export async function writeImages(
  datasetFile: string,
  images: readonly ImportedImage[],
  options: {dryRun?: boolean} = {},
): Promise<ImageCopy[]> {
  const folder = path.join(path.dirname(datasetFile), 'images')
  const copies: ImageCopy[] = []
  for (const image of images) {
    const target = path.join(folder, image.name)
    if (await holds(target, image.bytes)) {
      copies.push({name: image.name, kind: 'unchanged'})
      continue
    }
    if (!options.dryRun) {
      await mkdir(folder, {recursive: true})
      await writeAtomically(target, image.bytes)
    }
    copies.push({name: image.name, kind: 'create'})
  }
  return copies
}

async function holds(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    return (await readFile(file)).equals(bytes)
  } catch {
    return false
  }
}

async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`)
  const handle = await open(temporary, 'wx')
  try {
    await handle.writeFile(bytes)
    await handle.sync()
    await handle.close()
    await rename(temporary, target)
  } catch (error) {
    await handle.close().catch(() => undefined)
    await rm(temporary, {force: true})
    throw error
  }
}
