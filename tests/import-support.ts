import {mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {evaluate, parse} from 'groq-js'
import {contentHash} from '../domain/content-hash.ts'
import {canonicalJson} from '../domain/canonical-json.ts'
import {reviewState} from '../domain/review-status.ts'
import {placeArticleImages} from '../pipeline/images/article-images.ts'
import {ReleaseImageStore} from '../pipeline/images/store.ts'
import {parseNdjson, type DatasetDocument} from '../pipeline/import/index.ts'
import {renderArticle} from '../pipeline/render/index.ts'
import type {FigureImage} from '../pipeline/render/types.ts'
import {ExportAssets} from '../pipeline/source/export-assets.ts'
import {articleQuery, settingsQuery} from '../pipeline/source/queries.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'

/** The import tests' shared helpers: the embedded dataset, and article.md rendered exactly as the export does. */

export const AS_OF = '2026-11-26'

export function embeddedDataset(): DatasetDocument[] {
  return parseNdjson(readFileSync(new URL('../studio/dataset/production.ndjson', import.meta.url), 'utf8')).documents
}

export function publishedArticleIds(documents: readonly DatasetDocument[]): string[] {
  return documents
    .filter((document) => document._type === 'article' && !document._id.startsWith('drafts.'))
    .map((document) => document._id)
}

async function query<T>(
  documents: readonly DatasetDocument[],
  groq: string,
  params: Record<string, unknown>,
): Promise<T> {
  return (await (await evaluate(parse(groq, {params}), {dataset: documents, params})).get()) as T
}

/** What the export writes as `articles/<slug>/article.md` for this dataset: the same query, hash, status and renderer. */
export async function exportedMarkdown(documents: readonly DatasetDocument[], id: string): Promise<string> {
  return render(documents, id, {})
}

/**
 * What a user has after `vetted export`: `release/articles/<slug>/article.md` and the images it links in
 * `release/images/`, made by the export's own image store from the files in `datasetDir/images/` (the dataset's
 * `_sanityAsset` files, resolved as the local source resolves them). Returns article.md's text and its path relative
 * to the release, from which an import reads `../../images/…` as a user's would.
 */
export async function exportToRelease(
  documents: readonly DatasetDocument[],
  id: string,
  datasetDir: string,
  release: string,
): Promise<{markdown: string; file: string}> {
  const assets = new ExportAssets(path.join(datasetDir, 'production.ndjson'))
  const resolved: DatasetDocument[] = []
  const assetDocuments = new Map<string, DatasetDocument>()
  for (const document of documents) {
    // Only the exported article's images are needed (other articles' files need not be in `datasetDir`).
    if (document._id !== id) {
      resolved.push(document)
      continue
    }
    const result = await assets.resolve(document)
    if (result.findings.length > 0) throw new Error(JSON.stringify(result.findings))
    resolved.push(result.document as DatasetDocument)
    for (const asset of result.assets) assetDocuments.set(asset._id, asset as unknown as DatasetDocument)
  }
  resolved.push(...assetDocuments.values())
  const article = await query<SourceArticle | null>(resolved, articleQuery, {id})
  if (!article) throw new Error(`no published article ${id}`)
  const store = new ReleaseImageStore({staging: release, previous: null, index: null, version: 'test', fsync: false})
  const placed = await placeArticleImages(article, store, async (assetId) => {
    const [, sha1, size, extension] = /^image-([0-9a-f]{40})-(\d+x\d+)-([a-z0-9]+)$/.exec(assetId)!
    return new Uint8Array(readFileSync(path.join(datasetDir, 'images', `${sha1}-${size}.${extension}`)))
  })
  if (placed.findings.length > 0) throw new Error(JSON.stringify(placed.findings))
  const markdown = await render(resolved, id, placed.images)
  if (article.slug === null) throw new Error(`${id} has no slug`)
  const file = path.join('articles', article.slug, 'article.md')
  mkdirSync(path.join(release, path.dirname(file)), {recursive: true})
  writeFileSync(path.join(release, file), markdown)
  return {markdown, file}
}

async function render(
  documents: readonly DatasetDocument[],
  id: string,
  images: Readonly<Record<string, FigureImage>>,
): Promise<string> {
  const article = await query<SourceArticle | null>(documents, articleQuery, {id})
  if (!article) throw new Error(`no published article ${id}`)
  const settings = await query<SourceSettings | null>(documents, settingsQuery, {})
  const hash = await contentHash(article, (citationId) =>
    article.citations.find((citation) => citation._id === citationId),
  )
  const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf: AS_OF})
  const rendered = await renderArticle({
    article,
    settings,
    review,
    contentHash: hash,
    asOf: AS_OF,
    datasetLabel: 'test',
    images,
  })
  return rendered.files['article.md']
}

/**
 * Portable Text as a reader sees it, so that two bodies compare "equal up to `_key`s": keys dropped, link marks
 * replaced by their URL, marks sorted (their order means nothing), and adjacent spans with the same marks joined
 * (how text is split into spans means nothing either).
 */
export function comparablePortableText(body: unknown): unknown {
  if (!Array.isArray(body)) return body
  return body.map((block: Record<string, unknown>) => {
    const definitions = new Map<string, string>()
    for (const definition of (block.markDefs ?? []) as Array<Record<string, unknown>>)
      definitions.set(String(definition._key), canonicalJson({...definition, _key: undefined}))
    const children: Array<Record<string, unknown>> = []
    for (const child of (block.children ?? []) as Array<Record<string, unknown>>) {
      if (child._type === 'span') {
        const marks = ((child.marks ?? []) as string[]).map((mark) => definitions.get(mark) ?? mark).sort()
        const previous = children.at(-1)
        if (previous?._type === 'span' && canonicalJson(previous.marks) === canonicalJson(marks))
          previous.text = `${String(previous.text)}${String(child.text)}`
        else if (child.text !== '') children.push({_type: 'span', text: child.text, marks})
      } else {
        const {_key: _ignored, ...rest} = child
        children.push(rest)
      }
    }
    const {_key: _block, markDefs: _defs, children: _children, ...rest} = block
    return {...rest, children}
  })
}
