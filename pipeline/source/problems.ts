import type {DecodeFinding} from './decode/decode-document.ts'
import {printable} from './printable.ts'
import type {SourceProblem} from './types.ts'

/**
 * Every problem a source reports, in one place: a stable `ruleId` (publishing jobs key on it) and words that say
 * what happened and what to do. Line problems are prefixed `file:line:` so editors and CI annotate the line.
 */

export function lineProblem(ruleId: string, file: string, line: number, reason: string): SourceProblem {
  return {ruleId, file, line, message: `${file}:${line}: ${reason}`}
}

export const sourceProblems = {
  malformedLine: (file: string, line: number, detail: string) =>
    lineProblem(
      'source:malformed-line',
      file,
      line,
      `not valid JSON (${printable(detail)}). Fix or remove the line (a truncated last line means the file was cut: export it again).`,
    ),
  lineTooLong: (file: string, line: number, bytes: number, limit: number) =>
    lineProblem(
      'source:line-too-long',
      file,
      line,
      `line is ${bytes} bytes, over the limit of ${limit} bytes for one document. Check that the file is NDJSON (one document per line) and that no field holds an embedded file.`,
    ),
  tooDeep: (file: string, line: number, limit: number, id: string) => ({
    ...lineProblem(
      'source:too-deep',
      file,
      line,
      `document \`${printable(id)}\` nests objects or arrays more than ${limit} levels deep. No Sanity content is shaped like this: check how the file was produced.`,
    ),
    documentId: id,
  }),
  notADocument: (file: string, line: number) =>
    lineProblem(
      'source:not-a-document',
      file,
      line,
      'line is valid JSON but not a document object. Remove it, or make it one document ({"_id": …, "_type": …}).',
    ),
  invalidId: (file: string, line: number, id: unknown) => ({
    ...lineProblem(
      'source:invalid-id',
      file,
      line,
      typeof id === 'string'
        ? `document id \`${printable(id)}\` may only contain letters, digits, \`_\`, \`.\` and \`-\`. Give it a valid _id.`
        : 'document has no _id. Give it an _id.',
    ),
    ...(typeof id === 'string' ? {documentId: id} : {}),
  }),
  missingType: (file: string, line: number, id: string) => ({
    ...lineProblem(
      'source:missing-type',
      file,
      line,
      `document \`${printable(id)}\` has no _type. Add the _type of its schema (article, person, citation, review, settings).`,
    ),
    documentId: id,
  }),
  duplicateId: (file: string, line: number, id: string, firstLine: number) => ({
    ...lineProblem(
      'source:duplicate-id',
      file,
      line,
      `document id \`${printable(id)}\` was already used on line ${firstLine}. Give each document its own _id.`,
    ),
    documentId: id,
  }),
  missingKey: (file: string, line: number, id: string, path: string) => ({
    ...lineProblem(
      'source:missing-key',
      file,
      line,
      `\`${printable(id)}\` ${printable(path)}: an item in this list has no _key, so the Studio cannot edit it. Give every object in an array a unique _key.`,
    ),
    documentId: id,
    path,
  }),
  danglingReference: (file: string, line: number, id: string, path: string, ref: string) => ({
    ...lineProblem(
      'source:dangling-reference',
      file,
      line,
      `\`${printable(id)}\` ${printable(path)}: refers to \`${printable(ref)}\`, which is not a published document in this dataset. Publish \`${printable(ref)}\` or remove the reference.`,
    ),
    documentId: id,
    path,
  }),
  invalidUtf8: (file: string, line: number) =>
    lineProblem(
      'source:invalid-utf8',
      file,
      line,
      'the line holds bytes that are not UTF-8 (a binary file, or text saved in another encoding). ' +
        'Save the dataset as UTF-8, as `sanity dataset export` writes it.',
    ),
  empty: (file: string) =>
    lineProblem(
      'source:empty',
      file,
      1,
      'the file holds no documents. Check that --dataset names the exported dataset (NDJSON, one document per line) ' +
        'and that the export finished.',
    ),
  publishedIdExpected: (label: string, id: string) => ({
    ruleId: 'source:unpublished-id',
    documentId: id,
    message: `${label}: the Content Lake returned \`${printable(id)}\`, a draft or release version, although only published documents were asked for; it was ignored.`,
  }),
} satisfies Record<string, (...args: never[]) => SourceProblem>

/**
 * Problems that mean the file cannot be read as a whole: a release made from it could silently lack articles,
 * so the source refuses it (`SourceError`, exit 2) unless asked only to report (`damaged: 'report'`, for validate).
 */
export const DATASET_DAMAGE = new Set([
  'source:malformed-line',
  'source:line-too-long',
  'source:not-a-document',
  'source:invalid-id',
  'source:missing-type',
  'source:duplicate-id',
  'source:too-deep',
  'source:invalid-utf8',
  'source:empty',
])

/** The one line a refused dataset gives: the first problem, with `file:line`, and how many more there are. */
export function damagedDatasetMessage(label: string, damage: readonly SourceProblem[]): string {
  const [first] = damage
  const others = damage.length - 1
  const listed = `\`npx vetted validate --dataset ${label}\` lists them all`
  const more = others > 0 ? ` (${others} more problem${others === 1 ? '' : 's'}: ${listed})` : ''
  return `The dataset ${label} cannot be read as a whole: ${first?.message ?? 'it is damaged.'}${more}`
}

/**
 * Settings apply to every article, so settings that do not decode are a source error (exit 2, nothing switched):
 * one line with the first problem and the fields of the others.
 */
export function invalidSettingsMessage(label: string, findings: readonly DecodeFinding[]): string {
  const [first, ...others] = findings
  if (!first) return `The settings in ${label} are not valid.`
  const more = others.length > 0 ? ` (also ${others.map((finding) => finding.path).join(', ')})` : ''
  return (
    `The settings in ${label} are not valid: ${first.path}: expected ${first.expected}, found ${first.found}${more}. ` +
    'Correct them in the Studio (Settings) or in the dataset; nothing is exported until they are valid.'
  )
}
