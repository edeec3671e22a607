import {mkdirSync, rmSync} from 'node:fs'
import path from 'node:path'
import type {FileRecord} from '../export/release/manifest.ts'
import {fsyncDirectory, sha256, writeFileDurable} from '../export/release/files.ts'
import {linkOrCopy} from '../store/bundle-store.ts'
import type {FigureImage} from '../render/types.ts'
import {loadSvgSanitizer, probeImage, type ImageProbe} from './probe.ts'
import {loadSharp} from './sharp.ts'
import {rasterVariants, type RasterVariant} from './variants.ts'

/** The folder of image files at the release root. */
export const IMAGES = 'images'

/**
 * An asset's published files, remembered from one release to the next (`OUT/.cache/images.json`), so an image that is
 * already in the live release is hard-linked from it without being read, decoded or encoded again. Keyed by asset
 * id, which names the original's sha1: the same id is the same bytes.
 */
export interface ImageIndex {
  /** What made the files (`imageOutputVersion`): files made by other settings are made again. */
  version: string
  assets: Record<string, {image: FigureImage; files: Record<string, FileRecord>}>
}

/** Where one release's images go, and where the live release's are. */
export interface ReleaseImageStoreOptions {
  /** The staging release: files go to `<staging>/images/`. */
  staging: string
  /** The live release (its folder and its manifest's `files`), to link unchanged images from. */
  previous: {dir: string; files: Record<string, FileRecord>} | null
  /** The index the last export left, or null. */
  index: ImageIndex | null
  /** What makes the files now (`imageOutputVersion`), or how to learn it when an image is first placed. */
  version: string | (() => Promise<string>)
  fsync: boolean
}

/** What the store did in this run: a re-export with unchanged images writes nothing. */
export interface ImageStoreStats {
  /** Files written (new content). */
  written: number
  bytesWritten: number
  /** Files hard-linked (or, across devices, copied) from the live release. */
  linked: number
  /** Assets decoded and encoded (or sanitized) in this run. */
  processed: number
}

/**
 * The release's image files, content-addressed: `images/<sha256-16>-<width>w.<ext>` for each raster width and
 * `images/<sha256-16>.svg` for a sanitized SVG, so a file's name changes when its bytes do and articles share it.
 * Each file is placed once per release: written when it is new, hard-linked from the live release when the live
 * release has the same name with the same sha256.
 */
export class ReleaseImageStore {
  readonly stats: ImageStoreStats = {written: 0, bytesWritten: 0, linked: 0, processed: 0}
  private readonly options: ReleaseImageStoreOptions
  private readonly placed = new Map<string, FileRecord>()
  private readonly assets = new Map<string, Promise<{image: FigureImage; files: Record<string, FileRecord>}>>()
  private readonly dir: string

  constructor(options: ReleaseImageStoreOptions) {
    this.options = options
    this.dir = path.join(options.staging, IMAGES)
  }

  /**
   * The published image of an asset: from the live release when the index says its files are there, else made from
   * `read()` (the original's bytes, already checked against the asset's sha1 by the caller). Throws `ImageError` for
   * a file that cannot be used, and filesystem errors as they come.
   */
  async store(assetId: string, read: () => Promise<Uint8Array>): Promise<FigureImage> {
    let entry = this.assets.get(assetId)
    if (entry === undefined) {
      entry = this.place(assetId, read)
      this.assets.set(assetId, entry)
      // A failed asset is tried again by the next article that uses it (and reported there too).
      entry.catch(() => this.assets.delete(assetId))
    }
    return (await entry).image
  }

  /**
   * Carries files into this release that articles reused from the live release still show, and returns the records
   * of every file named: each is linked from the live release unless this run placed it already.
   */
  carry(files: Iterable<string>): Record<string, FileRecord> {
    const records: Record<string, FileRecord> = {}
    for (const file of files) {
      const placed = this.placed.get(file)
      const live = this.options.previous?.files[file]
      if (placed) records[file] = placed
      else if (live) records[file] = this.link(file, live)
      else throw new Error(`${file} is in neither this release nor the live one`)
    }
    if (this.placed.size === 0) rmSync(this.dir, {recursive: true, force: true})
    else if (this.options.fsync) fsyncDirectory(this.dir)
    return records
  }

  /** Every file placed in this release so far. */
  placedFiles(): string[] {
    return [...this.placed.keys()]
  }

  /** Takes a placed file out again (its article was blocked after its images were placed); done after all work. */
  remove(file: string): void {
    if (!this.placed.delete(file)) return
    rmSync(path.join(this.options.staging, file), {force: true})
  }

  /** True when this run placed or linked any asset (else its index is empty). */
  get touchedAssets(): boolean {
    return this.assets.size > 0
  }

  /** What makes the files now (`ReleaseImageStoreOptions.version`). */
  private async version(): Promise<string> {
    const {version} = this.options
    return typeof version === 'string' ? version : await version()
  }

  /** The index for the next export: the assets placed in this run whose files are all in the new release. */
  async index(): Promise<ImageIndex> {
    const assets: ImageIndex['assets'] = {}
    for (const id of [...this.assets.keys()].sort()) {
      const entry = await this.assets.get(id)!.catch(() => null)
      if (entry && Object.keys(entry.files).every((file) => this.placed.has(file))) assets[id] = entry
    }
    return {version: await this.version(), assets}
  }

