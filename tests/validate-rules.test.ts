import {describe, expect, it} from 'vitest'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {diagnosticText} from '../pipeline/diagnostic.ts'
import {
  blockOf,
  citationOf,
  editedArticle,
  firstReview,
  runEngine,
  setSpanText,
  summarise,
  validArticle,
  type EngineOptions,
} from './fixtures/validate/engine.ts'

/**
 * Every rule through the real engine: the fixture article passes all of them; each case below breaks one thing
 * and expects exactly the findings (severity, ruleId, document, path) that a writer would see.
 */

const ARTICLE = 'article.drinking-water'
const REVIEW = 'review.drinking-water-1'
const CITATION = 'citation.water-review'

async function findingsAfter(
  edit: (article: SourceArticle) => void,
  options: EngineOptions & {resign?: boolean} = {},
): Promise<string[]> {
  return summarise(await runEngine(await editedArticle(edit, {resign: options.resign}), options))
}

describe('the valid fixture', () => {
  it('passes every rule and is not blocked, even in strict mode', async () => {
    const result = await runEngine(await validArticle(), {strict: true})
    expect(result.findings).toEqual([])
    expect(result.blocked).toBe(false)
    expect(result.messages).toEqual([])
  })
})

describe('schema field rules, run by the pipeline', () => {
  it('blocks an article on every value the source refused, in it or a document it uses (invalid-value)', async () => {
    const finding = {
      ruleId: 'source:invalid-value' as const,
      documentId: CITATION,
      documentType: 'citation',
      path: 'cslType',
      segments: ['cslType'],
      expected: 'one of "article-journal", "webpage"',
      found: 'the number 3',
      message: 'citation `citation.water-review` cslType: …',
    }
    const result = await runEngine(await editedArticle((article) => (article.decodeFindings = [finding])))
    expect(summarise(result)).toEqual([`error invalid-value ${CITATION} cslType`])
    expect(result.blocked).toBe(true)
  })

  it('requires a title, slug, summary, language and body (required-field)', async () => {
    expect(
      await findingsAfter((article) => {
        article.title = null
        article.summary = '  '
      }),
    ).toEqual([`error required-field ${ARTICLE} title`, `error required-field ${ARTICLE} summary`])
  })

  it('checks the slug format and uniqueness (slug-format, slug-unique)', async () => {
    expect(await findingsAfter((article) => (article.slug = 'Drinking_water'))).toEqual([
      `error slug-format ${ARTICLE} slug`,
    ])
    const owners = new Map([['drinking-water', [ARTICLE, 'article.water-2']]])
    expect(summarise(await runEngine(await validArticle(), {slugOwners: owners}))).toEqual([
      `error slug-unique ${ARTICLE} slug`,
    ])
    expect(
      summarise(await runEngine(await validArticle(), {slugOwners: new Map([['drinking-water', [ARTICLE]]])})),
    ).toEqual([])
  })

  it('takes the language as a BCP 47 tag (language-tag)', async () => {
    expect(await findingsAfter((article) => (article.language = 'English'))).toEqual([
      `error language-tag ${ARTICLE} language`,
    ])
    expect(await findingsAfter((article) => (article.language = 'en-GB'))).toEqual([])
  })

  it('warns about a summary over 160 characters and rejects one over 300 (summary-length)', async () => {
    expect(await findingsAfter((article) => (article.summary = 'Water. '.repeat(25)))).toEqual([
      `warning summary-length ${ARTICLE} summary`,
    ])
    expect(await findingsAfter((article) => (article.summary = 'Water. '.repeat(45)))).toEqual([
      `error summary-length ${ARTICLE} summary`,
    ])
  })

  it('needs real calendar dates (date-format) in order (date-order)', async () => {
    expect(await findingsAfter((article) => (article.publishedAt = '2026-02-30'))).toEqual([
      `error date-format ${ARTICLE} publishedAt`,
    ])
    expect(await findingsAfter((article) => (article.lastEditedAt = '2026-02-01'))).toEqual([
      `error date-order ${ARTICLE} lastEditedAt`,
    ])
    expect(await findingsAfter((article) => (citationOf(article).accessed = '2026-1-5'))).toEqual([
      `error date-format ${CITATION} accessed`,
    ])
  })

  it('lets only writers be authors (author-role)', async () => {
    expect(await findingsAfter((article) => (article.authors![0]!.roles = ['medicalReviewer']))).toEqual([
      `error author-role ${ARTICLE} authors[0]`,
    ])
  })

  it('needs a medical reviewer with credentials for every review (reviewer-qualified)', async () => {
    expect(await findingsAfter((article) => (firstReview(article).reviewer!.credentials = null))).toEqual([
      `error reviewer-qualified ${REVIEW} reviewer`,
    ])
    expect(await findingsAfter((article) => (firstReview(article).reviewer!.roles = ['writer']))).toEqual([
      `error reviewer-qualified ${REVIEW} reviewer`,
    ])
  })

  it('never skips a heading level (heading-order)', async () => {
    expect(await findingsAfter((article) => (blockOf(article, 'h-signs').style = 'h4'))).toEqual([
      `error heading-order ${ARTICLE} body[_key=="h-signs"].style`,
    ])
  })

  it('rejects unsafe link URLs (link-url)', async () => {
    const findings = await findingsAfter(
      (article) => (blockOf(article, 'tips-p1').markDefs![0]!.href = 'javascript:alert(1)'),
    )
    expect(findings).toEqual([`error link-url ${ARTICLE} body[_key=="tips-p1"].markDefs[_key=="lnk1"].href`])
  })

  it('resolves every citation marker to a citation (citation-exists)', async () => {
    const findings = await findingsAfter((article) => {
      const marker = blockOf(article, 'intro').children!.find((child) => child._key === 'intro-m1')
      if (marker?._type === 'citationMarker') marker.citation = {_type: 'reference', _ref: 'citation.missing'}
    })
    expect(findings).toEqual([
      `error citation-exists ${ARTICLE} body[_key=="intro"].children[_key=="intro-m1"].citation`,
    ])
  })

  it('takes a source’s URL only as a complete http(s) address (citation-url)', async () => {
    const withUrl = (value: string) => findingsAfter((article) => (citationOf(article).url = value))
    expect(await withUrl('https:/\u00a0example.org')).toEqual([`error citation-url ${CITATION} url`])
    expect(await withUrl('ftp://example.org/paper.pdf')).toEqual([`error citation-url ${CITATION} url`])
    expect(await withUrl('https://example.org/paper')).toEqual([])
  })

  it('checks DOI, PMID, PMCID and issued-date syntax', async () => {
    expect(
      await findingsAfter((article) => {
        const citation = citationOf(article)
        citation.doi = 'https://doi.org/10.1111/j.1753-4887.2010.00304.x'
        citation.pmid = 'PMID 20646222'
        citation.pmcid = '2908954'
        citation.issued = '2010-13'
      }),
    ).toEqual([
      `error doi-format ${CITATION} doi`,
      `error pmid-format ${CITATION} pmid`,
      `error pmcid-format ${CITATION} pmcid`,
      `error issued-format ${CITATION} issued`,
    ])
  })

  it('takes a journal abbreviation as the NLM writes it, without full stops (journal-abbreviation)', async () => {
    const abbreviated = (value: string) => findingsAfter((article) => (citationOf(article).containerTitleShort = value))
    const finding = `error journal-abbreviation ${CITATION} containerTitleShort`
    expect(await abbreviated('J. Pediatr. Health Care')).toEqual([finding])
    expect(await abbreviated('J Pediatr Health Care')).toEqual([])
  })
})

