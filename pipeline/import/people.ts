import type {DatasetDocument} from './dataset.ts'
import type {PersonEntry} from './front-matter.ts'
import {slugify} from '../../domain/slug.ts'

export interface ResolvedPerson {
  /** The person document to write: the dataset's own (possibly with blanks filled in) or a new one. */
  document: DatasetDocument
  matched: boolean
  /** Fields where the file and the dataset disagree; the dataset's value is kept. */
  conflicts: string[]
  /** Roles the file gives the person that the dataset's person lacks (never granted by an import). */
  missingRoles: string[]
}

const TEXT_FIELDS = ['credentials', 'bio', 'jobTitle'] as const

/** Roles an import may give a person it creates: trust (medical reviewer) is never granted by a file. */
export const IMPORTABLE_ROLES: readonly string[] = ['writer']

/**
 * Finds the person a front matter entry names, by `id`, then slug, then name (ignoring case and spacing), among the
 * published people of the dataset; otherwise makes a new one with the id `person.<slug>`. A matched person keeps
 * what the dataset says: the file only fills fields that are empty there, and never adds a role, since being a
 * medical reviewer is the editors' decision, not a Markdown file's. A new person is never a medical reviewer either:
 * a reviewer named in a file becomes a person without that role (reported in `missingRoles`).
 */
export function resolvePerson(entry: PersonEntry, documents: readonly DatasetDocument[]): ResolvedPerson {
  const people = documents.filter(
    (document) =>
      document._type === 'person' && !document._id.startsWith('drafts.') && !document._id.startsWith('versions.'),
  )
  const slug = entry.slug ?? slugify(entry.name)
  const name = normaliseName(entry.name)
  const existing =
    (entry.id ? people.find((person) => person._id === entry.id) : undefined) ??
    people.find((person) => slugOf(person) === slug) ??
    people.find((person) => typeof person.name === 'string' && normaliseName(person.name) === name)
  if (!existing) {
    const document: DatasetDocument = {
      _id: entry.id && /^person\.[a-z0-9_.-]+$/i.test(entry.id) ? entry.id : `person.${slug}`,
      _type: 'person',
      name: entry.name,
      slug: {_type: 'slug', current: slug},
      roles: entry.roles.filter((role) => IMPORTABLE_ROLES.includes(role)),
    }
    for (const field of TEXT_FIELDS) if (entry[field]) document[field] = entry[field]
    const missingRoles = entry.roles.filter((role) => !IMPORTABLE_ROLES.includes(role))
    return {document, matched: false, conflicts: [], missingRoles}
  }
  const document: DatasetDocument = {...existing}
  const conflicts: string[] = []
  for (const field of TEXT_FIELDS) {
    const value = entry[field]
    if (!value) continue
    if (typeof existing[field] !== 'string' || existing[field] === '') document[field] = value
    else if (existing[field] !== value) conflicts.push(field)
  }
  const roles = Array.isArray(existing.roles) ? existing.roles : []
  return {document, matched: true, conflicts, missingRoles: entry.roles.filter((role) => !roles.includes(role))}
}

function slugOf(document: DatasetDocument): string | undefined {
  const slug = document.slug
  return typeof slug === 'object' && slug !== null && 'current' in slug && typeof slug.current === 'string'
    ? slug.current
    : undefined
}

function normaliseName(name: string): string {
  return name.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim()
}
