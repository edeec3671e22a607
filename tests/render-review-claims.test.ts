import {readFileSync} from 'node:fs'
import path from 'node:path'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {visit} from 'unist-util-visit'
import {beforeAll, describe, expect, it} from 'vitest'
import {parse as parseYaml} from 'yaml'
import type {RenderedArticle} from '../pipeline/render/index.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {contentHash} from '../domain/content-hash.ts'
import type {ReviewStatus} from '../domain/review-status.ts'
import {RENDER_FIXTURES, renderForTest, TEST_SETTINGS, validateArticleJson} from './render-support.ts'

/**
 * For each review status, what every format says about the medical review (as of 2026-11-26, 12-month interval).
 * A claim ("Medically reviewed by", JSON-LD reviewedBy/lastReviewed, article.json reviewers and lastReviewed,
 * Markdown reviewers) only when an approved sign-off covers the text; otherwise a notice says what is true.
 */

const base = JSON.parse(
  readFileSync(path.join(RENDER_FIXTURES, 'every-node-type/article.json'), 'utf8'),
) as SourceArticle
const reviewer = base.reviews[0]!.reviewer
const CLAIM = 'Medically reviewed by Rita Reviewer, MD, FAAP'

type Review = SourceArticle['reviews'][number]
const review = (id: string, reviewedOn: string, outcome: string, hash: string): Review =>
  ({_id: id, reviewedOn, outcome, contentHash: hash, provenance: 'studio', signerId: 'user-rita', reviewer}) as Review

interface Case {
  status: ReviewStatus
  reviews: (hash: string) => Review[]
  /** The claim's date as the page writes it, or null when no claim may be stated. */
  claimedOn: [iso: string, display: string] | null
  notice: string | null
}

const CASES: Case[] = [
  {
    status: 'current',
    reviews: (hash) => [review('r1', '2026-09-01', 'approved', hash)],
    claimedOn: ['2026-09-01', 'September 1, 2026'],
    notice: null,
  },
  {
    status: 'due-soon',
    reviews: (hash) => [review('r1', '2025-12-15', 'approved', hash)],
    claimedOn: ['2025-12-15', 'December 15, 2025'],
    notice: null,
  },
  {
    status: 'overdue',
    reviews: (hash) => [review('r1', '2025-08-20', 'approved', hash)],
    claimedOn: ['2025-08-20', 'August 20, 2025'],
    notice:
      'This article’s medical review is overdue: it was last medically reviewed on August 20, 2025, ' +
      'and the next review was due on August 20, 2026.',
  },
  {
    status: 'edited-since-review',
    reviews: () => [review('r1', '2026-09-01', 'approved', 'e'.repeat(64))],
    claimedOn: null,
    notice:
      'Last medically reviewed on September 1, 2026; this text has changed since and has not been medically reviewed.',
  },
  {
    status: 'changes-requested',
    reviews: (hash) => [
      review('r2', '2026-10-05', 'changesRequested', hash),
      review('r1', '2026-09-01', 'approved', hash),
    ],
    claimedOn: null,
    notice:
      'A medical reviewer asked for changes on October 5, 2026; this text is not medically approved as it stands.',
  },
  {
    status: 'unreviewed',
    reviews: () => [],
    claimedOn: null,
    notice: 'This article has not yet been medically reviewed.',
  },
]

function elements(tree: Root | Element, tagName: string): Element[] {
  const found: Element[] = []
  visit(tree, 'element', (node) => {
    if (node.tagName === tagName) found.push(node)
  })
  return found
}

const rendered = new Map<ReviewStatus, RenderedArticle>()

beforeAll(async () => {
  const hash = await contentHash(base, (id) => base.citations.find((citation) => citation._id === id))
  for (const entry of CASES) rendered.set(entry.status, await renderForTest({...base, reviews: entry.reviews(hash)}))
})

/** The notice ends with the policy link from the test settings' `editorialPolicyUrl`. */
const POLICY = TEST_SETTINGS.editorialPolicyUrl!

