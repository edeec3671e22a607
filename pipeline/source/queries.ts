import {defineQuery} from 'groq'

/**
 * The GROQ the pipeline runs, written once: groq-js evaluates it over the embedded dataset and the Content
 * Lake runs it through @sanity/client. Drafts and release versions are excluded in the query itself as well
 * as by the sources, because groq-js has no perspectives.
 *
 * Internal fields (a review's `notes`, the signer's name and e-mail) are never projected, so they cannot reach any
 * output. The signer's user id and the reviewer's linked user ids are read only to check a sign-off's provenance.
 */

/** Ids of every published article, one page at a time (`_id > $lastId`, as the Content Lake advises). */
export const articleIdsQuery = defineQuery(`*[
  _type == "article" && _id > $lastId && !(_id in path("drafts.**")) && !(_id in path("versions.**"))
] | order(_id asc) [0...$limit] {_id, _rev}`)

/**
 * One article with everything rendering and validation need, in one round trip.
 *
 * Two projections on purpose: the first collects the cited ids once (`citationIds`), the second finds the
 * citations with `_id in ^.citationIds`; the image assets of the body's figures and the lead image likewise
 * (`imageIds`, `images`). Written as `_id in ^.body[].children[].citation._ref`, GROQ would flatten
 * the whole body again for every candidate citation (measured with groq-js: ~2.9 ms per article instead of ~0.4).
 */
export const articleQuery =
  defineQuery(`*[_type == "article" && _id == $id && !(_id in path("drafts.**")) && !(_id in path("versions.**"))][0]{
  _id,
  _rev,
  _updatedAt,
  title,
  "slug": slug.current,
  summary,
  language,
  audience,
  topics,
  keyTakeaways,
  leadImage,
  body,
  safetyNotice,
  publishedAt,
  lastEditedAt,
  "authors": authors[]->{_id, name, "slug": slug.current, roles, credentials, jobTitle, bio},
  "citationIds": body[].children[].citation._ref,
  "imageIds": [...body[_type == "figure"].asset._ref, leadImage.asset._ref],
  "reviews": *[_type == "review" && article._ref == ^._id && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(reviewedOn desc, _id asc) {
    _id, reviewedOn, outcome, contentHash, provenance, "signerId": signedBy.userId,
    "reviewer": reviewer->{_id, name, "slug": slug.current, roles, credentials, jobTitle, bio, sanityUserIds}
  }
}{
  _id, _rev, _updatedAt, title, slug, summary, language, audience, topics, keyTakeaways, leadImage, body,
  safetyNotice, publishedAt, lastEditedAt, authors,
  "citations": *[_type == "citation" && _id in ^.citationIds && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_id asc) {
    _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
    volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
  },
  "images": *[_type == "sanity.imageAsset" && _id in ^.imageIds] | order(_id asc) {
    _id, sha1hash, extension, mimeType, size, "width": metadata.dimensions.width,
    "height": metadata.dimensions.height, url
  },
  reviews
}`)

/**
 * The citation documents among `$ids`, projected exactly as `articleQuery` projects an article's citations (a test
 * holds the two equal): what the export formats once per distinct source before it renders any article.
 */
export const citedSourcesQuery =
  defineQuery(`*[_type == "citation" && _id in $ids && !(_id in path("drafts.**")) && !(_id in path("versions.**"))] | order(_id asc) {
    _id, _rev, cslType, authors[]{family, given}, organization, title, containerTitle, containerTitleShort, issued,
    volume, issue, pages, publisher, doi, pmid, pmcid, url, accessed, rawText
  }`)

/** The settings singleton (published only). */
export const settingsQuery = defineQuery(`*[_id == "settings"][0]{
  publisherName, publisherUrl, siteUrl, editorialPolicyUrl, reviewIntervalMonths, dueSoonDays, reviewSeverity,
  publicationPolicy, editorialNotice, disclaimer, citationStyle
}`)

/**
 * Articles, drafts and release versions included, whose `_id` or slug is `$ref`: how `vetted inspect` explains
 * why an article is not exported. Only for diagnosis; nothing exported is read through it.
 */
export const articleLookupQuery =
  defineQuery(`*[_type == "article" && (_id == $ref || sanity::versionOf($ref) || slug.current == $ref)] | order(_id asc) {
  _id, "slug": slug.current
}`)