describe('figures, run by the pipeline (the same rules Studio runs; see schema-figures.test.ts)', () => {
  const described = {
    _type: 'figure',
    _key: 'fig',
    asset: {_type: 'reference', _ref: 'image-2c26b46b68ffc68ff99b453c1d30413413422d70-640x480-png'},
    alt: 'A glass of water beside a jug.',
    caption: 'Water is the best drink for most people.',
    credit: 'Diagram: Northfield Health Library',
    publisherOwned: true,
  }
  const withFigure = (figure: Record<string, unknown>) => (article: SourceArticle) => {
    article.body = [...(article.body ?? []), figure as never]
  }

  it('passes a described, credited figure in the body and as the lead image', async () => {
    expect(
      await findingsAfter((article) => {
        withFigure(described)(article)
        article.leadImage = {...described, _key: undefined} as never
      }),
    ).toEqual([])
  })

  it('blocks on a figure without an image or alternative text, or not owned and without credit and licence', async () => {
    const result = await runEngine(
      await editedArticle(withFigure({_type: 'figure', _key: 'fig', publisherOwned: false})),
    )
    expect(summarise(result)).toEqual([
      `error figure-asset-missing ${ARTICLE} body[_key=="fig"].asset`,
      `error figure-alt-missing ${ARTICLE} body[_key=="fig"].alt`,
      `error figure-credit-missing ${ARTICLE} body[_key=="fig"].credit`,
      `error figure-licence-missing ${ARTICLE} body[_key=="fig"].licence`,
    ])
    expect(result.blocked).toBe(true)
  })

  it('blocks on alternative text on a decorative lead image', async () => {
    expect(await findingsAfter((article) => (article.leadImage = {...described, decorative: true} as never))).toEqual([
      `error figure-decorative-alt ${ARTICLE} leadImage.alt`,
    ])
  })

  it('warns on long alternative text, a redundant “image of”, and a caption that repeats it', async () => {
    expect(await findingsAfter(withFigure({...described, alt: `Water${'.'.repeat(250)}`}))).toEqual([
      `warning figure-alt-length ${ARTICLE} body[_key=="fig"].alt`,
    ])
    expect(await findingsAfter(withFigure({...described, alt: 'Picture of a jug'}))).toEqual([
      `warning figure-alt-prefix ${ARTICLE} body[_key=="fig"].alt`,
    ])
    expect(await findingsAfter(withFigure({...described, caption: described.alt.toUpperCase()}))).toEqual([
      `warning figure-caption-repeats-alt ${ARTICLE} body[_key=="fig"].caption`,
    ])
  })
})