  private async place(
    assetId: string,
    read: () => Promise<Uint8Array>,
  ): Promise<{image: FigureImage; files: Record<string, FileRecord>}> {
    const version = await this.version()
    const known = this.options.index?.version === version ? this.options.index.assets[assetId] : undefined
    const live = this.options.previous?.files ?? {}
    if (known && Object.entries(known.files).every(([file, record]) => sameRecord(live[file], record))) {
      for (const [file, record] of Object.entries(known.files)) if (!this.placed.has(file)) this.link(file, record)
      return known
    }
    const bytes = await read()
    const probe = await probeImage(bytes)
    this.stats.processed++
    const files: Record<string, FileRecord> = {}
    if (probe.format === 'svg') {
      const {sanitizeSvg} = await loadSvgSanitizer()
      const svg = Buffer.from(sanitizeSvg(Buffer.from(bytes).toString('utf8')).svg)
      const file = `${IMAGES}/${sha256(svg).slice(0, 16)}.svg`
      files[file] = this.write(file, svg)
      const {width, height, mimeType} = probe
      // Only a file the sanitizer leaves as it is can be offered as the original: unsanitized SVG is never published.
      const original = Buffer.compare(svg, Buffer.from(bytes)) === 0 ? {original: file} : {}
      return {image: {file, width, height, mimeType, srcset: [], ...original}, files}
    }
    const variants = await rasterVariants(bytes, probe)
    const srcset: FigureImage['srcset'] = []
    for (const variant of variants) {
      const file = `${IMAGES}/${sha256(variant.bytes).slice(0, 16)}-${variant.width}w.${variant.extension}`
      files[file] = this.write(file, variant.bytes)
      srcset.push({file, width: variant.width})
    }
    const largest = variants.at(-1)!
    const original = await this.original(bytes, probe, variants, srcset)
    if (original !== null && !Object.hasOwn(files, original)) files[original] = this.write(original, bytes)
    const image = {
      file: srcset.at(-1)!.file,
      width: largest.width,
      height: largest.height,
      mimeType: largest.mimeType,
      srcset,
      ...(original === null ? {} : {original}),
    }
    return {image, files}
  }

  /**
   * The release file that holds the original's own bytes, which article.md links so that a re-import names the same
   * asset (its id is the sha1 of those bytes): a variant when re-encoding left them as they were, else the original
   * itself under `images/<sha256-16>-<width>w.<ext>`. An original that carries metadata the variants strip (EXIF with
   * its GPS position, XMP, IPTC, an ICC profile, PNG text) or is in a format pages do not use is never published:
   * article.md then links the largest variant, and a re-import makes a new asset of it.
   */
  private async original(
    bytes: Uint8Array,
    probe: ImageProbe,
    variants: RasterVariant[],
    srcset: FigureImage['srcset'],
  ): Promise<string | null> {
    const same = variants.findIndex((variant) => Buffer.compare(variant.bytes, bytes) === 0)
    if (same !== -1) return srcset[same]!.file
    const extension = ORIGINAL_EXTENSIONS[probe.format]
    if (extension === undefined) return null
    const sharp = await loadSharp()
    const {exif, xmp, iptc, icc, comments} = await sharp(bytes).metadata()
    if (exif || xmp || iptc || icc || (comments?.length ?? 0) > 0) return null
    return `${IMAGES}/${sha256(bytes).slice(0, 16)}-${probe.width}w.${extension}`
  }

  /** Places new content: a link when the live release has the same file, else a durable write (once per name). */
  private write(file: string, bytes: Uint8Array): FileRecord {
    const placed = this.placed.get(file)
    if (placed) return placed
    const record = {sha256: sha256(bytes), bytes: bytes.byteLength}
    if (sameRecord(this.options.previous?.files[file], record)) return this.link(file, record)
    this.ensureDir()
    writeFileDurable(path.join(this.options.staging, file), bytes, this.options.fsync)
    this.stats.written++
    this.stats.bytesWritten += bytes.byteLength
    this.placed.set(file, record)
    return record
  }

  private link(file: string, record: FileRecord): FileRecord {
    const placed = this.placed.get(file)
    if (placed) return placed
    this.ensureDir()
    linkOrCopy(path.join(this.options.previous!.dir, file), path.join(this.options.staging, file))
    this.stats.linked++
    this.placed.set(file, record)
    return record
  }

  private ensureDir(): void {
    if (this.placed.size > 0) return
    mkdirSync(this.dir, {recursive: true})
    if (this.options.fsync) fsyncDirectory(this.options.staging)
  }
}

/** The formats whose originals a release may hold as they are: those its pages show. */
const ORIGINAL_EXTENSIONS: Partial<Record<ImageProbe['format'], string>> = {png: 'png', jpeg: 'jpg', webp: 'webp'}

function sameRecord(a: FileRecord | undefined, b: FileRecord): boolean {
  return a !== undefined && a.sha256 === b.sha256 && a.bytes === b.bytes
}
