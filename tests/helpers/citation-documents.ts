import type {SourceCitation} from '../../pipeline/render/types.ts'

/** The fields of a citation document the article query returns (each present, null when empty). */
export const CITATION_FIELDS = [
  'cslType',
  'authors',
  'organization',
  'title',
  'containerTitle',
  'containerTitleShort',
  'issued',
  'volume',
  'issue',
  'pages',
  'publisher',
  'doi',
  'pmid',
  'pmcid',
  'url',
  'accessed',
  'rawText',
] as const

/** A citation document as the article query returns it (every field present, null when empty). */
export function sourceCitation(document: Record<string, unknown>): SourceCitation {
  return {
    _id: String(document._id),
    _rev: 'r',
    ...Object.fromEntries(CITATION_FIELDS.map((field) => [field, document[field] ?? null])),
  } as SourceCitation
}