describe('trust metadata', () => {
  it('needs at least one author, and every author reference resolved (author-required)', async () => {
    expect(await findingsAfter((article) => (article.authors = []))).toEqual([
      `error author-required ${ARTICLE} authors`,
    ])
    expect(await findingsAfter((article) => (article.authors = [null as never]))).toEqual([
      `error author-required ${ARTICLE} authors[0]`,
      `error author-required ${ARTICLE} authors`,
    ])
  })

  it('needs a published date, and no date after the as-of date (publication-dates)', async () => {
    expect(await findingsAfter((article) => (article.publishedAt = null))).toEqual([
      `error publication-dates ${ARTICLE} publishedAt`,
    ])
    expect(
      await findingsAfter((article) => {
        article.publishedAt = '2026-12-01'
        article.lastEditedAt = null
        firstReview(article).reviewedOn = '2026-11-20'
      }),
    ).toEqual([`error publication-dates ${ARTICLE} publishedAt`])
    expect(await findingsAfter((article) => (article.lastEditedAt = '2026-11-27'))).toEqual([
      `error publication-dates ${ARTICLE} lastEditedAt`,
    ])
  })

  it('needs a reviewer on every review (reviewer-present)', async () => {
    expect(await findingsAfter((article) => (firstReview(article).reviewer = null))).toEqual([
      `error reviewer-present ${REVIEW} reviewer`,
    ])
  })

  it('reports a bracketed number typed as text that looks like a marker (citation-marker-orphan)', async () => {
    type Span = {_type: string; _key: string; text?: string}
    const where = (article: SourceArticle) => {
      const hasSpan = (candidate: {children?: Span[]}) => candidate.children?.some((child) => child._type === 'span')
      const isTextBlock = (candidate: {_type: string}) =>
        candidate._type === 'block' && hasSpan(candidate as {children?: Span[]})
      const block = article.body!.find(isTextBlock)!
      const span = (block as {children: Span[]}).children.find((child) => child._type === 'span')!
      return {block: block._key, span: span._key, set: (text: string) => (span.text = text)}
    }
    const article = await validArticle()
    const {block, span} = where(article)
    const path = `body[_key=="${block}"].children[_key=="${span}"]`
    for (const text of ['Water helps [1].', 'As shown [2, 3].', 'Trials [4–6] agree.', 'Twice [2][9].']) {
      const findings = await findingsAfter((edited) => where(edited).set(text))
      const expected = `error citation-marker-orphan ${ARTICLE} ${path}`
      expect(
        findings.every((finding) => finding === expected),
        text,
      ).toBe(true)
      expect(findings.length, text).toBeGreaterThan(0)
    }
    expect(await findingsAfter((edited) => where(edited).set('In 2020 [sic] and [a] are fine.'))).toEqual([])
  })

  it('rejects a Studio sign-off whose signer is not a user linked to the reviewer (review-signer)', async () => {
    const signer = `error review-signer ${REVIEW} signedBy.userId`
    expect(await findingsAfter((article) => (firstReview(article).signerId = 'user-someone-else'))).toEqual([signer])
    expect(await findingsAfter((article) => (firstReview(article).signerId = null))).toEqual([signer])
    expect(await findingsAfter((article) => (firstReview(article).reviewer!.sanityUserIds = null))).toEqual([signer])
  })

  it('accepts imported records, and warns about an approval with no provenance (review-unsigned)', async () => {
    const imported = {provenance: 'imported' as const, signerId: null}
    expect(await findingsAfter((article) => Object.assign(firstReview(article), imported))).toEqual([])
    const unsigned = await findingsAfter((article) => (firstReview(article).provenance = null))
    expect(unsigned).toEqual([`warning review-unsigned ${REVIEW} provenance`])
  })

  it('rejects an approval dated long before publication, and sets aside reviews after the as-of date (review-timing)', async () => {
    // 2025-06-01 is 273 days before publication on 2026-03-01; as of 2026-05-01 that review is still current.
    expect(
      await findingsAfter((article) => (firstReview(article).reviewedOn = '2025-06-01'), {asOf: '2026-05-01'}),
    ).toEqual([`error review-timing ${REVIEW} reviewedOn`])
    expect(
      await findingsAfter((article) => (firstReview(article).reviewedOn = '2025-10-01'), {asOf: '2026-05-01'}),
    ).toEqual([])
    const later = await findingsAfter((article) =>
      article.reviews.push({...firstReview(article), _id: 'review.later', reviewedOn: '2026-12-10'}),
    )
    expect(later).toEqual(['warning review-timing review.later reviewedOn'])
  })
})

