import type {BigIntStats} from 'node:fs'
import {mkdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {temporaryFile} from '../atomic-file.ts'
import type {DecodeFinding} from './decode/decode-document.ts'
import type {FoundReference} from './document-walk.ts'
import type {SourceProblem} from './types.ts'

/**
 * What the local source's opening pass learns from a dataset file, saved so the next pass can skip the work:
 *
 * - when the file is the very same file (same device, inode, size, modification and change times, as git's index
 *   trusts a file's stat), the whole pass is restored without reading a byte of it;
 * - otherwise each line is still hashed, and a line seen before (same sha256) is not parsed or walked again: its
 *   summary here is what parsing it would give, since the bytes are the same.
 *
 * A missing, damaged or foreign snapshot only costs a full pass; it can never change what the source reports.
 */

/** Bumped whenever what the pass derives from a line changes, so a snapshot written by older code is ignored. */
const FORMAT = 'vetted-source-snapshot/6'

/** An article line as the pass summarised it. */
export interface ArticleLine {
  id: string
  rev: string
  slug: string | null
  /**
   * As saved, the JSON text of the list (see `referencesOf`): 130,000 references at N = 10,000 cost a restored pass
   * twice as much parsed as objects as read as one string per article, and most are never looked at.
   */
  references: FoundReference[] | string
  /** Absent when there are none (most lines: the saved pass stays small). */
  missingKeys?: string[]
  /** Present only when true. */
  tooDeep?: true
  /**
   * Present (true) when one of its strong references named no document of the pass (a problem was reported); absent
   * when all of them did, so a later pass in which all those documents still are need not read them (`scanFile`).
   */
  dangles?: true
}

/** Where a line is and what its bytes hash to. */
export interface LinePlace {
  offset: number
  length: number
  line: number
  hash: string
}

/** A published article kept by the pass. */
export type ArticleEntry = ArticleLine & LinePlace

/**
 * An article's references, parsed from their text each time they are asked for. Not kept parsed: an export asks
 * for every article's (the citation pre-pass, then each article's query) and keeps every entry to its end, so lists
 * kept beside the entries were 130,000 objects at N = 10,000 that every full collection of the heap marked again.
 */
export function referencesOf(entry: ArticleLine): FoundReference[] {
  return typeof entry.references === 'string' ? (JSON.parse(entry.references) as FoundReference[]) : entry.references
}

/** A shared document line (person, citation, review, settings) as the pass summarised it. */
export interface SharedLine {
  id: string
  references: FoundReference[]
  /** As for an article; absent when there are none. */
  missingKeys?: string[]
  /** A review's article (`article._ref`). */
  target?: string
  /** What the decoder refused in it; absent when nothing. */
  findings?: DecodeFinding[]
}

/** A shared document kept by the pass: parsed again only when needed. */
export type SharedEntry = SharedLine & LinePlace

/** A draft or release version of an article: only what explains why it is not exported. */
export interface UnpublishedEntry {
  id: string
  kind: 'draft' | 'version'
  slug: string | null
  hash: string
}

export interface ScanResult {
  /**
   * The published articles as the ids query lists them, with their fingerprints: both follow from the file's bytes
   * alone, so a restored pass answers `listArticles` without running anything.
   */
  listing?: Array<{_id: string; _rev: string; fingerprint: string}>
  articles: ArticleEntry[]
  shared: SharedEntry[]
  /** Review ids by the article they are about, in file order. */
  reviews: Array<[string, string[]]>
  unpublished: UnpublishedEntry[]
  problems: SourceProblem[]
  /**
   * Values the decoder refused in shared documents (people, citations, reviews, settings). Those an article uses
   * block it; the others are reported as problems of the dataset (see `openLocalSource`).
   */
  decodeFindings?: DecodeFinding[]
}

/** What decides whether a saved pass applies: the file's identity and the settings the pass ran with. */
export interface ScanKey {
  /**
   * A hash of the queries whose results the snapshot holds (the listing, and the fingerprints of the article
   * query) and of the decoders whose findings it holds.
   */
  queries: string
  label: string
  maxDepth: number
  maxLineBytes: number
}

interface SnapshotFile extends ScanKey {
  format: string
  file: FileIdentity
  /** When the pass started reading (ms since the epoch): a file changed just before that may share its stat with a later version. */
  scannedAt: number
  scan: ScanResult
}

type FileIdentity = Record<'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs', string>

export function fileIdentity(stat: BigIntStats): FileIdentity {
  return {
    dev: String(stat.dev),
    ino: String(stat.ino),
    size: String(stat.size),
    mtimeNs: String(stat.mtimeNs),
    ctimeNs: String(stat.ctimeNs),
  }
}

/**
 * A file changed within one timestamp tick before the pass started could change again, within the same tick, with
 * no trace in its stat: then the saved pass is not trusted on its stat (git's "racily clean" entries). The lines are
 * read and hashed again, which costs little since each known line is taken from its summary, and the pass saved
 * then is no longer racy. Hashing the whole file instead would read every byte a second time on every pass. Ticks are a
 * few milliseconds on filesystems that keep sub-second times (ext4's coarse clock), whole seconds on those that do
 * not (ext3, FAT: two): a time with no sub-second part says which.
 */
function racyWindowMs(stat: BigIntStats): number {
  return stat.mtimeNs % 1_000_000_000n === 0n && stat.ctimeNs % 1_000_000_000n === 0n ? 2500 : 100
}

export class SourceSnapshot {
  private readonly data: SnapshotFile | null

  private constructor(data: SnapshotFile | null) {
    this.data = data
  }

  static read(file: string | undefined, key: ScanKey): SourceSnapshot {
    if (file === undefined) return new SourceSnapshot(null)
    try {
      const data = JSON.parse(readFileSync(file, 'utf8')) as Partial<SnapshotFile>
      const usable =
        data.format === FORMAT &&
        data.queries === key.queries &&
        data.label === key.label &&
        data.maxDepth === key.maxDepth &&
        data.maxLineBytes === key.maxLineBytes &&
        typeof data.scan === 'object' &&
        data.scan !== null
      return new SourceSnapshot(usable ? (data as SnapshotFile) : null)
    } catch {
      return new SourceSnapshot(null)
    }
  }

  /** The saved pass, when the dataset file is provably the one it was made from. */
  restore(stat: BigIntStats): ScanResult | null {
    const data = this.data
    if (data === null) return null
    const identity = fileIdentity(stat)
    const same = (Object.keys(identity) as Array<keyof FileIdentity>).every(
      (field) => identity[field] === data.file[field],
    )
    if (!same) return null
    const changedMs = Number(stat.ctimeNs / 1_000_000n)
    return changedMs < data.scannedAt - racyWindowMs(stat) ? data.scan : null
  }

  /** The saved pass whatever the file now is: what an incremental pass can reuse (see `knownLines`). */
  previous(): ScanResult | null {
    return this.data?.scan ?? null
  }

  /** Article lines of the saved pass by the sha256 of their bytes (drafts and versions included). */
  knownLines(): Map<string, ArticleLine> {
    const known = new Map<string, ArticleLine>()
    for (const entry of this.data?.scan.articles ?? []) known.set(entry.hash, entry)
    for (const entry of this.data?.scan.unpublished ?? []) {
      known.set(entry.hash, {id: entry.id, rev: '', slug: entry.slug, references: []})
    }
    return known
  }

  /** Every id the saved pass kept (published articles and shared documents): what its article summaries resolved against. */
  keptIds(): string[] | undefined {
    const scan = this.data?.scan
    return scan ? [...scan.articles.map((entry) => entry.id), ...scan.shared.map((entry) => entry.id)] : undefined
  }

  /** Shared document lines of the saved pass by the sha256 of their bytes (their places are replaced on use). */
  knownSharedLines(): Map<string, SharedLine> {
    return new Map((this.data?.scan.shared ?? []).map((entry) => [entry.hash, entry]))
  }
}

/**
 * Written atomically (a temporary file renamed over the last one); a failure only means the next pass is a full one.
 * Written at once, synchronously (~20 ms for 15 MB at N = 10,000, into the page cache): a promise write goes in
 * chunks of 512 KiB, one per turn of the event loop, which the export's work loop turns only every few hundred
 * articles, so the text and its encoded copy (33 MB at N = 10,000) stayed live through most of the export and the
 * heap's full collections came sooner and oftener (`--trace-gc`).
 */
export function writeSnapshot(
  file: string,
  key: ScanKey,
  identity: FileIdentity,
  scannedAt: number,
  scan: ScanResult,
): void {
  const articles = scan.articles.map((entry) =>
    typeof entry.references === 'string' ? entry : {...entry, references: JSON.stringify(entry.references)},
  )
  const data: SnapshotFile = {format: FORMAT, ...key, file: identity, scannedAt, scan: {...scan, articles}}
  const temporary = temporaryFile(file)
  try {
    mkdirSync(path.dirname(file), {recursive: true})
    writeFileSync(temporary, JSON.stringify(data))
    renameSync(temporary, file)
  } catch {
    // Only a cache: failing to write it, or to remove what the failure left, costs the next run a full pass.
    try {
      rmSync(temporary, {force: true})
    } catch {
      // As above.
    }
  }
}
