import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {
  diagnostic,
  diagnosticJson,
  diagnosticText,
  formatPath,
  fromSourceProblem,
  fromVFileMessage,
  toVFileMessage,
  type Diagnostic,
} from '../pipeline/diagnostic.ts'
import {reportDiagnostics} from '../pipeline/diagnostic-report.ts'

/** The pipeline's one diagnostic type and its mappings (pipeline/diagnostic.ts). */

const LINK: Diagnostic = {
  ruleId: 'link-text',
  source: 'vetted:editorial',
  severity: 'warning',
  place: {documentId: 'article.water', path: ['body', {_key: 'p1'}, 'children', 2]},
  reason: 'The link text “here” does not say where the link goes.',
  note: 'Use words that name the destination.',
}

describe('diagnostics', () => {
  it('map to a vfile message and back unchanged: advice in `note`, the place as document id and field path', () => {
    const message = toVFileMessage(LINK, new VFile({path: 'water'}))
    expect(message).toMatchObject({
      reason: LINK.reason,
      note: LINK.note,
      ruleId: 'link-text',
      source: 'vetted:editorial',
      fatal: false,
    })
    expect(message).toMatchObject({documentId: 'article.water', path: LINK.place.path, file: 'water'})
    expect(fromVFileMessage(message, {documentId: null, source: 'unused'})).toEqual(LINK)
    for (const severity of ['error', 'warning', 'info'] as const) {
      expect(fromVFileMessage(toVFileMessage({...LINK, severity}), {documentId: null, source: 'x'}).severity).toBe(
        severity,
      )
    }
  })

  it('take what a renderer message does not say from the defaults', () => {
    const message = new VFile().message('Unknown block type `chart`.', {
      ruleId: 'unknown-block',
      source: 'vetted:render',
    })
    expect(fromVFileMessage(message, {documentId: 'article.a', source: 'vetted:render'})).toEqual({
      ruleId: 'unknown-block',
      source: 'vetted:render',
      severity: 'warning',
      place: {documentId: 'article.a', path: []},
      reason: 'Unknown block type `chart`.',
    })
  })

  it('write paths one way, as Sanity and GROQ do, with keys JSON-escaped', () => {
    expect(formatPath(['body', {_key: 'b1'}, 'children', 2, 'text'])).toBe('body[_key=="b1"].children[2].text')
    expect(formatPath([{_key: 'a"b'}])).toBe('[_key=="a\\"b"]')
    expect(formatPath([])).toBe('')
  })

  it('split a rule message into the problem and what to do, and join them back to the same text', () => {
    const message =
      'The source has no DOI, PMID, PMCID or URL, so readers cannot open it. Add the URL where readers can find it.'
    const fields = {
      ruleId: 'citation-locator',
      source: 'vetted:editorial',
      severity: 'warning' as const,
      place: LINK.place,
    }
    const split = diagnostic({...fields, message})
    expect(split).toMatchObject({
      reason: 'The source has no DOI, PMID, PMCID or URL, so readers cannot open it.',
      note: 'Add the URL where readers can find it.',
    })
    expect(diagnosticText(split)).toBe(message)
    expect(diagnostic({...fields, message: 'One sentence only.'})).not.toHaveProperty('note')
  })

  it('give one flat --json line, with a dataset problem placed at its file and line', () => {
    expect(diagnosticJson(LINK, 'water')).toEqual({
      ruleId: 'link-text',
      severity: 'warning',
      documentId: 'article.water',
      slug: 'water',
      path: 'body[_key=="p1"].children[2]',
      message: `${LINK.reason} ${LINK.note}`,
      source: 'vetted:editorial',
    })
    const problem = fromSourceProblem({
      ruleId: 'source:malformed-line',
      file: 'data.ndjson',
      line: 3,
      message: 'data.ndjson:3: not valid JSON.',
    })
    expect(diagnosticJson(problem, null)).toMatchObject({
      severity: 'error',
      path: 'data.ndjson:3',
      source: 'vetted:source',
      documentId: null,
    })
  })

  it('print one block per group, naming another document before the path, the advice as a note', () => {
    const citation = {...LINK, place: {documentId: 'citation.x', path: ['issued']}}
    const text = reportDiagnostics([{name: 'water', documentId: 'article.water', diagnostics: [LINK, citation]}])
    expect(text).toContain('body[_key=="p1"].children[2]: The link text “here” does not say where the link goes.')
    expect(text).toContain('citation.x › issued: The link text')
    expect(text).toContain('\n             Use words that name the destination.')
  })
})
