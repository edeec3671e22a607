import type {VFile} from 'vfile'
import {VFileMessage} from 'vfile-message'
import type {PathSegment, Severity} from '../schemas/rules/rule.ts'
import type {SourceProblem} from './source/types.ts'

/**
 * The pipeline's one diagnostic: what validation, the renderer, the source and the export report about content,
 * and its mapping to and from vfile's `VFileMessage` (the unified convention: `ruleId`, `source`, a reason, advice
 * in `note`, a link in `url`). Documents have no lines and columns, so the place is the document and the field
 * path in it, as Sanity's validation markers give it. The runner decides what blocks (`severity`).
 */

export type {PathSegment, Severity}

export interface Place {
  /** The document the diagnostic is about; null for a problem in the dataset before there is a document. */
  documentId: string | null
  /** The field path in that document (empty: the document itself). */
  path: PathSegment[]
  /** For a problem in a dataset file: the file and line it was met on. */
  file?: string
  line?: number
}

export interface Diagnostic {
  /** Stable id, kebab-case (`citation-locator`); publishing jobs and `--json` consumers key on it. */
  ruleId: string
  /** Who spoke: `vetted:schema`, `vetted:editorial`, `vetted:readability`, `vetted:render`, `vetted:export`, … */
  source: string
  severity: Severity
  place: Place
  /** What happened and why. */
  reason: string
  /** What to do about it. */
  note?: string
  /** Where to read more. */
  url?: string
}

/** A `VFileMessage` carrying a diagnostic's place (vfile's own `place` is lines and columns). */
export interface DiagnosticMessage extends VFileMessage {
  documentId?: string | null
  /** The field path, e.g. `['body', {_key: 'b1'}, 'children', {_key: 's2'}]`. */
  path?: PathSegment[]
}

/**
 * A document path the way Sanity and GROQ write it: `body[_key=="abc"].children[_key=="def"]`, `authors[0]`.
 * Keys are quoted with JSON string escaping, so any key round-trips.
 */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else if (typeof segment === 'string') out += out === '' ? segment : `.${segment}`
    else out += `[_key==${JSON.stringify(segment._key)}]`
  }
  return out
}

/**
 * A diagnostic from one message that states the problem and then what to do (the editorial rules write them so, for
 * Studio, which shows one text): the first sentence is the reason, the rest the note.
 */
export function diagnostic(fields: Omit<Diagnostic, 'reason' | 'note'> & {message: string}): Diagnostic {
  const {message, ...rest} = fields
  const match = /(?<=[.!?”)])\s+(?=[A-Z“])/.exec(message)
  if (!match) return {...rest, reason: message}
  return {...rest, reason: message.slice(0, match.index), note: message.slice(match.index + match[0].length)}
}

/** The reason and the advice as one text, where one field holds both (`--json`, the manifest, Studio). */
export function diagnosticText(diagnostic: Pick<Diagnostic, 'reason' | 'note'>): string {
  return diagnostic.note ? `${diagnostic.reason} ${diagnostic.note}` : diagnostic.reason
}

/** vfile's convention: `fatal` true is an error, false a warning, undefined an info. */
export function severityOf(message: Pick<VFileMessage, 'fatal'>): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info'
}

export function toVFileMessage(diagnostic: Diagnostic, file?: VFile): DiagnosticMessage {
  const options = {ruleId: diagnostic.ruleId, source: diagnostic.source}
  const message: DiagnosticMessage = file
    ? file.message(diagnostic.reason, options)
    : new VFileMessage(diagnostic.reason, options)
  message.fatal = diagnostic.severity === 'error' ? true : diagnostic.severity === 'warning' ? false : undefined
  message.documentId = diagnostic.place.documentId
  message.path = diagnostic.place.path
  if (diagnostic.note !== undefined) message.note = diagnostic.note
  if (diagnostic.url !== undefined) message.url = diagnostic.url
  return message
}

/** A message as a diagnostic; what it does not say (a renderer's message has no document id) comes from `defaults`. */
export function fromVFileMessage(
  message: DiagnosticMessage,
  defaults: {documentId: string | null; source: string; ruleId?: string},
): Diagnostic {
  const out: Diagnostic = {
    ruleId: message.ruleId ?? defaults.ruleId ?? 'unknown',
    source: message.source ?? defaults.source,
    severity: severityOf(message),
    place: {documentId: message.documentId ?? defaults.documentId, path: message.path ?? []},
    reason: message.reason,
  }
  if (message.note) out.note = message.note
  if (message.url) out.url = message.url
  return out
}

/**
 * A problem the source met reading the dataset: an error. Its words already name the file and line (and the field,
 * which the source gives formatted: it is kept as one segment, so it prints as given).
 */
export function fromSourceProblem(problem: SourceProblem): Diagnostic {
  const place: Place = {documentId: problem.documentId ?? null, path: problem.path === undefined ? [] : [problem.path]}
  if (problem.file !== undefined && problem.line !== undefined) {
    place.file = problem.file
    place.line = problem.line
  }
  return {ruleId: problem.ruleId, source: 'vetted:source', severity: 'error', place, reason: problem.message}
}

/** The diagnostic as one `--json` line (flat; `path` formatted, or `file:line` for a problem in a dataset file). */
export interface DiagnosticJson {
  ruleId: string
  severity: Severity
  documentId: string | null
  slug: string | null
  path: string
  message: string
  source: string
}

export function diagnosticJson(diagnostic: Diagnostic, slug: string | null): DiagnosticJson {
  const {place} = diagnostic
  const inFile = place.path.length === 0 && place.file !== undefined
  const path = inFile ? `${place.file}:${place.line}` : formatPath(place.path)
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    documentId: place.documentId,
    slug,
    path,
    message: diagnosticText(diagnostic),
    source: diagnostic.source,
  }
}

/** A group of diagnostics reported under one name: an article (its slug, else its id), or a dataset. */
export interface DiagnosticGroup {
  name: string
  /** The document the group is about: a diagnostic about another document (a cited source) names it. */
  documentId?: string
  diagnostics: readonly Diagnostic[]
}

// The printed report of diagnostic groups is `reportDiagnostics` in `diagnostic-report.ts`.
