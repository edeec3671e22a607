import {writeFileSync} from 'node:fs'
import type {Doc} from '../../bench/generate.ts'
import {openSource} from '../../pipeline/source/open.ts'
import {contentHash} from '../../domain/content-hash.ts'

/** "This reviewer approved this article as it stands." */
export interface Approval {
  articleId: string
  reviewerId: string
}

/**
 * Writes an NDJSON dataset with an approved, current review for each approval. The reviewed hash is computed from
 * the article exactly as the pipeline reads it (the local source and its query), the way Studio's sign-off does,
 * so the articles are current and only the content under test decides what happens to them.
 */
export async function writeApprovedDataset(
  file: string,
  documents: readonly Doc[],
  approvals: readonly Approval[],
  reviewedOn = '2026-06-01',
): Promise<void> {
  const write = (docs: readonly Doc[]) => writeFileSync(file, docs.map((doc) => JSON.stringify(doc)).join('\n') + '\n')
  write(documents)
  const source = await openSource({dataset: file, env: {}, cwd: process.cwd()})
  const reviews: Doc[] = []
  try {
    for (const [index, approval] of approvals.entries()) {
      const article = await source.getArticle(approval.articleId)
      if (!article)
        throw new Error(`Cannot approve ${approval.articleId}: the source does not return it as a published article.`)
      const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
      reviews.push({
        _id: `review.trust-${index}`,
        _type: 'review',
        article: {_type: 'reference', _ref: approval.articleId},
        reviewer: {_type: 'reference', _ref: approval.reviewerId},
        reviewedOn,
        outcome: 'approved',
        contentHash: hash,
        notes: 'Internal reviewer note.',
      })
    }
  } finally {
    await source.close()
  }
  write([...documents, ...reviews])
}
