/**
 * Who really wrote a review: the Content Lake's history API names the author (a Sanity user id) of every transaction
 * on a document. A review signed in Studio is written by its signer, so every transaction on it must be theirs;
 * another author means the recorded signer is not who made the record.
 *
 * Reading the history needs an authenticated request with read access to the documents. Without a token, or when
 * the token may not read the history (401/403), the signer cannot be verified: the result says why, and `vetted
 * inspect` shows it.
 */

export interface SignerCheckInput {
  reviewId: string
  /** The signer the review records (`signedBy.userId`). */
  signerId: string
}

export type SignerCheck =
  | {reviewId: string; outcome: 'verified'; authors: string[]}
  | {reviewId: string; outcome: 'mismatch'; authors: string[]}
  | {reviewId: string; outcome: 'no-history'; authors: []}

export type SignerVerification = {available: true; checks: SignerCheck[]} | {available: false; reason: string}

export interface HistoryEndpoint {
  /** `https://<projectId>.api.sanity.io/v<apiVersion>`, or the stand-in's `<apiHost>/v<apiVersion>`. */
  baseUrl: string
  dataset: string
  token: string | undefined
  fetch?: typeof fetch
}

export async function verifySigners(
  endpoint: HistoryEndpoint,
  reviews: readonly SignerCheckInput[],
): Promise<SignerVerification> {
  if (reviews.length === 0) return {available: true, checks: []}
  if (!endpoint.token) {
    return {available: false, reason: 'no SANITY_API_TOKEN: the history API answers only authenticated requests'}
  }
  const ids = reviews.map((review) => encodeURIComponent(review.reviewId)).join(',')
  const dataset = encodeURIComponent(endpoint.dataset)
  const url = `${endpoint.baseUrl}/data/history/${dataset}/transactions/${ids}?excludeContent=true`
  let response: Response
  try {
    response = await (endpoint.fetch ?? fetch)(url, {headers: {Authorization: `Bearer ${endpoint.token}`}})
  } catch (error) {
    return {available: false, reason: `the history API could not be reached (${(error as Error).message})`}
  }
  if (response.status === 401 || response.status === 403) {
    return {available: false, reason: `the token may not read the document history (HTTP ${response.status})`}
  }
  if (!response.ok) return {available: false, reason: `the history API answered HTTP ${response.status}`}
  const authorsById = new Map<string, Set<string>>()
  for (const line of (await response.text()).split('\n')) {
    if (line.trim() === '') continue
    let transaction: unknown
    try {
      transaction = JSON.parse(line)
    } catch {
      return {available: false, reason: 'the history API answered something other than NDJSON transactions'}
    }
    const {author, documentIDs} = (transaction ?? {}) as {author?: unknown; documentIDs?: unknown}
    if (typeof author !== 'string' || !Array.isArray(documentIDs)) continue
    for (const id of documentIDs) {
      if (typeof id !== 'string') continue
      const set = authorsById.get(id) ?? new Set<string>()
      set.add(author)
      authorsById.set(id, set)
    }
  }
  return {
    available: true,
    checks: reviews.map(({reviewId, signerId}): SignerCheck => {
      const authors = [...(authorsById.get(reviewId) ?? [])].sort()
      if (authors.length === 0) return {reviewId, outcome: 'no-history', authors: []}
      return {reviewId, outcome: authors.every((author) => author === signerId) ? 'verified' : 'mismatch', authors}
    }),
  }
}
