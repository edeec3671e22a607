import type {SanityClient} from 'sanity'
import {contentHash, type HashableArticle} from '../../domain/content-hash.ts'
import {citedCitationIds} from './cited-citations.ts'
import {citedCitationsQuery} from './queries.ts'

/**
 * The content hash of an article as displayed (its draft when there is one), with its cited sources fetched
 * fresh in the pipeline's projection, so the hash a sign-off records is the one the export will compute.
 */
export async function fetchContentHash(client: SanityClient, article: HashableArticle): Promise<string> {
  const citations = await client.fetch(citedCitationsQuery, {citationIds: citedCitationIds(article.body)})
  return contentHash(article, (id) => citations.find((citation) => citation._id === id))
}
