import {createHash} from 'node:crypto'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {SourceError} from './errors.ts'
import {printable} from './printable.ts'

/**
 * The local source's `readImage`: the file beside the dataset that `sanity dataset export` wrote for an asset
 * (`images/<sha1>-<w>x<h>.<ext>`), checked against the sha1 in the asset id.
 *
 * Minimal version written with the figure schema (helper img-data); helper img-output owns this file.
 */
export async function readLocalImage(datasetFile: string, assetId: string): Promise<Uint8Array> {
  const match = /^image-([0-9a-f]{40})-(\d+x\d+)-([a-z0-9]+)$/.exec(assetId)
  if (!match) throw new SourceError(`Not an image asset id: ${printable(assetId, 80)}.`)
  const name = `${match[1]}-${match[2]}.${match[3]}`
  let bytes: Buffer
  try {
    bytes = await readFile(path.join(path.dirname(datasetFile), 'images', name))
  } catch {
    throw new SourceError(`The image images/${name} is missing beside the dataset: restore it from its export.`)
  }
  if (createHash('sha1').update(bytes).digest('hex') !== match[1]) {
    throw new SourceError(`The image images/${name} does not match its sha1: restore it from its export.`)
  }
  return bytes
}
