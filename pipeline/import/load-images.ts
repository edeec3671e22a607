import {readFile, realpath, stat} from 'node:fs/promises'
import path from 'node:path'
import type {Definition, Image, ImageReference, Nodes, RootContent} from 'mdast'
import {describeImage, type ImageAsset} from './image-asset.ts'
import {isInside, locateImage} from './image-location.ts'
import {normaliseLabel} from './definitions.ts'

export type MarkdownImage = Image | ImageReference

/** What became of one Markdown image: a file to copy into the dataset, a URL that is not fetched, or a problem. */
export type ImageLoad =
  | {kind: 'asset'; asset: ImageAsset; absolute: string; bytes: Uint8Array}
  | {kind: 'remote'; url: string}
  | {kind: 'failed'; ruleId: string; reason: string}

export interface LoadImagesOptions {
  /** The Markdown file's folder: image paths are relative to it. */
  folder: string
  /** The import root: no image is read from outside it. */
  root: string
  /** The folder findings show paths relative to (the working directory). */
  cwd: string
  definitions: ReadonlyMap<string, Definition>
}

/**
 * Reads every image of `nodes` (inline `![alt](path)` and reference-style `![alt][label]`) before the body is
 * converted, so the conversion stays synchronous. Each file is read once however often it is used, and only once its
 * real path (symbolic links followed) is known to be inside the import root. Nothing is fetched from the network.
 */
export async function loadImages(
  nodes: readonly RootContent[],
  options: LoadImagesOptions,
): Promise<Map<MarkdownImage, ImageLoad>> {
  const images: MarkdownImage[] = []
  for (const node of nodes) collectImages(node, images)
  const loads = new Map<MarkdownImage, ImageLoad>()
  const byPath = new Map<string, Promise<ImageLoad>>()
  const realRoot = await realpath(options.root).catch(() => options.root)
  for (const image of images) {
    const url = urlOf(image, options.definitions)
    if (url === undefined) {
      loads.set(image, {kind: 'failed', ruleId: 'image-path', reason: 'Its reference has no definition.'})
      continue
    }
    const location = locateImage(url, options.folder, options.root)
    if (location.kind === 'remote') loads.set(image, location)
    else if (location.kind === 'refused')
      loads.set(image, {kind: 'failed', ruleId: location.ruleId, reason: location.reason})
    else {
      let load = byPath.get(location.absolute)
      if (!load) {
        load = readImage(location.absolute, realRoot, path.relative(options.cwd, location.absolute))
        byPath.set(location.absolute, load)
      }
      loads.set(image, await load)
    }
  }
  return loads
}

/** The URL an image points at; a reference-style image takes it from its definition. */
export function urlOf(image: MarkdownImage, definitions: ReadonlyMap<string, Definition>): string | undefined {
  if (image.type === 'image') return image.url
  return definitions.get(normaliseLabel(image.identifier))?.url
}

/** The title an image gives (`![alt](path "title")`), from its definition for a reference-style image. */
export function titleOf(image: MarkdownImage, definitions: ReadonlyMap<string, Definition>): string | undefined {
  const title = image.type === 'image' ? image.title : definitions.get(normaliseLabel(image.identifier))?.title
  return title ?? undefined
}

async function readImage(absolute: string, realRoot: string, shown: string): Promise<ImageLoad> {
  let real: string
  try {
    real = await realpath(absolute)
  } catch (error) {
    return {kind: 'failed', ruleId: 'image-missing', reason: missingReason(error, shown)}
  }
  if (!isInside(real, realRoot))
    return {
      kind: 'failed',
      ruleId: 'image-outside-root',
      reason: `It is a link to a file outside the import root (${real}); only files under the root are imported.`,
    }
  try {
    if (!(await stat(real)).isFile()) return {kind: 'failed', ruleId: 'image-missing', reason: 'It is not a file.'}
    const bytes = new Uint8Array(await readFile(real))
    const described = await describeImage(bytes)
    if ('problem' in described) return {kind: 'failed', ruleId: 'image-unsupported', reason: described.problem}
    return {kind: 'asset', asset: described, absolute: real, bytes}
  } catch (error) {
    return {kind: 'failed', ruleId: 'image-missing', reason: missingReason(error, shown)}
  }
}

function missingReason(error: unknown, shown: string): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return `There is no such file (looked for ${shown}).`
  if (code === 'EACCES' || code === 'EPERM') return 'It cannot be read: permission denied.'
  return `It cannot be read (${code ?? (error as Error).message}).`
}

function collectImages(node: Nodes, found: MarkdownImage[]): void {
  if (node.type === 'image' || node.type === 'imageReference') found.push(node)
  else if ('children' in node) for (const child of node.children as Nodes[]) collectImages(child, found)
}