describe('review currency', () => {
  it('blocks an article no medical reviewer approved (review-unreviewed)', async () => {
    const result = await runEngine(await editedArticle((article) => (article.reviews = [])))
    expect(summarise(result)).toEqual([`error review-unreviewed ${ARTICLE}`])
    expect(result.blocked).toBe(true)
    const requested = await editedArticle((article) => (firstReview(article).outcome = 'changesRequested'))
    const [finding] = (await runEngine(requested)).findings
    expect(finding?.reason).toMatch(/requested changes/)
  })

  it('warns when the review is overdue (review-overdue)', async () => {
    const result = await runEngine(await validArticle(), {asOf: '2027-04-21'})
    expect(summarise(result)).toEqual([`warning review-overdue ${ARTICLE}`])
    expect(result.findings[0]?.reason).toContain('due again on 2027-04-20')
    expect(result.blocked).toBe(false)
  })

  it('warns when the content changed after the review (review-edited-since-review)', async () => {
    const edited = await editedArticle(
      (article) => setSpanText(article, 'how-p1', 'how-p1-s1', 'Most adults need about eight cups of fluid a day.'),
      {resign: false},
    )
    expect(summarise(await runEngine(edited))).toEqual([`warning review-edited-since-review ${ARTICLE}`])
    // Topics are not reviewable content: changing them keeps the sign-off valid.
    expect(await findingsAfter((article) => (article.topics = ['water', 'drinks']), {resign: false})).toEqual([])
  })

  it('reminds when the next review is due within the window (review-due-soon)', async () => {
    expect(summarise(await runEngine(await validArticle(), {asOf: '2027-04-01'}))).toEqual([
      `info review-due-soon ${ARTICLE}`,
    ])
  })

  it('warns when a reviewer requested changes after the approval (review-changes-requested)', async () => {
    const findings = await findingsAfter((article) =>
      article.reviews.push({
        ...firstReview(article),
        _id: 'review.second',
        reviewedOn: '2026-06-01',
        outcome: 'changesRequested',
      }),
    )
    expect(findings).toEqual([`warning review-changes-requested ${ARTICLE}`])
  })

  it('takes the severity per status from the caller (--severity)', async () => {
    const article = await validArticle()
    const overdue = await runEngine(article, {asOf: '2027-04-21', severity: {overdue: 'error'}})
    expect(summarise(overdue)).toEqual([`error review-overdue ${ARTICLE}`])
    expect(overdue.blocked).toBe(true)
    expect(summarise(await runEngine(article, {asOf: '2027-04-01', severity: {'due-soon': 'off'}}))).toEqual([])
  })

  it('takes the severity per status from the settings, under the caller’s', async () => {
    const article = await validArticle()
    const settings = {
      publisherName: 'Example Health',
      publisherUrl: null,
      siteUrl: null,
      editorialPolicyUrl: null,
      reviewIntervalMonths: 12,
      dueSoonDays: 30,
      reviewSeverity: {overdue: 'error', dueSoon: 'warning'},
      publicationPolicy: null,
      editorialNotice: null,
      disclaimer: null,
      citationStyle: null,
    } as const
    expect(summarise(await runEngine(article, {asOf: '2027-04-21', settings}))).toEqual([
      `error review-overdue ${ARTICLE}`,
    ])
    expect(summarise(await runEngine(article, {asOf: '2027-04-01', settings}))).toEqual([
      `warning review-due-soon ${ARTICLE}`,
    ])
    expect(summarise(await runEngine(article, {asOf: '2027-04-21', settings, severity: {overdue: 'info'}}))).toEqual([
      `info review-overdue ${ARTICLE}`,
    ])
  })

  it('blocks on warnings in strict mode', async () => {
    const article = await validArticle()
    expect((await runEngine(article, {asOf: '2027-04-21'})).blocked).toBe(false)
    expect((await runEngine(article, {asOf: '2027-04-21', strict: true})).blocked).toBe(true)
    // Infos never block.
    expect((await runEngine(article, {asOf: '2027-04-01', strict: true})).blocked).toBe(false)
  })
})

