import type {Yaml} from 'mdast'
import type {VFile} from 'vfile'
import {isDocument, parseDocument} from 'yaml'
import {isIsoDate} from '../../domain/dates.ts'
import {importMessage} from './messages.ts'

export type PersonRole = 'writer' | 'medicalReviewer'
export type CitationStyle = 'apa' | 'vancouver' | 'ama'

/** A person as the front matter names them: a plain name, or `{id, slug, name, credentials, bio, jobTitle, roles}`. */
export interface PersonEntry {
  name: string
  id?: string
  slug?: string
  credentials?: string
  bio?: string
  jobTitle?: string
  roles: PersonRole[]
}

export interface FrontMatter {
  title?: string
  slug?: string
  summary?: string
  language?: string
  audience?: string
  topics?: string[]
  keyTakeaways?: string[]
  safetyNotice?: string
  authors: PersonEntry[]
  reviewers: PersonEntry[]
  published?: string
  lastEdited?: string
  lastReviewed?: string
  /** Written by `vetted export`: the status the article had, e.g. `edited-since-review`. */
  reviewStatus?: string
  citationStyle?: CitationStyle
  /** The path of the lead image, as written under the byline (`![alt](path "caption")`): that figure is the lead image. */
  leadImage?: string
  /** True when the file says it was written by `vetted export` (it carries the export's `contentHash`). */
  exported: boolean
}

export const AUDIENCES = ['general-public', 'patients', 'caregivers', 'professionals']
const STYLES: readonly CitationStyle[] = ['apa', 'vancouver', 'ama']
const ROLES: readonly PersonRole[] = ['writer', 'medicalReviewer']

/**
 * Field names are matched loosely (`lastEdited`, `last_edited`, `last edited` and `Last-Edited` are one field), as
 * people write front matter by hand. The export's derived fields (`nextReviewDue`, `contentHash`, `reviewStatus`,
 * `reviewNotice`)
 * are read but never stored: the dataset computes them.
 */
const FIELDS: Record<string, string> = {
  title: 'title',
  slug: 'slug',
  summary: 'summary',
  description: 'summary',
  language: 'language',
  lang: 'language',
  audience: 'audience',
  topics: 'topics',
  tags: 'topics',
  keytakeaways: 'keyTakeaways',
  takeaways: 'keyTakeaways',
  safetynotice: 'safetyNotice',
  authors: 'authors',
  author: 'authors',
  reviewers: 'reviewers',
  reviewer: 'reviewers',
  medicalreviewer: 'reviewers',
  published: 'published',
  publishedat: 'published',
  datepublished: 'published',
  lastedited: 'lastEdited',
  lasteditedat: 'lastEdited',
  lastreviewed: 'lastReviewed',
  reviewedon: 'lastReviewed',
  nextreviewdue: 'nextReviewDue',
  reviewstatus: 'reviewStatus',
  reviewnotice: 'reviewNotice',
  contenthash: 'contentHash',
  citationstyle: 'citationStyle',
  leadimage: 'leadImage',
}

