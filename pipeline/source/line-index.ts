import {mkdirSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import type {FoundReference} from './document-walk.ts'

/**
 * What the source's opening pass learns from one article line, remembered by the sha256 of the line's bytes. The
 * next run hashes each line (fast) and takes this summary for lines it has seen before instead of parsing and
 * walking them again (slow: articles are most of a dataset's bytes). Keyed by content, never by position or id,
 * so an entry can only ever describe bytes that hash the same: a stale or foreign index costs a parse, never a
 * wrong answer.
 */
export interface LineSummary {
  id: string
  type: string
  rev: string
  slug: string | null
  references: FoundReference[]
  missingKeys: string[]
  tooDeep: boolean
}

/**
 * Bumped whenever what the opening pass derives from a line changes (the walk, the summary's fields), so an index
 * written by older code is ignored.
 */
const FORMAT = 'vetted-source-index/1'

interface IndexFile {
  format: string
  /** The depth limit the walks were made with: `tooDeep` depends on it. */
  maxDepth: number
  lines: Record<string, LineSummary>
}

export class LineIndex {
  private readonly known: Map<string, LineSummary>
  private readonly used = new Map<string, LineSummary>()
  private added = 0

  private constructor(known: Map<string, LineSummary>) {
    this.known = known
  }

  /** The index at `file`, or an empty one when it is missing, unreadable, corrupt or from other code. */
  static read(file: string, maxDepth: number): LineIndex {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<IndexFile>
      if (parsed.format === FORMAT && parsed.maxDepth === maxDepth && typeof parsed.lines === 'object' && parsed.lines !== null) {
        return new LineIndex(new Map(Object.entries(parsed.lines)))
      }
    } catch {
      // Missing or damaged: a cache, so start afresh.
    }
    return new LineIndex(new Map())
  }

  get(hash: string): LineSummary | undefined {
    const summary = this.known.get(hash)
    if (summary) this.used.set(hash, summary)
    return summary
  }

  add(hash: string, summary: LineSummary): void {
    this.used.set(hash, summary)
    this.added++
  }

  /** True when writing would change the file: lines were added, or known lines are no longer in the dataset. */
  get changed(): boolean {
    return this.added > 0 || this.used.size !== this.known.size
  }

  /** Writes the lines met in this pass (only those: the index never grows beyond one dataset), atomically. */
  write(file: string, maxDepth: number): void {
    const body: IndexFile = {format: FORMAT, maxDepth, lines: Object.fromEntries(this.used)}
    mkdirSync(path.dirname(file), {recursive: true})
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(body))
    renameSync(temporary, file)
  }
}
