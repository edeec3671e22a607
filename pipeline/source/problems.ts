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
    lineProblem('source:malformed-line', file, line, `not valid JSON (${detail}); the line was skipped. Fix or remove it.`),
  lineTooLong: (file: string, line: number, bytes: number, limit: number) =>
    lineProblem('source:line-too-long', file, line, `line is ${bytes} bytes, over the limit of ${limit} bytes for one document; it was skipped. Check that the file is NDJSON (one document per line) and that no field holds an embedded file.`),
  tooDeep: (file: string, line: number, limit: number, id: string) => ({
    ...lineProblem('source:too-deep', file, line, `document \`${id}\` nests objects or arrays more than ${limit} levels deep; it was skipped. No Sanity content is shaped like this: check how the file was produced.`),
    documentId: id,
  }),
  notADocument: (file: string, line: number) =>
    lineProblem('source:not-a-document', file, line, 'line is valid JSON but not a document object; it was skipped.'),
  invalidId: (file: string, line: number, id: unknown) => ({
    ...lineProblem('source:invalid-id', file, line, typeof id === 'string'
      ? `document id \`${id}\` may only contain letters, digits, \`_\`, \`.\` and \`-\`; the document was skipped. Give it a valid _id.`
      : 'document has no _id; it was skipped. Give it an _id.'),
    ...(typeof id === 'string' ? {documentId: id} : {}),
  }),
  missingType: (file: string, line: number, id: string) => ({
    ...lineProblem('source:missing-type', file, line, `document \`${id}\` has no _type; it was skipped. Add the _type of its schema (article, person, citation, review, settings).`),
    documentId: id,
  }),
  duplicateId: (file: string, line: number, id: string, firstLine: number) => ({
    ...lineProblem('source:duplicate-id', file, line, `document id \`${id}\` was already used on line ${firstLine}; this copy was skipped. Give each document its own _id.`),
    documentId: id,
  }),
  missingKey: (file: string, line: number, id: string, path: string) => ({
    ...lineProblem('source:missing-key', file, line, `\`${id}\` ${path}: an item in this list has no _key, so the Studio cannot edit it. Give every object in an array a unique _key.`),
    documentId: id,
    path,
  }),
  danglingReference: (file: string, line: number, id: string, path: string, ref: string) => ({
    ...lineProblem('source:dangling-reference', file, line, `\`${id}\` ${path}: refers to \`${ref}\`, which is not a published document in this dataset. Publish \`${ref}\` or remove the reference.`),
    documentId: id,
    path,
  }),
  publishedIdExpected: (label: string, id: string) => ({
    ruleId: 'source:unpublished-id',
    documentId: id,
    message: `${label}: the Content Lake returned \`${id}\`, a draft or release version, although only published documents were asked for; it was ignored.`,
  }),
} satisfies Record<string, (...args: never[]) => SourceProblem>