describe('sources', () => {
  it('needs a title, an author or organisation, and a year (citation-complete)', async () => {
    expect(
      await findingsAfter((article) => {
        const citation = citationOf(article)
        citation.title = null
        citation.authors = []
        citation.issued = null
      }),
    ).toEqual([
      `error citation-complete ${CITATION} title`,
      `error citation-complete ${CITATION} authors`,
      `error citation-complete ${CITATION} issued`,
    ])
    expect(
      await findingsAfter((article) => {
        const citation = citationOf(article)
        citation.authors = null
        citation.organization = 'World Health Organization'
      }),
    ).toEqual([])
  })

  it('only warns about an undated web page, which APA cites as “n.d.”', async () => {
    const findings = await findingsAfter((article) => {
      Object.assign(citationOf(article), {
        cslType: 'webpage',
        issued: null,
        url: 'https://www.who.int/water',
        accessed: '2026-02-01',
      })
    })
    expect(findings).toEqual([`warning citation-complete ${CITATION} issued`])
  })

  it('warns about a source with no DOI, PMID, PMCID or URL (citation-locator)', async () => {
    expect(
      await findingsAfter((article) => Object.assign(citationOf(article), {doi: null, pmid: null, pmcid: ''})),
    ).toEqual([`warning citation-locator ${CITATION}`])
    expect(
      await findingsAfter((article) =>
        Object.assign(citationOf(article), {doi: null, pmid: null, pmcid: null, url: 'https://example.org/water'}),
      ),
    ).toEqual([])
  })

  it('needs an accessed date for web pages, not after the as-of date (citation-accessed)', async () => {
    const webpage = {cslType: 'webpage', url: 'https://www.who.int/water', issued: '2024'}
    expect(await findingsAfter((article) => Object.assign(citationOf(article), webpage))).toEqual([
      `warning citation-accessed ${CITATION} accessed`,
    ])
    expect(
      await findingsAfter((article) => Object.assign(citationOf(article), webpage, {accessed: '2026-12-24'})),
    ).toEqual([`warning citation-accessed ${CITATION} accessed`])
    expect(
      await findingsAfter((article) => Object.assign(citationOf(article), webpage, {accessed: '2026-02-01'})),
    ).toEqual([])
  })
})