describe.each(CASES)('an article whose review is $status', ({status, claimedOn, notice}) => {
  const files = () => rendered.get(status)!.files
  const json = () =>
    JSON.parse(files()['article.json']) as {
      reviewers: Array<{name: string}>
      dates: {lastReviewed: string | null; nextReviewDue: string | null}
      review: {
        status: string
        claim: {current: boolean; statement: string | null; notice: string | null; provenance: string | null}
      }
    }

  it('states the claim on the page only when a sign-off covers the text, and the notice as a note', () => {
    const page = fromHtml(files()['index.html'])
    const header = elements(page, 'header')[0]!
    const text = toText(header)
    if (claimedOn) {
      expect(text).toContain(CLAIM)
      expect(text.replace(/\s+/g, ' ')).toContain(`Last reviewed ${claimedOn[1]}`)
    } else {
      expect(text).not.toContain('Medically reviewed by')
      expect(text).not.toContain('Last reviewed')
      expect(toText(page)).not.toContain('Medical reviewer')
    }
    const notes = elements(header, 'div').filter((node) =>
      (node.properties.className as string[] | undefined)?.includes('review-notice'),
    )
    if (notice) {
      expect(notes).toHaveLength(1)
      expect(notes[0]!.properties.role).toBe('note')
      expect(toText(notes[0]!)).toBe(`Review notice: ${notice} Read our editorial policy.`)
    } else {
      expect(notes).toEqual([])
    }
  })

  it('states reviewedBy and lastReviewed in the JSON-LD only when a sign-off covers the text', () => {
    const script = elements(fromHtml(files()['index.html']), 'script')[0]!
    const data = JSON.parse(toText(script)) as Record<string, unknown>
    if (claimedOn) {
      expect(data.reviewedBy).toMatchObject({'@type': 'Person', name: 'Rita Reviewer'})
      expect(data.lastReviewed).toBe(claimedOn[0])
    } else {
      expect(data).not.toHaveProperty('reviewedBy')
      expect(data).not.toHaveProperty('lastReviewed')
    }
  })

  it('puts the claim or the notice at the top of the fragment', () => {
    const fragment = files()['fragment.html']
    const claim = claimedOn ? `<p class="review-claim">${CLAIM} on ${claimedOn[1]}.</p>\n` : ''
    const note = notice
      ? `<p class="review-notice" role="note"><strong>Review notice:</strong> ${notice} <a href="${POLICY}">Read our editorial policy</a>.</p>\n`
      : ''
    expect(fragment.startsWith(`${claim}${note}<p>`)).toBe(true)
    if (!claimedOn) expect(fragment).not.toContain('Medically reviewed by')
  })

  it('says the same in article.json, with review.claim', () => {
    const data = json()
    expect(validateArticleJson(data)).toBe(true)
    expect(data.review.status).toBe(status)
    expect(data.review.claim).toMatchObject({
      current: claimedOn !== null,
      statement: claimedOn ? `${CLAIM} on ${claimedOn[1]}.` : null,
      notice,
      provenance: status === 'unreviewed' ? null : 'studio',
    })
    expect(data.reviewers.map((person) => person.name)).toEqual(claimedOn ? ['Rita Reviewer'] : [])
    expect(data.dates.lastReviewed).toBe(claimedOn ? claimedOn[0] : null)
  })

  it('says the same in article.txt', () => {
    // article.txt wraps its lines; what it says reads the same once they are joined.
    const text = `${files()['article.txt'].replace(/\s+/g, ' ')} `
    if (claimedOn) expect(text).toContain(`${CLAIM} `)
    else expect(text).not.toContain('Medically reviewed by')
    if (notice) expect(text).toContain(` Review notice: ${notice} Read our editorial policy <${POLICY}>. `)
    else expect(text).not.toContain('Review notice')
  })

  it('says the same in article.md, in the body and in the front matter', () => {
    const markdown = files()['article.md']
    const [, yaml = '', body = ''] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(markdown) ?? []
    const front = parseYaml(yaml) as {
      reviewers: Array<{name: string}>
      lastReviewed: string | null
      reviewStatus: string
      reviewNotice?: string
    }
    expect(front.reviewStatus).toBe(status)
    expect(front.reviewers.map((person) => person.name)).toEqual(claimedOn ? ['Rita Reviewer'] : [])
    expect(front.lastReviewed).toBe(claimedOn ? claimedOn[0] : null)
    expect(front.reviewNotice).toBe(notice ?? undefined)
    if (claimedOn) expect(body).toContain(CLAIM)
    else expect(body).not.toContain('Medically reviewed by')
    if (notice) expect(body).toContain(`\n**Review notice:** ${notice} [Read our editorial policy](${POLICY}).\n`)
    else expect(body).not.toContain('Review notice')
  })
})
