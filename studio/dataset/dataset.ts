import {hashOfArticle} from '../../pipeline/source/article-hash.ts'
import {canonicalJson} from '../../domain/canonical-json.ts'
import {articles} from './source/articles/index.ts'
import {drafts} from './source/drafts.ts'
import {hashKey, revisionOf} from '../../pipeline/import/ids.ts'
import {people} from './source/people.ts'
import {figureObject, toPortableText, type ImageFiles} from './source/portable-text.ts'
import {drawImages} from './draw-images.ts'
import {reviews} from './source/reviews.ts'
import {settings} from './source/settings.ts'
import type {ArticleSpec, CitationSpec, PersonSpec, ReviewSpec} from './source/types.ts'

/**
 * Builds the embedded dataset (`production.ndjson`) from the readable sources in `./source`. Everything is
 * derived from the sources, so the output is byte-identical on every run: keys hash their position, revisions
 * hash their content, and timestamps are written in the sources.
 */

export const DATASET_FILE = 'studio/dataset/production.ndjson'

/** A document before its revision is derived from its content. */
interface Draft {
  _id: string
  _type: string
  _createdAt: string
  _updatedAt: string
  [field: string]: unknown
}

export interface DatasetDocument extends Draft {
  _rev: string
}

const reference = (id: string) => ({_type: 'reference' as const, _ref: id})

function finish(document: Draft): DatasetDocument {
  const {_id, _type, _createdAt, _updatedAt, ...fields} = document
  return {_id, _type, _createdAt, _updatedAt, _rev: revisionOf(canonicalJson(document)), ...fields}
}

function settingsDocument(): Draft {
  const {createdAt, updatedAt, ...fields} = settings
  return {_id: 'settings', _type: 'settings', _createdAt: createdAt, _updatedAt: updatedAt, ...fields}
}

function personDocument(spec: PersonSpec): Draft {
  const {id, createdAt, ...fields} = spec
  const {name, roles, credentials, jobTitle, bio, sanityUserIds} = fields
  return {
    _id: `person.${id}`,
    _type: 'person',
    _createdAt: createdAt,
    _updatedAt: createdAt,
    name,
    slug: {_type: 'slug', current: id},
    roles,
    ...(credentials ? {credentials} : {}),
    ...(sanityUserIds ? {sanityUserIds} : {}),
    ...(jobTitle ? {jobTitle} : {}),
    bio,
    ...(sanityUserIds ? {sanityUserIds} : {}),
  }
}

/** The signer a Studio sign-off records: the reviewer's linked user, as Sanity would report them. */
function signerOf(personId: string): {userId: string; name: string; email: string} {
  const person = people.find((candidate) => candidate.id === personId)
  const userId = person?.sanityUserIds?.[0]
  if (!person || !userId) {
    throw new Error(`A Studio sign-off by ${personId} needs a person with a linked Sanity user id`)
  }
  return {userId, name: person.name, email: `${person.id}@northfield-health.example`}
}

function citationDocument(spec: CitationSpec, createdAt: string): Draft {
  const {id, authors, cslType, ...fields} = spec
  const _id = `citation.${id}`
  return {
    _id,
    _type: 'citation',
    _createdAt: createdAt,
    _updatedAt: createdAt,
    cslType,
    ...(authors
      ? {
          authors: authors.map(([family, given], index) => ({
            _type: 'cslName',
            _key: hashKey(`${_id}/authors/${index}`),
            family,
            given,
          })),
        }
      : {}),
    ...fields,
  }
}

