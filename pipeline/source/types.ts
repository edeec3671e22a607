import type {ArticleQueryResult, SettingsQueryResult} from '../../schemas/sanity.types.ts'
import type {PathSegment} from '../../schemas/rules/rule.ts'

/**
 * One article as `articleQuery` returns it, every value of the type the schema gives it (the source decodes each
 * document before the query reads it). `decodeFindings` lists the values the decoder refused in the article or
 * in a document it uses (author, reviewer, review, citation); those fields are left out, and validation blocks the
 * article on them (rule `invalid-value`), so the export keeps its last good bundle. Absent when there were none.
 */
export type SourceArticle = NonNullable<ArticleQueryResult> & {decodeFindings?: DecodeFinding[]}
export type SourceSettings = NonNullable<SettingsQueryResult>
export type SourceCitation = SourceArticle['citations'][number]

export interface SourceProblem {
  documentId?: string
  path?: string
  file?: string
  line?: number
  message: string
  ruleId: string
}

export interface ContentSource {
  /** Human name for messages and manifests, e.g. "studio/dataset/production.ndjson" (relative, never absolute) or "project abc123 / production". */
  readonly label: string
  /** Ids and revisions of every published article, sorted by _id. */
  listArticles(): AsyncIterable<ArticleRow>
  /** One article with everything rendering needs (articleQuery), or null if it is not published. */
  getArticle(id: string): Promise<SourceArticle | null>
  getSettings(): Promise<SourceSettings | null>
  /**
   * The bytes of an image asset (`image-<sha1>-<w>x<h>-<ext>`, an id from `SourceArticle.images`), checked against
   * the sha1 in its id: a file beside the dataset (local, `local-images.ts`) or a download from the asset CDN
   * (Content Lake, `lake-images.ts`). Rejects with a SourceError when the bytes cannot be had or do not match.
   */
  readImage(assetId: string): Promise<Uint8Array>
  /**
   * The citation documents the given articles cite, each once, in id order and as `getArticle` projects them: what
   * the export formats before it renders (`pipeline/citation-prepass/`). Optional: without it, references are
   * formatted as the articles render.
   */
  citedSources?(articleIds: readonly string[]): Promise<SourceCitation[]>
  /** Problems met while reading (malformed lines, dangling references, ...): reported by the commands. */
  problems(): SourceProblem[]
  /**
   * How many articles the export asks for at once, the one it works on included. A source with latency (the Content
   * Lake: a round trip per article) answers sooner asked a few ahead; one that reads a local file synchronously gains
   * nothing, and an article read ahead would only be held while others render: long enough to outlive the young
   * generation's collections and be copied into the old one (N = 1,000: 45–46 MB promoted with 8 ahead, 30–34 MB
   * with none). Optional: 8.
   */
  readonly readAhead?: number
  /**
   * Where an article's line is and which shared documents its query reaches, for a render worker that reads the
   * article itself (`placedArticleReader`): the article then never crosses threads. Null for an unknown id.
   * Optional: the local source gives it, the Content Lake does not.
   */
  articlePlace?(id: string): ArticlePlace | null
  /** What such a worker opens once: the file and every shared document as decoded here. With `articlePlace`. */
  placeReader?(): Promise<PlaceReader>
  close(): Promise<void>
}

/** An article's line in a local dataset file and the shared documents its query reaches (`articlePlace`). */
export interface ArticlePlace {
  id: string
  offset: number
  length: number
  /** The line number, for the message when the file changed. */
  line: number
  neighbours: string[]
}

/** What a worker thread reads placed articles with (`placeReader`, `placedArticleReader`). */
export interface PlaceReader {
  file: string
  label: string
  shared: Array<[string, Decoded]>
}

export interface ArticleRow {
  _id: string
  _rev: string
  /**
   * A hash of everything `getArticle(_id)` reads (the query, the article, the documents it reaches), when the
   * source can tell without running the query: equal fingerprints mean an equal result. The local source gives one;
   * the Content Lake does not.
   */
  fingerprint?: string
}

/** A document as decoded (`decodeDocument`): what the code downstream may read of it, and what was refused. */
export interface Decoded {
  /** The document without the fields that did not decode (the same object when nothing was wrong). */
  document: Record<string, unknown>
  findings: DecodeFinding[]
}

/** A value that does not match the schema: a source problem with everything a writer needs to find and fix it. */
export interface DecodeFinding extends SourceProblem {
  ruleId: 'source:invalid-value'
  documentId: string
  documentType: string
  /** The Sanity path, `body[3].children[1].text`. */
  path: string
  segments: PathSegment[]
  expected: string
  found: string
}
