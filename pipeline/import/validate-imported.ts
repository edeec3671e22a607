import {evaluate, parse} from 'groq-js'
import {VFile} from 'vfile'
import {contentHash} from '../../domain/content-hash.ts'
import {reviewState} from '../../domain/review-status.ts'
import {articleQuery, settingsQuery} from '../source/queries.ts'
import type {SourceArticle, SourceSettings} from '../source/types.ts'
import {toVFileMessage} from '../diagnostic.ts'
import {validateArticle} from '../validate/validate-article.ts'
import type {DatasetDocument} from './dataset.ts'

/**
 * What `vetted validate` (and so the export) would say about each imported article, read back from the dataset the
 * import wrote with the pipeline's own query, content hash and review state: a writer learns at import what would
 * block the export (no author, no approved review, no date, language or summary). Info findings are left out.
 */
export async function validateImported(
  documents: readonly DatasetDocument[],
  articleIds: readonly string[],
  asOf: string,
): Promise<VFile[]> {
  const published = documents.filter(
    (document) => !document._id.startsWith('drafts.') && !document._id.startsWith('versions.'),
  )
  const settings = (await query(published, settingsQuery, {})) as SourceSettings | null
  const slugOwners = new Map<string, string[]>()
  for (const document of published) {
    const slug = (document.slug as {current?: unknown} | undefined)?.current
    if (document._type === 'article' && typeof slug === 'string')
      slugOwners.set(slug, [...(slugOwners.get(slug) ?? []), document._id])
  }
  const files: VFile[] = []
  for (const id of articleIds) {
    const article = (await query(published, articleQuery, {id})) as SourceArticle | null
    if (!article) continue
    const hash = await contentHash(article, (citationId) =>
      article.citations.find((citation) => citation._id === citationId),
    )
    const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf})
    const {findings} = validateArticle({article, settings, review, contentHash: hash, asOf, slugOwners})
    const shown = findings.filter((finding) => finding.severity !== 'info')
    if (shown.length === 0) continue
    const file = new VFile({path: article.slug || article._id})
    file.messages.push(...shown.map((finding) => toVFileMessage(finding)))
    files.push(file)
  }
  return files
}

async function query(
  documents: readonly DatasetDocument[],
  groq: string,
  params: Record<string, unknown>,
): Promise<unknown> {
  return (await evaluate(parse(groq, {params}), {dataset: documents, params})).get()
}
