import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import sharp from 'sharp'
import {ExportAssets} from '../../../pipeline/source/export-assets.ts'
import type {LakeDocument} from './groq.ts'

/**
 * Images for the stand-in: an export file's figures imported as `sanity dataset import` imports them (the
 * pipeline's own `ExportAssets`: references and `sanity.imageAsset` documents), the files the CDN serves, and
 * the asset document an upload creates.
 */
export async function importedImages(
  documents: Iterable<LakeDocument>,
  datasetFile: string | undefined,
  projectId: string,
): Promise<{documents: LakeDocument[]; files: Map<string, Buffer>}> {
  const files = new Map<string, Buffer>()
  if (!datasetFile) return {documents: [...documents], files}
  const exportAssets = new ExportAssets(datasetFile)
  const imported: LakeDocument[] = []
  const assets = new Map<string, LakeDocument>()
  for (const document of documents) {
    const resolved = await exportAssets.resolve(document)
    if (resolved.findings.length > 0) throw new Error(resolved.findings.map((finding) => finding.message).join('\n'))
    imported.push(resolved.document as LakeDocument)
    for (const asset of resolved.assets) {
      // Where the Content Lake keeps it (the pipeline's copy says where the file is beside the dataset).
      const where = `images/${projectId}/production/${asset.originalFilename}`
      assets.set(asset._id, {...asset, path: where, url: `https://cdn.sanity.io/${where}`} as unknown as LakeDocument)
    }
  }
  const folder = path.join(path.dirname(datasetFile), 'images')
  for (const name of readdirSync(folder)) files.set(name, readFileSync(path.join(folder, name)))
  return {documents: [...imported, ...assets.values()], files}
}

/** The asset document the Content Lake creates for uploaded bytes, or null when they are not an image. */
export async function imageAssetDocument(bytes: Buffer, projectId: string, dataset: string) {
  let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>
  try {
    metadata = await sharp(bytes).metadata()
  } catch {
    return null
  }
  const {width, height, format} = metadata
  if (!width || !height || !format) return null
  const extension = format === 'jpeg' ? 'jpg' : format
  const sha1 = createHash('sha1').update(bytes).digest('hex')
  const name = `${sha1}-${width}x${height}.${extension}`
  return {
    _id: `image-${sha1}-${width}x${height}-${extension}`,
    _type: 'sanity.imageAsset',
    assetId: sha1,
    sha1hash: sha1,
    extension,
    mimeType: format === 'svg' ? 'image/svg+xml' : `image/${format}`,
    size: bytes.length,
    originalFilename: name,
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width, height, aspectRatio: width / height},
    },
    path: `images/${projectId}/${dataset}/${name}`,
    url: `https://cdn.sanity.io/images/${projectId}/${dataset}/${name}`,
  }
}