function articleDocument(spec: ArticleSpec, images: ImageFiles, id = `article.${spec.slug}`): Draft {
  const updated = spec.lastEditedAt ?? spec.publishedAt
  return {
    _id: id,
    _type: 'article',
    _createdAt: spec.createdAt,
    _updatedAt: `${updated}T14:20:00Z`,
    title: spec.title,
    slug: {_type: 'slug', current: spec.slug},
    summary: spec.summary,
    language: spec.language,
    audience: spec.audience,
    topics: spec.topics,
    ...(spec.keyTakeaways ? {keyTakeaways: spec.keyTakeaways} : {}),
    ...(spec.leadImage ? {leadImage: figureObject(spec.leadImage, undefined, images)} : {}),
    body: toPortableText(id, spec.body, images),
    ...(spec.safetyNotice ? {safetyNotice: spec.safetyNotice} : {}),
    authors: spec.authors.map((author, index) => ({
      ...reference(`person.${author}`),
      _key: hashKey(`${id}/authors/${index}`),
    })),
    publishedAt: spec.publishedAt,
    ...(spec.lastEditedAt ? {lastEditedAt: spec.lastEditedAt} : {}),
  }
}

async function reviewDocument(
  spec: ReviewSpec,
  published: readonly DatasetDocument[],
  images: ImageFiles,
): Promise<Draft> {
  const articleId = `article.${spec.article}`
  const current = published.find((document) => document._id === articleId)
  if (!current) throw new Error(`Review of ${spec.article}: no such article`)
  let reviewed: readonly unknown[] = published
  if (spec.reviewedVersion) {
    const {title, summary, body, safetyNotice} = spec.reviewedVersion
    const earlier = {
      ...current,
      title,
      summary,
      body: toPortableText(articleId, body, images),
      ...(safetyNotice ? {safetyNotice} : {}),
    }
    if (!safetyNotice) delete earlier.safetyNotice
    reviewed = published.map((document) => (document._id === articleId ? earlier : document))
  }
  const at = `${spec.reviewedOn}T15:30:00Z`
  return {
    _id: `review.${spec.article}.${spec.reviewedOn}`,
    _type: 'review',
    _createdAt: at,
    _updatedAt: at,
    article: reference(articleId),
    reviewer: reference(`person.${spec.reviewer}`),
    reviewedOn: spec.reviewedOn,
    outcome: spec.outcome,
    contentHash: await hashOfArticle(reviewed, articleId),
    provenance: spec.provenance,
    ...(spec.provenance === 'studio' ? {signedBy: signerOf(spec.reviewer)} : {}),
    notes: spec.notes,
  }
}

/**
 * Every document of the dataset, in file order: settings, people, citations, articles, reviews, drafts. With
 * `writeImages` (the build) the drawings are drawn into `images/` first; without (the tests) they must be there.
 */
export async function buildDataset(options: {writeImages?: boolean} = {}): Promise<DatasetDocument[]> {
  const images = await drawImages({write: options.writeImages ?? false})
  const citations = new Map<string, {spec: CitationSpec; createdAt: string}>()
  for (const article of [...articles, ...drafts.map((draft) => draft.article)]) {
    for (const spec of article.citations) {
      const known = citations.get(spec.id)
      if (known && canonicalJson(known.spec) !== canonicalJson(spec))
        throw new Error(`Citation ${spec.id} is defined twice, differently`)
      if (!known || article.createdAt < known.createdAt) citations.set(spec.id, {spec, createdAt: article.createdAt})
    }
  }
  const published = [
    settingsDocument(),
    ...people.map(personDocument),
    ...[...citations.values()]
      .sort((a, b) => (a.spec.id < b.spec.id ? -1 : 1))
      .map(({spec, createdAt}) => citationDocument(spec, createdAt)),
    ...articles.map((article) => articleDocument(article, images)),
  ].map(finish)
  const reviewDocuments = await Promise.all(reviews.map((spec) => reviewDocument(spec, published, images)))
  const draftDocuments = drafts.map((draft) => {
    const document = articleDocument(draft.article, images, `drafts.article.${draft.article.slug}`)
    return {...document, _updatedAt: draft.updatedAt}
  })
  return [...published, ...reviewDocuments.map(finish), ...draftDocuments.map(finish)]
}

export function toNdjson(documents: readonly DatasetDocument[]): string {
  return documents.map((document) => JSON.stringify(document)).join('\n') + '\n'
}
