import {stripVTControlCharacters} from 'node:util'
import {describe, expect, it} from 'vitest'
import type {Diagnostic, DiagnosticGroup} from '../pipeline/diagnostic.ts'
import {reportDiagnostics, wrap} from '../pipeline/diagnostic-report.ts'

/** The printed report (pipeline/diagnostic-report.ts): lines that fit, advice below, repeated findings grouped. */

const GRADE: Diagnostic = {
  ruleId: 'reading-grade',
  source: 'vetted:readability',
  severity: 'warning',
  place: {documentId: null, path: ['body']},
  reason:
    'The text reads at grade 14, above the grade 9 the settings ask for; long sentences and long words make it hard to follow for many readers.',
  note: 'Shorten the longest sentences and prefer common words.',
}
const UNREVIEWED: Diagnostic = {
  ruleId: 'review-unreviewed',
  source: 'vetted:editorial',
  severity: 'error',
  place: {documentId: null, path: []},
  reason: 'No medical reviewer has approved this article.',
  note: 'Ask a medical reviewer to sign it off in the Studio.',
  url: 'https://example.org/a/very/long/url/that/goes/on/and/on/without/any/space/to/break/it/at/all/whatsoever/really/long/really',
}

function articles(count: number, findings: Diagnostic[]): DiagnosticGroup[] {
  return Array.from({length: count}, (_, index) => {
    const id = `article.a${String(index).padStart(4, '0')}`
    return {
      name: `a${index}`,
      documentId: id,
      diagnostics: findings.map((item) => ({...item, place: {...item.place, documentId: id}})),
    }
  })
}

const widest = (text: string) => Math.max(...text.split('\n').map((line) => line.length))

describe('the printed report of diagnostics', () => {
  it('keeps every line within the width, the advice on its own indented line', () => {
    for (const width of [160, 100, 60]) {
      const text = reportDiagnostics(articles(2, [GRADE, UNREVIEWED]), {width})
      expect(widest(text)).toBeLessThanOrEqual(width)
      expect(text).toMatch(/^ {13}Shorten the longest sentences and prefer common/m)
      expect(text).toMatch(/^ {2}error {4}No medical reviewer has approved this article\./m)
    }
    expect(reportDiagnostics(articles(1, [GRADE]), {width: 200})).toContain(
      '  warning  body: The text reads at grade 14, above the grade 9 the settings ask for; long sentences and long words make it hard to follow for many readers. [reading-grade]\n',
    )
  })

  it('is 160 characters wide at most when no width is given', () => {
    expect(widest(reportDiagnostics(articles(3, [GRADE, UNREVIEWED])))).toBeLessThanOrEqual(160)
  })

  it('groups a warning rule that fires on five articles or more into one line; errors stay listed', () => {
    const text = reportDiagnostics(articles(1000, [GRADE, UNREVIEWED]))
    expect(text.match(/reading-grade/g)).toHaveLength(1)
    expect(text).toContain('reading-grade: 1,000 articles (warning), see `--json` or --verbose\n')
    expect(text.match(/\[review-unreviewed\]/g)).toHaveLength(1000)
    expect(text.trimEnd().split('\n').at(-1)).toBe('1,000 errors, 1,000 warnings')
    expect(reportDiagnostics(articles(4, [GRADE]))).not.toContain('articles (warning)')
  })

  it('--verbose lists every finding; --quiet only the errors and the tally', () => {
    const verbose = reportDiagnostics(articles(20, [GRADE, UNREVIEWED]), {level: 'verbose'})
    expect(verbose.match(/\[reading-grade\]/g)).toHaveLength(20)
    expect(verbose).not.toContain('see `--json`')
    const quiet = reportDiagnostics(articles(20, [GRADE, UNREVIEWED]), {level: 'quiet'})
    expect(quiet).not.toContain('reading-grade')
    expect(quiet.match(/\[review-unreviewed\]/g)).toHaveLength(20)
    expect(quiet).toContain('20 errors, 20 warnings (only errors shown: --quiet)')
    const onlyWarnings = reportDiagnostics(articles(2, [GRADE]), {level: 'quiet'})
    expect(onlyWarnings).toBe('2 warnings (only errors shown: --quiet)\n')
  })

  it('colours the severity only when asked, without changing the layout', () => {
    const plain = reportDiagnostics(articles(1, [UNREVIEWED]), {width: 80})
    const coloured = reportDiagnostics(articles(1, [UNREVIEWED]), {width: 80, color: true})
    expect(plain).not.toContain('\u001b[')
    expect(coloured).toContain('\u001b[31merror\u001b[39m')
    expect(stripVTControlCharacters(coloured)).toBe(plain)
  })
})

describe('wrap', () => {
  it('breaks at spaces and cuts a word longer than a line', () => {
    expect(wrap('one two three four', 12, '> ', '  ')).toEqual(['> one two', '  three four'])
    const cut = wrap(`see ${'x'.repeat(50)}`, 20, '', '  ')
    expect(cut.every((line) => line.length <= 20)).toBe(true)
    expect(cut.join('').replace(/ /g, '')).toBe(`see${'x'.repeat(50)}`)
  })
})
