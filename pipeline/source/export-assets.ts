import {readFile} from 'node:fs/promises'
import path from 'node:path'
import type {PathSegment} from '../../schemas/rules/rule.ts'
import {isRecord, joinPath} from './document-walk.ts'
import {sha1Hex} from './image-asset-id.ts'
import {printable} from './printable.ts'
import type {DecodeFinding} from './types.ts'

/**
 * Images in an export file, resolved the way `sanity dataset import` resolves them, so the same GROQ runs on the
 * embedded dataset and on the Content Lake.
 *
 * `sanity dataset export` writes no asset documents: it downloads each file to `images/<sha1>-<w>x<h>.<ext>` and
 * replaces a figure's `asset` reference with `_sanityAsset: 'image@file://./images/<file>'`. The import uploads the
 * file (the Content Lake names the asset `image-<sha1 of the bytes>-<w>x<h>-<ext>`) and puts the reference back.
 * Here the reference is put back and the asset document the Content Lake would create is synthesized from the
 * file beside the dataset: its sha1, size and dimensions read from the bytes. A file that is missing, or whose bytes
 * do not match its name, is a finding: the import would make a different asset, and the article would show
 * another image than the one named.
 */

/** The one form a local export writes: `image@file://./images/<sha1>-<w>x<h>.<ext>`. */
const EXPORT_URL = /^image@file:\/\/\.\/images\/(([0-9a-f]{40})-(\d+)x(\d+)\.([a-z0-9]+))$/

const MIME_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  avif: 'image/avif',
  svg: 'image/svg+xml',
}

/** The fields of a `sanity.imageAsset` document the queries read, as the Content Lake writes them. */
export interface ImageAssetDocument {
  _id: string
  _type: 'sanity.imageAsset'
  assetId: string
  sha1hash: string
  extension: string
  mimeType: string
  size: number
  originalFilename: string
  metadata: {
    _type: 'sanity.imageMetadata'
    dimensions: {_type: 'sanity.imageDimensions'; width: number; height: number; aspectRatio: number}
  }
  /** Where the file is, relative to the dataset file (the Content Lake has its CDN address here). */
  url: string
  path: string
}

type FileCheck = {asset: ImageAssetDocument} | {expected: string; found: string; advice: string}

/** The images beside one dataset file; each file is read and measured once, however many articles show it. */
export class ExportAssets {
  readonly #imagesDir: string
  readonly #checked = new Map<string, Promise<FileCheck>>()

  constructor(datasetFile: string) {
    this.#imagesDir = path.join(path.dirname(datasetFile), 'images')
  }

  /**
   * The document with each figure's `_sanityAsset` (in the body and the lead image) turned back into an asset
   * reference, the asset documents those references point to, and a finding for each that cannot be resolved
   * (its `_sanityAsset` is left in place, so no rule reports the image as missing a second time).
   */
  async resolve(
    document: Record<string, unknown>,
  ): Promise<{document: Record<string, unknown>; assets: ImageAssetDocument[]; findings: DecodeFinding[]}> {
    const assets = new Map<string, ImageAssetDocument>()
    const findings: DecodeFinding[] = []
    const resolveFigure = async (figure: unknown, segments: PathSegment[]): Promise<unknown> => {
      if (!isRecord(figure) || typeof figure._sanityAsset !== 'string') return figure
      const check = await this.#check(figure._sanityAsset)
      if (!('asset' in check)) {
        findings.push(finding(document, [...segments, '_sanityAsset'], check))
        return figure
      }
      assets.set(check.asset._id, check.asset)
      const {_sanityAsset: _resolved, ...rest} = figure
      return {...rest, asset: {_type: 'reference', _ref: check.asset._id}}
    }
    let changed = document
    if (Array.isArray(document.body) && document.body.some((block) => isRecord(block) && '_sanityAsset' in block)) {
      const body = await Promise.all(document.body.map((block, index) => resolveFigure(block, ['body', index])))
      changed = {...changed, body}
    }
    if (isRecord(document.leadImage) && '_sanityAsset' in document.leadImage) {
      changed = {...changed, leadImage: await resolveFigure(document.leadImage, ['leadImage'])}
    }
    return {document: changed, assets: [...assets.values()], findings}
  }

