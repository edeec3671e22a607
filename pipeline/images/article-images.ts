import type {Diagnostic, PathSegment} from '../diagnostic.ts'
import type {FigureImage} from '../render/types.ts'
import {parseImageAssetId, sha1Hex} from '../source/image-asset-id.ts'
import {ImageError} from './image-error.ts'
import type {ReleaseImageStore} from './store.ts'

/** The images one article shows, placed in the release, or the findings that block it. */
export interface ArticleImages {
  /** By asset id: what the renderer lays out (`RenderInput.images`). */
  images: Record<string, FigureImage>
  /** Every release file the article's pages use (for its manifest entry). */
  files: string[]
  /** One error per image that cannot be read or used: the article is blocked, other articles are not. */
  findings: Diagnostic[]
}

/**
 * Places every image an article shows (its body's figures and its lead image) in the release through `store`,
 * reading the original with `readImage` only when the store does not have it yet. The bytes must hash to the sha1
 * in the asset id: a file replaced or damaged beside the dataset, or a download cut short, never reaches a page.
 */
export async function placeArticleImages(
  article: {_id: string; body?: unknown; leadImage?: unknown},
  store: ReleaseImageStore,
  readImage: (assetId: string) => Promise<Uint8Array>,
): Promise<ArticleImages> {
  const result: ArticleImages = {images: {}, files: [], findings: []}
  const files = new Set<string>()
  for (const {assetId, path} of figureAssets(article)) {
    if (Object.hasOwn(result.images, assetId)) continue
    try {
      const image = await store.store(assetId, async () =>
        checkedBytes(assetId, await readOriginal(readImage, assetId)),
      )
      result.images[assetId] = image
      files.add(image.file)
      for (const {file} of image.srcset) files.add(file)
      if (image.original !== undefined) files.add(image.original)
    } catch (error) {
      // Anything else (a full disk while writing the release) stops the export as usual.
      if (!(error instanceof ImageError)) throw error
      result.findings.push(imageFinding(article._id, path, assetId, (error as Error).message))
    }
  }
  result.files = [...files].sort()
  return result
}

/** The asset references of an article's figures, with the path of each, body first, in document order. */
export function figureAssets(article: {
  body?: unknown
  leadImage?: unknown
}): Array<{assetId: string; path: PathSegment[]}> {
  const found: Array<{assetId: string; path: PathSegment[]}> = []
  const add = (figure: unknown, path: PathSegment[]): void => {
    const ref = (figure as {asset?: {_ref?: unknown}} | null)?.asset?._ref
    if (typeof ref === 'string') found.push({assetId: ref, path: [...path, 'asset']})
  }
  const body = Array.isArray(article.body) ? (article.body as unknown[]) : []
  body.forEach((block, index) => {
    if ((block as {_type?: unknown} | null)?._type !== 'figure') return
    const key = (block as {_key?: unknown})._key
    add(block, ['body', typeof key === 'string' ? {_key: key} : index])
  })
  if (article.leadImage) add(article.leadImage, ['leadImage'])
  return found
}

function checkedBytes(assetId: string, bytes: Uint8Array): Uint8Array {
  const expected = parseImageAssetId(assetId)?.sha1
  if (expected === undefined) throw new ImageError(`its asset id "${assetId}" is not a Sanity image asset id`)
  const found = sha1Hex(bytes)
  if (found !== expected) {
    throw new ImageError(
      `the file's content does not match its asset (sha1 ${found}, the asset id says ${expected}): it was replaced or damaged`,
    )
  }
  return bytes
}

/** A missing or unreadable original (no file, a failed download) blocks its article, not the export. */
async function readOriginal(readImage: (assetId: string) => Promise<Uint8Array>, assetId: string): Promise<Uint8Array> {
  try {
    return await readImage(assetId)
  } catch (error) {
    throw new ImageError(`its file cannot be read (${(error as Error).message})`)
  }
}

function imageFinding(documentId: string, path: PathSegment[], assetId: string, problem: string): Diagnostic {
  return {
    ruleId: 'image-unreadable',
    source: 'vetted:export',
    severity: 'error',
    place: {documentId, path},
    reason: `The image ${assetId} cannot be used: ${problem}.`,
    note: 'Upload the image again in Studio (or restore its file beside the dataset), then export again.',
  }
}