describe('structure and language', () => {
  it('rejects empty headings and warns about empty paragraphs and list items (empty-block)', async () => {
    expect(
      await findingsAfter((article) => {
        setSpanText(article, 'h-tips', 'h-tips-s1', '')
        setSpanText(article, 'signs-2', 'signs-2-s1', ' ')
        article.body!.push({_type: 'block', _key: 'blank', style: 'normal', markDefs: [], children: []})
      }),
    ).toEqual([
      `warning empty-block ${ARTICLE} body[_key=="signs-2"]`,
      `error empty-block ${ARTICLE} body[_key=="h-tips"]`,
      `warning empty-block ${ARTICLE} body[_key=="blank"]`,
    ])
  })

  it('warns about link text that does not say where it goes (link-text)', async () => {
    const path = `${ARTICLE} body[_key=="tips-p1"].children[_key=="tips-p1-s2"]`
    expect(await findingsAfter((article) => setSpanText(article, 'tips-p1', 'tips-p1-s2', 'click here'))).toEqual([
      `warning link-text ${path}`,
    ])
    expect(await findingsAfter((article) => setSpanText(article, 'tips-p1', 'tips-p1-s2', 'Read more.'))).toEqual([
      `warning link-text ${path}`,
    ])
    expect(
      await findingsAfter((article) =>
        setSpanText(article, 'tips-p1', 'tips-p1-s2', 'https://health.example.org/healthy-drinks'),
      ),
    ).toEqual([`warning link-text ${path}`])
  })

  it('warns about a missing space after a full stop, in the body and the summary (missing-space)', async () => {
    expect(
      await findingsAfter((article) => {
        setSpanText(article, 'tips-p1', 'tips-p1-s1', 'Keep water near you.Drink a glass with each meal. Read the ')
        article.summary = 'How much water adults need.Also the signs that you need more.'
      }),
    ).toEqual([
      `warning missing-space ${ARTICLE} summary`,
      `warning missing-space ${ARTICLE} body[_key=="tips-p1"].children[_key=="tips-p1-s1"]`,
    ])
  })

  it('leaves abbreviations, decimals, names and addresses alone', async () => {
    const text =
      'Drink water, e.g.Tap water or milk. The U.S.Army advice is 2.5 litres; see www.example.org/Water.Guide or Node.js docs. '
    expect(await findingsAfter((article) => setSpanText(article, 'tips-p1', 'tips-p1-s1', text))).toEqual([])
  })

  it('warns about a word written twice (doubled-word), but not “had had”', async () => {
    expect(
      await findingsAfter((article) =>
        setSpanText(
          article,
          'how-p1',
          'how-p1-s1',
          'Most healthy adults need about six to eight cups of of fluid a day.',
        ),
      ),
    ).toEqual([`warning doubled-word ${ARTICLE} body[_key=="how-p1"].children[_key=="how-p1-s1"]`])
    expect(
      await findingsAfter((article) =>
        setSpanText(article, 'how-p1', 'how-p1-s1', 'If you had had a fever, you needed more.'),
      ),
    ).toEqual([])
  })

  it('warns when the body reads above grade 8 for the general public, naming the hardest sentences (reading-grade)', async () => {
    const dense =
      'Physiological regulation of extracellular osmolality necessitates continuous compensatory ingestion of fluids, particularly during intensive physical exertion, febrile illness or considerable gastrointestinal disturbance.'
    const edit = (article: SourceArticle) =>
      setSpanText(article, 'how-p1', 'how-p1-s1', `${dense} ${dense.replace('Physiological', 'Homeostatic')}`)
    const result = await runEngine(await editedArticle(edit))
    expect(summarise(result)).toEqual([`warning reading-grade ${ARTICLE} body[_key=="how-p1"]`])
    expect(result.findings[0] && diagnosticText(result.findings[0])).toMatch(
      /reads at grade \d+(\.\d)? .*target for this audience \(general-public\) is 8.*Hardest sentences: “Physiological regulation/,
    )
    expect(
      await findingsAfter((article) => {
        edit(article)
        article.audience = 'professionals'
      }),
    ).toEqual([])
  })
})

describe('vfile messages', () => {
  it('carry the ruleId, the source, the severity as vfile’s fatal flag and the document path', async () => {
    const article = await editedArticle((article) => {
      article.authors = []
      setSpanText(article, 'tips-p1', 'tips-p1-s2', 'here')
    })
    const {messages} = await runEngine(article, {asOf: '2027-04-01'})
    expect(messages.map((message) => [message.ruleId, message.source, message.fatal, message.file])).toEqual([
      ['author-required', 'vetted:editorial', true, 'drinking-water'],
      ['review-due-soon', 'vetted:editorial', undefined, 'drinking-water'],
      ['link-text', 'vetted:editorial', false, 'drinking-water'],
    ])
    expect(messages[2]?.reason).toMatch(/^The link text “here”/)
    // What to do is the message's note (vfile-reporter prints it under the row); the place is the document and path.
    expect(messages[2]?.note).toMatch(/^Use words that name the destination/)
    expect(messages[2]).toMatchObject({
      documentId: ARTICLE,
      path: ['body', {_key: 'tips-p1'}, 'children', {_key: 'tips-p1-s2'}],
    })
  })
})
