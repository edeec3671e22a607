import type {ArticleModel, PersonModel} from '../model.ts'

/** schema.org audience for the article's `audience` value. */
const AUDIENCES: Record<string, Record<string, string>> = {
  patients: {'@type': 'MedicalAudience', audienceType: 'Patient'},
  professionals: {'@type': 'MedicalAudience', audienceType: 'Clinician'},
  caregivers: {'@type': 'PeopleAudience', audienceType: 'Caregivers'},
  'general-public': {'@type': 'PeopleAudience', audienceType: 'General public'},
}

/** The page's schema.org MedicalWebPage, as plain data (escaping for the script element happens at output). */
export function medicalWebPage(model: ArticleModel): Record<string, unknown> {
  return compact({
    '@context': 'https://schema.org',
    '@type': 'MedicalWebPage',
    '@id': model.canonicalUrl,
    url: model.canonicalUrl,
    headline: model.title,
    name: model.title,
    description: model.summary,
    inLanguage: model.language,
    about: model.topics.length > 0 ? model.topics.map((topic) => ({'@type': 'Thing', name: topic})) : null,
    audience: model.audience ? (AUDIENCES[model.audience] ?? null) : null,
    author: model.authors.map(person),
    reviewedBy:
      model.reviewers.length === 1
        ? person(model.reviewers[0]!)
        : model.reviewers.length > 1
          ? model.reviewers.map(person)
          : null,
    lastReviewed: model.dates.lastReviewed,
    datePublished: model.dates.published,
    dateModified: model.dates.lastEdited ?? model.dates.published,
    citation: model.citations.map((citation) =>
      compact({'@type': 'CreativeWork', name: citation.text, url: citation.url}),
    ),
    publisher: model.publisher.name
      ? compact({'@type': 'Organization', name: model.publisher.name, url: model.publisher.url})
      : null,
  })
}

function person(value: PersonModel): Record<string, unknown> {
  return compact({'@type': 'Person', name: value.name, honorificSuffix: value.credentials, jobTitle: value.jobTitle})
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(record).filter(
      ([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0),
    ),
  )
}
