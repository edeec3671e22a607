import {defineQuery} from 'groq'

/**
 * The Studio's own GROQ. The client runs with perspective "raw" so drafts are visible: the review queue and
 * the badge judge an article as the editor sees it (its draft when there is one).
 *
 * The citation projection is character for character the one in `pipeline/source/queries.ts`
 * (`articleQuery`), because `contentHash()` hashes the citation objects it is given: a different projection
 * would give a different hash and every sign-off would look "edited since review" to the pipeline.
 * `tests/studio-content-hash-parity.test.ts` checks that both sides agree.
 */

/**
 * Everything the review queue needs, in one round trip: articles (drafts and published), sign-offs, sources and
 * policy. All published sources, not only the cited ones: "cited by any article" is a join over every body for
 * every source, quadratic in the dataset, while the source pool is small next to the article bodies.
 */
export const reviewQueueQuery = defineQuery(`{
  "articles": *[_type == "article" && !(_id in path("versions.**"))]{_id, title, summary, body, safetyNotice, leadImage},
  "reviews": *[_type == "review" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]{
    _id, "articleId": article._ref, reviewedOn, outcome, contentHash
  },
  "citations": *[_type == "citation" && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_id asc) {
    _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
    volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
  },
  "policy": *[_id == "settings"][0]{reviewIntervalMonths, dueSoonDays}
}`)

/** What the review queue listens to: any change to these documents re-runs `reviewQueueQuery`. */
export const reviewQueueListenQuery = `*[_type in ["article", "review", "citation"] || _id == "settings"]`

/** The sign-offs of one article, the sources its displayed body cites, and the review policy. */
export const articleReviewQuery = defineQuery(`{
  "reviews": *[_type == "review" && article._ref == $articleId && !(_id in path("drafts.**")) && !(_id in path("versions.**"))]
    | order(reviewedOn desc, _id asc) {_id, reviewedOn, outcome, contentHash},
  "citations": *[_type == "citation" && _id in $citationIds && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_id asc) {
    _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
    volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
  },
  "policy": *[_id == "settings"][0]{reviewIntervalMonths, dueSoonDays}
}`)

/** The published sources with the given ids, in the pipeline's projection (for hashing a body as displayed). */
export const citedCitationsQuery =
  defineQuery(`*[_type == "citation" && _id in $citationIds && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_id asc) {
  _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
  volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
}`)

/** What the badge listens to for one article: its sign-offs, its cited sources and the settings. */
export const articleReviewListenQuery = `*[(_type == "review" && article._ref == $articleId) || _id in $citationIds || _id == "settings"]`

/**
 * The medical reviewer a Studio user signs off as: the published person with the medical-reviewer role whose
 * `sanityUserIds` contain the user's id. More than one means the links are ambiguous; the action refuses then.
 */
export const linkedReviewersQuery = defineQuery(`*[
  _type == "person" && "medicalReviewer" in roles && $userId in sanityUserIds
  && !(_id in path("drafts.**")) && !(_id in path("versions.**"))
] | order(_id asc) {_id, name, credentials}`)
