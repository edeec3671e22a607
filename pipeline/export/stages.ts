import {createHash} from 'node:crypto'
import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import packageJson from '../../package.json' with {type: 'json'}
import type {DiagnosticMessage} from '../diagnostic.ts'
import type {RenderInput} from '../render/types.ts'
import {RENDERER_VERSION} from '../render/version.ts'
import {openSource} from '../source/open.ts'
import type {ContentSource} from '../source/types.ts'
import type {ArticleValidation, ValidateArticleInput} from '../validate/types.ts'
import {citationCacheStage, type CitationCacheStage} from './citation-cache.ts'
import type {BundleFileName} from './release/manifest.ts'
import type {BundlePieces} from './release/files.ts'

/**
 * The parts the export calls, injected so the release mechanics are testable on their own: the source, validation
 * and render (typed by the modules that own them), the schemas and the generator the release names. The shipped
 * wiring is `realExportStages`.
 */

export interface OpenSourceInput {
  dataset?: string
  /** A folder the source may keep its caches in (the export's `OUT/.cache`). */
  cacheDir?: string
  /** Threads the source's opening pass may use (`--workers`). */
  threads?: number
  env: Record<string, string | undefined>
  cwd: string
}

export interface RenderOutcome {
  files: Record<BundleFileName, string>
  /**
   * The value `files['article.json']` was written from, when the renderer has it: checked against the article schema
   * in place of the text parsed back. Whoever changes that text must drop or change this with it.
   */
  articleJson?: unknown
  pieces?: BundlePieces
  messages: readonly DiagnosticMessage[]
}

/** What the work on one article calls, in this thread or in a worker. */
export interface ArticleStages {
  validateArticle: (
    input: ValidateArticleInput,
  ) => Pick<ArticleValidation, 'findings' | 'blocked'> | Promise<Pick<ArticleValidation, 'findings' | 'blocked'>>
  renderArticle: (input: RenderInput) => Promise<RenderOutcome>
  citationCache?: CitationCacheStage
}

export interface ExportStages extends ArticleStages {
  openSource: (options: OpenSourceInput) => Promise<ContentSource>
  rendererVersion: string
  articleSchema: string
  manifestSchema: string
  generator: {name: string; version: string}
  /** The worker-thread module for `--workers N` (exports `exportArticleTask`; default `worker.ts`). */
  workerModule?: URL
  /** The worker module also exports `readArticleTask` (`READ_TASK`): its workers can read their own articles. */
  workerReads?: boolean
}

/**
 * The code whose changes can change an article's files or its verdict. The source's code too: an article's source hash
 * is the source's fingerprint of the bytes it read (`prepareArticle`), which says nothing of the code reading them.
 */
export const OUTPUT_CODE = [
  'domain',
  'pipeline/images',
  'pipeline/render',
  'pipeline/source',
  'pipeline/validate',
  'schemas/rules',
]

/** The shipped wiring: the real source, validation and renderer, the render's article schema and this package's name and version. */
export function realExportStages(): ExportStages {
  return {
    openSource,
    // Loaded on the first article that needs work: a re-export that reuses every article never pays for the
    // renderer's and the rules' modules (about half a second of start-up).
    // The export reads only the findings and the verdict: no vfile messages.
    validateArticle: async (input) => (await import('../validate/index.ts')).checkArticle(input),
    renderArticle: async (input) => (await import('../render/index.ts')).renderArticle(input),
    citationCache: citationCacheStage,
    rendererVersion: `${RENDERER_VERSION}+${codeFingerprint(OUTPUT_CODE)}`,
    articleSchema: readFileSync(new URL('../render/article.schema.json', import.meta.url), 'utf8'),
    manifestSchema: readFileSync(new URL('./manifest.schema.json', import.meta.url), 'utf8'),
    generator: {name: packageJson.name, version: packageJson.version},
    workerModule: new URL('./worker.ts', import.meta.url),
    workerReads: true,
  }
}

/**
 * A fingerprint of the code that decides what an article's files contain (render, validation, the shared rules).
 * It joins RENDERER_VERSION in the incremental cache key, so a code change that forgot to bump the version still
 * re-renders everything instead of reusing stale files. Paths are hashed relative to the project, so the
 * fingerprint is the same on every machine. A name may also be a single file.
 */
export function codeFingerprint(
  directories: readonly string[],
  root = fileURLToPath(new URL('../..', import.meta.url)),
): string {
  const hash = createHash('sha256')
  for (const directory of directories) {
    for (const file of sourceFiles(path.join(root, directory))) {
      hash.update(`${path.relative(root, file).split(path.sep).join('/')}\0`)
      hash.update(readFileSync(file))
      hash.update('\0')
    }
  }
  return hash.digest('hex').slice(0, 12)
}

/** The source files under `directory`, or the one file when it names a file. */
function sourceFiles(directory: string): string[] {
  if (statSync(directory).isFile()) return [directory]
  return readdirSync(directory, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && /\.(ts|json|js|csl|xml)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}
