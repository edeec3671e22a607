import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {SourceError} from './errors.ts'
import {parseImageAssetId, sha1Hex} from './image-asset-id.ts'
import {printable} from './printable.ts'

/**
 * Where `sanity dataset export` puts an image asset's file: `images/<sha1>-<w>x<h>.<ext>` beside the NDJSON file.
 * Null for an id that is not an image asset id (nothing a document says can name another path).
 */
export function localImageFile(datasetFile: string, assetId: string): string | null {
  const id = parseImageAssetId(assetId)
  return id && path.join(path.dirname(datasetFile), 'images', id.fileName)
}

/**
 * The local source's `readImage`: the asset's file beside the dataset, refused unless its bytes hash to the sha1 in
 * the asset id (a file replaced by hand would otherwise be published under a reviewed article's name).
 */
export async function readLocalImage(datasetFile: string, assetId: string): Promise<Uint8Array> {
  const file = localImageFile(datasetFile, assetId)
  if (file === null) throw new SourceError(`Not an image asset id: ${printable(assetId, 80)}.`)
  const relative = path.join('images', path.basename(file))
  let bytes: Uint8Array
  try {
    bytes = new Uint8Array(await readFile(file))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const problem = code === 'ENOENT' ? 'is missing beside the dataset' : `cannot be read (${code ?? String(error)})`
    throw new SourceError(`The image ${relative} ${problem}: restore it from its export.`, {cause: error})
  }
  const found = sha1Hex(bytes)
  if (found !== parseImageAssetId(assetId)!.sha1)
    throw new SourceError(
      `The image ${relative} does not match its sha1 (its bytes hash to ${found}): it was replaced or damaged; restore it from its export.`,
    )
  return bytes
}
