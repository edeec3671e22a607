import {evaluate, parse} from 'groq-js'
import {contentHash} from '../../domain/content-hash.ts'
import {isRecord} from './document-walk.ts'
import {articleQuery} from './queries.ts'

/**
 * The content hash the export will compute for an article in these documents: the same GROQ (articleQuery, through
 * groq-js) over them, then `contentHash` over the result. A review written with it (the import's sign-off, the
 * embedded dataset's reviews) matches exactly what the export compares.
 */
export async function hashOfArticle(documents: readonly unknown[], id: string): Promise<string> {
  const result = await (await evaluate(parse(articleQuery, {params: {id}}), {dataset: documents, params: {id}})).get()
  if (!isRecord(result) || !Array.isArray(result.citations))
    throw new Error(`articleQuery found no published article ${id}`)
  const citations = result.citations.filter(isRecord)
  return contentHash(result, (citationId) => citations.find((citation) => citation._id === citationId))
}
