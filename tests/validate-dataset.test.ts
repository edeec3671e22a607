import {beforeAll, describe, expect, it} from 'vitest'
import {openSource} from '../pipeline/source/open.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {diagnosticText, formatPath} from '../pipeline/diagnostic.ts'
import {validateSource, type SourceValidation} from '../pipeline/validate/validate-source.ts'
import {runEngine, summarise} from './fixtures/validate/engine.ts'

/** The embedded dataset (studio/dataset/production.ndjson) through the whole engine, as of the designed date. */

const REPO = new URL('..', import.meta.url).pathname
const REFERENCE = 'article.infant-mental-health'
let result: SourceValidation
let reference: SourceArticle

beforeAll(async () => {
  const source = await openSource({env: {}, cwd: REPO})
  try {
    result = await validateSource(source, {asOf: '2026-11-26'})
    const article = await source.getArticle(REFERENCE)
    if (!article) throw new Error(`${REFERENCE} is not in the embedded dataset`)
    reference = article
  } finally {
    await source.close()
  }
})

describe('the embedded dataset as of 2026-11-26', () => {
  it('reads cleanly and blocks no article: it is meant to export', () => {
    expect(result.problems).toEqual([])
    expect(result.articles.filter((entry) => entry.validation.blocked).map((entry) => entry.slug)).toEqual([])
    expect(
      result.articles.flatMap((entry) => entry.validation.findings).filter((finding) => finding.severity === 'error'),
    ).toEqual([])
  })

  it('reports the reference article overdue (reviewed 2023-07-11, 12-month interval), not edited since review', () => {
    const entry = result.articles.find((candidate) => candidate.documentId === REFERENCE)
    expect(entry?.status).toBe('overdue')
    // The seeded review recorded the hash of the text as published, so only `review-overdue` speaks.
    expect(entry?.validation.findings.map((finding) => finding.ruleId)).not.toContain('review-edited-since-review')
  })

  it('pins the exact findings for the reference article', () => {
    const entry = result.articles.find((candidate) => candidate.documentId === REFERENCE)
    const findings = entry?.validation.findings.map((finding) =>
      `${finding.severity} ${finding.ruleId} ${finding.place.documentId} ${formatPath(finding.place.path)}`.trimEnd(),
    )
    expect(findings).toEqual([
      // The review lapsed on 2024-07-11.
      'warning review-overdue article.infant-mental-health',
      // Two web pages the reference list cites as “n.d.”.
      'warning citation-complete citation.penn-state-temperament issued',
      'warning citation-complete citation.rch-melbourne-infants issued',
      // The reference list gives no DOI, PMID or URL for any of its ten sources, and none was invented.
      'warning citation-locator citation.cdc-2021',
      'warning citation-locator citation.clinton-2016',
      'warning citation-locator citation.cps-2017',
      'warning citation-locator citation.duquesne-2020',
      'warning citation-locator citation.hong-2012',
      'warning citation-locator citation.penn-state-temperament',
      'warning citation-locator citation.pha-2020',
      'warning citation-locator citation.rch-melbourne-infants',
      'warning citation-locator citation.simpson-2014',
      'warning citation-locator citation.simpson-2016',
      // Written for caregivers at about grade 12; the hardest sentence is in the disorders list.
      'warning reading-grade article.infant-mental-health body[_key=="f709bc9a5fc9"]',
    ])
    const grade = entry?.validation.findings.find((finding) => finding.ruleId === 'reading-grade')
    expect(grade && diagnosticText(grade)).toMatch(
      /^The body reads at grade 1\d\.\d \(Flesch–Kincaid\); the target for this audience \(caregivers\) is 8 or lower\. Hardest sentences: “/,
    )
  })

  it('would catch the text-extraction damage the dataset repaired (“them.Also”, a doubled word)', async () => {
    const damaged = structuredClone(reference)
    const block = damaged.body?.find((candidate) =>
      candidate._type !== 'block'
        ? false
        : candidate.children?.some((child) => child._type === 'span' && child.text?.includes('how they say them.')),
    )
    const span = (block?._type === 'block' ? block.children : undefined)?.find(
      (child) => child._type === 'span' && child.text?.includes('how they say them.'),
    )
    if (!block || span?._type !== 'span' || span.text === undefined)
      throw new Error('The reference article lost the sentence “…how they say them. Also…”')
    span.text = span.text.replace('them. Also', 'them.Also').replace('how they say', 'how they they say')
    const where = `article.infant-mental-health body[_key=="${block._key}"].children[_key=="${span._key}"]`
    const findings = summarise(await runEngine(damaged, {asOf: '2026-11-26'}))
    expect(findings).toContain(`warning missing-space ${where}`)
    expect(findings).toContain(`warning doubled-word ${where}`)
  })
})