  #check(url: string): Promise<FileCheck> {
    let check = this.#checked.get(url)
    if (!check) this.#checked.set(url, (check = this.#measure(url)))
    return check
  }

  async #measure(url: string): Promise<FileCheck> {
    const match = EXPORT_URL.exec(url)
    if (!match) {
      return {
        expected: 'image@file://./images/<sha1>-<width>x<height>.<ext> (a file beside the dataset)',
        found: `the text "${printable(url, 80)}"`,
        advice:
          'Export the dataset with `sanity dataset export` (which writes this form), or place the file in images/ ' +
          'under that name.',
      }
    }
    const [, name, sha, width, height, extension] = match as unknown as [string, string, string, string, string, string]
    let bytes: Buffer
    try {
      bytes = await readFile(path.join(this.#imagesDir, name))
    } catch {
      return {
        expected: `the file images/${name} beside the dataset`,
        found: 'no such file',
        advice: 'Put the image file back in images/ (from the export it came with), or remove the figure.',
      }
    }
    const actualSha = sha1Hex(bytes)
    if (actualSha !== sha) {
      return {
        expected: `images/${name} with sha1 ${sha}`,
        found: `a file with sha1 ${actualSha}`,
        advice: `The file changed after export: restore it, or rename it to ${actualSha}-${width}x${height}.${extension} and update the figure.`,
      }
    }
    const dimensions = await measure(bytes)
    if (!dimensions || dimensions.width !== Number(width) || dimensions.height !== Number(height)) {
      const found = dimensions ? `an image of ${dimensions.width}x${dimensions.height}` : 'a file that is not an image'
      return {
        expected: `images/${name}, an image of ${width}x${height}`,
        found,
        advice: 'Export the image again: the name must give its sha1 and its width and height in pixels.',
      }
    }
    const id = `image-${sha}-${width}x${height}-${extension}`
    return {
      asset: {
        _id: id,
        _type: 'sanity.imageAsset',
        assetId: sha,
        sha1hash: sha,
        extension,
        mimeType: MIME_TYPES[extension] ?? 'application/octet-stream',
        size: bytes.length,
        originalFilename: name,
        metadata: {
          _type: 'sanity.imageMetadata',
          dimensions: {
            _type: 'sanity.imageDimensions',
            width: dimensions.width,
            height: dimensions.height,
            aspectRatio: dimensions.width / dimensions.height,
          },
        },
        url: `file://./images/${name}`,
        path: `images/${name}`,
      },
    }
  }
}

/** Width and height as the image's header gives them (sharp, loaded only when a dataset has images). */
async function measure(bytes: Buffer): Promise<{width: number; height: number} | null> {
  const {default: sharp} = await import('sharp')
  try {
    const {width, height} = await sharp(bytes).metadata()
    return width && height ? {width, height} : null
  } catch {
    return null
  }
}

function finding(
  document: Record<string, unknown>,
  segments: PathSegment[],
  check: {expected: string; found: string; advice: string},
): DecodeFinding {
  const documentId = typeof document._id === 'string' ? document._id : ''
  const documentType = typeof document._type === 'string' ? document._type : ''
  const where = segments.reduce<string>((joined, segment) => joinPath(joined, segment as string | number), '')
  return {
    ruleId: 'source:invalid-value',
    documentId,
    documentType,
    path: where,
    segments,
    expected: check.expected,
    found: check.found,
    message:
      `${documentType} \`${printable(documentId)}\` ${where}: expected ${check.expected}, found ${check.found}. ` +
      `${check.advice} Until then this article is not published anew (its last good version stays).`,
  }
}