/** Reads the YAML front matter; every value that cannot be used is reported on `file` at the front matter's place. */
export function readFrontMatter(node: Yaml | undefined, file: VFile): FrontMatter {
  const result: FrontMatter = {authors: [], reviewers: [], exported: false}
  if (!node) return result
  const document = parseDocument(node.value, {prettyErrors: false})
  if (!isDocument(document) || document.errors.length > 0) {
    importMessage(
      file,
      `The front matter is not valid YAML (${document.errors[0]?.message ?? 'unreadable'}), so none of it is imported. Fix the YAML between the --- lines.`,
      {
        ruleId: 'front-matter-yaml',
        node,
        level: 'error',
      },
    )
    return result
  }
  const data: unknown = document.toJS()
  if (data === null || data === undefined) return result
  if (!isRecord(data)) {
    importMessage(file, 'The front matter is not a list of `field: value` lines, so none of it is imported.', {
      ruleId: 'front-matter-yaml',
      node,
      level: 'error',
    })
    return result
  }
  const report = (reason: string, ruleId = 'front-matter-value') => importMessage(file, reason, {ruleId, node})
  for (const [key, value] of Object.entries(data)) {
    const field = FIELDS[key.toLowerCase().replace(/[\s_-]/g, '')]
    if (!field) {
      report(
        `Unknown front matter field \`${key}\`: it is not imported. Known fields: title, slug, summary, language, audience, topics, authors, reviewer, published, lastEdited, lastReviewed, keyTakeaways, safetyNotice, leadImage.`,
        'front-matter-unknown-field',
      )
      continue
    }
    if (value === null || value === undefined || value === '') continue
    switch (field) {
      case 'title':
      case 'slug':
      case 'summary':
      case 'language':
      case 'safetyNotice':
      case 'leadImage':
      case 'reviewStatus': {
        const text = scalarText(value)
        if (text === undefined) report(`The front matter field \`${key}\` should be text; it is not imported.`)
        else result[field] = text
        break
      }
      case 'audience': {
        const text = scalarText(value)
        if (text !== undefined && AUDIENCES.includes(text)) result.audience = text
        else
          report(
            `The audience \`${String(value)}\` is not one of ${AUDIENCES.join(', ')}; it is not imported. Choose one in Studio.`,
          )
        break
      }
      case 'citationStyle': {
        const text = scalarText(value)
        if (text !== undefined && (STYLES as readonly string[]).includes(text))
          result.citationStyle = text as CitationStyle
        else
          report(
            `The citation style \`${String(value)}\` is not one of ${STYLES.join(', ')}; references are read as APA.`,
          )
        break
      }
      case 'topics':
      case 'keyTakeaways': {
        const list = textList(value)
        if (list === undefined)
          report(`The front matter field \`${key}\` should be a list of text items; it is not imported.`)
        else result[field] = list
        break
      }
      case 'authors':
      case 'reviewers': {
        const role: PersonRole = field === 'authors' ? 'writer' : 'medicalReviewer'
        for (const entry of Array.isArray(value) ? value : [value]) {
          const person = personEntry(entry, role)
          if (person) result[field].push(person)
          else
            report(
              `A person in \`${key}\` has no name, so they are not imported. Write a name, or \`name:\` with optional \`credentials:\` and \`bio:\`.`,
            )
        }
        break
      }
      case 'published':
      case 'lastEdited':
      case 'lastReviewed': {
        const date = isoDate(value)
        if (date) result[field] = date
        else
          report(
            `The date \`${key}: ${String(value)}\` is not a calendar date written YYYY-MM-DD; it is not imported.`,
            'front-matter-date',
          )
        break
      }
      case 'contentHash':
        result.exported = true
        break
      default:
        break
    }
  }
  return result
}

function personEntry(value: unknown, role: PersonRole): PersonEntry | undefined {
  if (typeof value === 'string') return value.trim() ? {name: value.trim(), roles: [role]} : undefined
  if (!isRecord(value)) return undefined
  const name = scalarText(value.name)
  if (!name) return undefined
  const roles = new Set<PersonRole>([role])
  for (const extra of Array.isArray(value.roles) ? value.roles : [])
    if ((ROLES as readonly unknown[]).includes(extra)) roles.add(extra as PersonRole)
  const entry: PersonEntry = {name, roles: ROLES.filter((candidate) => roles.has(candidate))}
  for (const field of ['id', 'slug', 'credentials', 'bio', 'jobTitle'] as const) {
    const text = scalarText(value[field])
    if (text) entry[field] = text
  }
  return entry
}

function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return undefined
}

function textList(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : [value]
  const texts = items.map(scalarText)
  return texts.every((text): text is string => text !== undefined) ? texts : undefined
}

function isoDate(value: unknown): string | undefined {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10)
  const text = scalarText(value)
  if (text === undefined) return undefined
  if (isIsoDate(text)) return text
  const day = /^(\d{4}-\d{2}-\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/.exec(text)?.[1]
  return day && isIsoDate(day) ? day : undefined
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
