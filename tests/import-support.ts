import {readFileSync} from 'node:fs'
import {evaluate, parse} from 'groq-js'
import {contentHash} from '../domain/content-hash.ts'
import {canonicalJson} from '../domain/canonical-json.ts'
import {reviewState} from '../domain/review-status.ts'
import {parseNdjson, type DatasetDocument} from '../pipeline/import/index.ts'
import {renderArticle} from '../pipeline/render/index.ts'
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
