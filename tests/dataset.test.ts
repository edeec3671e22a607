import {readFile} from 'node:fs/promises'
import {evaluate, parse} from 'groq-js'
import {beforeAll, describe, expect, it} from 'vitest'
import {articleQuery, settingsQuery} from '../pipeline/source/queries.ts'
import {contentHash, reviewState, type ReviewStatus} from '../schemas/rules/index.ts'
import {buildDataset, DATASET_FILE, toNdjson} from '../studio/dataset/dataset.ts'

/**
 * The embedded dataset is the project's fixture of record: the reference article, six more articles in every
 * review status, drafts that must never leak. These tests pin its shape and the statuses it was designed for.
 */

const AS_OF = '2026-11-26'
const REFERENCE = 'article.infant-mental-health'

/** The designed review status of every published article as of AS_OF. */
const DESIGNED_STATUS: Record<string, ReviewStatus> = {
  'article.infant-mental-health': 'overdue',
}

type Doc = Record<string, unknown> & {_id: string; _type: string}

let text = ''
let documents: Doc[] = []
const byId = new Map<string, Doc>()

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
const isDraft = (id: string) => id.startsWith('drafts.') || id.startsWith('versions.')
const published = () => documents.filter((document) => !isDraft(document._id))
const ofType = (type: string) => published().filter((document) => document._type === type)

async function query(groq: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return (await evaluate(parse(groq, {params}), {dataset: documents, params})).get()
}

async function statusOf(id: string) {
  const article = await query(articleQuery, {id})
  if (!isRecord(article) || !Array.isArray(article.citations) || !Array.isArray(article.reviews)) throw new Error(`no article ${id}`)
  const citations = article.citations.filter(isRecord)
  const hash = await contentHash(article, (citationId) => citations.find((citation) => citation._id === citationId))
  const settings = (await query(settingsQuery)) as {reviewIntervalMonths: number; dueSoonDays: number}
  return reviewState({contentHash: hash, reviews: article.reviews as Array<{_id: string}>, policy: settings, asOf: AS_OF})
}

/** Every value in a document with the path that leads to it. */
function* walk(value: unknown, path: string): Generator<[unknown, string]> {
  yield [value, path]
  if (Array.isArray(value)) for (const [index, item] of value.entries()) yield* walk(item, `${path}[${index}]`)
  else if (isRecord(value)) for (const [key, item] of Object.entries(value)) yield* walk(item, `${path}.${key}`)
}

interface Block {
  _type: string
  style?: string
  listItem?: string
  children?: Array<{_type: string; text?: string; marks?: string[]; citation?: {_ref: string}}>
}

/** A block as the reference page printed it: text with `[n]` where markers stand, numbered by first appearance. */
function printed(block: Block, order: string[]): string {
  return (block.children ?? [])
    .map((child) => {
      if (child._type === 'span') return child.text ?? ''
      const ref = child.citation?._ref ?? ''
      if (!order.includes(ref)) order.push(ref)
      return `[${order.indexOf(ref) + 1}]`
    })
    .join('')
}

beforeAll(async () => {
  text = await readFile(DATASET_FILE, 'utf8')
  documents = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Doc)
  for (const document of documents) byId.set(document._id, document)
})

describe('the embedded dataset file', () => {
  it('is NDJSON: one JSON object per line, ending with a newline', () => {
    expect(text.endsWith('\n')).toBe(true)
    const lines = text.slice(0, -1).split('\n')
    for (const [index, line] of lines.entries()) {
      expect(() => JSON.parse(line), `line ${index + 1}`).not.toThrow()
      expect(isRecord(JSON.parse(line)), `line ${index + 1}`).toBe(true)
    }
  })

  it('is exactly what studio/dataset/build.ts generates (edit the sources, then npm run dataset:build)', async () => {
    expect(text).toBe(toNdjson(await buildDataset()))
  })

  it('gives every document an importable _id, a _type and the system fields, with unique ids', () => {
    for (const document of documents) {
      expect(document._id).toMatch(/^[a-z0-9_.-]+$/i)
      expect(typeof document._type).toBe('string')
      expect(document._createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(document._updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
      expect(String(document._updatedAt) >= String(document._createdAt), document._id).toBe(true)
      expect(document._rev).toMatch(/^[A-Za-z0-9]{22}$/)
    }
    expect(new Set(documents.map((document) => document._id)).size).toBe(documents.length)
  })

  it('gives every object in an array a _key, unique within its array', () => {
    for (const document of documents) {
      for (const [value, path] of walk(document, document._id)) {
        if (!Array.isArray(value)) continue
        const objects = value.filter(isRecord)
        for (const [index, item] of objects.entries()) expect(typeof item._key, `${path}[${index}]`).toBe('string')
        expect(new Set(objects.map((item) => item._key)).size, path).toBe(objects.length)
      }
    }
  })

  it('resolves every reference, and published documents only reference published ones', () => {
    let count = 0
    for (const document of documents) {
      for (const [value, path] of walk(document, document._id)) {
        if (!isRecord(value) || !('_ref' in value)) continue
        count++
        expect(value._type, path).toBe('reference')
        const target = byId.get(String(value._ref))
        expect(target, `${path} → ${String(value._ref)}`).toBeDefined()
        expect(isDraft(String(value._ref)), path).toBe(false)
      }
    }
    expect(count).toBeGreaterThan(20)
  })
})

describe('review statuses as of 2026-11-26', () => {
  it('are exactly the designed ones', async () => {
    const statuses: Record<string, ReviewStatus> = {}
    for (const article of ofType('article')) statuses[article._id] = (await statusOf(article._id)).status
    expect(statuses).toEqual(DESIGNED_STATUS)
  })

  it('reports the reference article overdue, last reviewed 2023-07-11, covering the text as it stands', async () => {
    const state = await statusOf(REFERENCE)
    expect(state).toMatchObject({status: 'overdue', lastReviewed: '2023-07-11', nextReviewDue: '2024-07-11', edited: false})
    expect(state.approvedReview).toMatchObject({_id: 'review.infant-mental-health.2023-07-11'})
  })

  it('gives every published article an approved review by a credentialed medical reviewer', async () => {
    for (const article of ofType('article')) {
      const state = await statusOf(article._id)
      const review = byId.get(String(state.approvedReview?._id))
      const reviewer = byId.get(String((review?.reviewer as {_ref?: string} | undefined)?._ref))
      expect(reviewer?.roles, article._id).toContain('medicalReviewer')
      expect(reviewer?.credentials, article._id).toEqual(expect.any(String))
    }
  })

  it('keeps an internal note with the canary on every review', () => {
    const reviews = ofType('review')
    expect(reviews.length).toBeGreaterThan(0)
    for (const review of reviews) expect(review.notes, review._id).toContain('INTERNAL-REVIEW-NOTE')
  })
})

describe('the reference article', () => {
  const reference = () => byId.get(REFERENCE) as Doc & {body: Block[]; authors: Array<{_ref: string}>}

  it('carries the page’s metadata, people and dates', () => {
    expect(reference()).toMatchObject({
      title: 'The importance of infant mental health',
      slug: {current: 'infant-mental-health'},
      language: 'en',
      audience: 'caregivers',
      publishedAt: '2023-07-11',
      lastEditedAt: '2023-09-22',
    })
    expect(String(reference().summary).length).toBeLessThanOrEqual(160)
    expect(reference().authors.map((author) => author._ref)).toEqual(['person.sean-jackson'])
    expect(byId.get('person.sean-jackson')).toMatchObject({name: 'Sean Jackson', roles: ['writer']})
    expect(byId.get('person.morgan-blair')).toMatchObject({name: 'Morgan Blair', roles: ['medicalReviewer'], credentials: 'MA, LPCC'})
    expect(byId.get('review.infant-mental-health.2023-07-11')).toMatchObject({
      article: {_ref: REFERENCE},
      reviewer: {_ref: 'person.morgan-blair'},
      outcome: 'approved',
    })
  })

  it('numbers its markers in body order exactly as the page does', () => {
    const order: string[] = []
    const numbers = reference().body.flatMap((block) => [...printed(block, order).matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])))
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 6, 6, 2, 3, 6, 6, 7, 8, 8, 2, 9, 10, 6])
    expect(order.map((id) => (byId.get(id) as {title?: string}).title)).toEqual([
      'Infants (0-1 years of age)',
      'Infant mental health guide for parents and healthcare providers',
      'Demystifying infant mental health: What the primary care provider needs to know',
      'What is infant mental health and why does it matter so much during COVID-19?',
      'The mirror neuron system as revealed through neonatal imitation: Presence from birth, predictive power and evidence of plasticity',
      'The importance of infant mental health',
      'Impact of attachment, temperament and parenting on human development',
      'Temperament – What is it?',
      'Mental health – infants and young children',
      'Your child’s mental health',
    ])
  })

  it('reproduces every heading, paragraph and list item of the page, markers in place, extraction damage repaired', async () => {
    const page = await readFile('studio/dataset/reference/infant-mental-health.txt', 'utf8')
    // Non-breaking spaces are the web page's, not the article's: compare them as spaces.
    const lines = page.split('\n').map((line) => line.replaceAll('\u00a0', ' ').trim())
    const start = lines.findIndex((line) => line.startsWith('Author:')) + 1
    const end = lines.findIndex((line) => line.startsWith('1. '))
    const repairs: Array<[string, string]> = [
      ['disorderis', 'disorder is'],
      ['disorder(', 'disorder ('],
      ['butdo', 'but do'],
      ['them.Also', 'them. Also'],
      ['life [6]', 'life[6]'],
    ]
    const expected = lines
      .slice(start, end)
      .filter((line) => line !== '')
      .map((line) => repairs.reduce((out, [from, to]) => out.replaceAll(from, to), line.replace(/^• /, '')))
    const order: string[] = []
    const actual = reference().body.map((block) => printed(block, order))
    expect(actual).toEqual(expected)
    expect(reference().body.filter((block) => block.style === 'h2')).toHaveLength(5)
    expect(reference().body.filter((block) => block.listItem === 'bullet')).toHaveLength(19)
  })

  it('sets the four disorder names in bold at the start of their list items', () => {
    const bold = reference()
      .body.filter((block) => block.listItem === 'bullet')
      .map((block) => block.children?.[0])
      .filter((child) => child?.marks?.includes('strong'))
      .map((child) => child?.text)
    expect(bold).toEqual(['Autism spectrum disorder', 'Attention deficit hyperactivity disorder', 'Oppositional defiant disorder', 'Conduct disorder'])
  })

  it('structures all ten references as the list gives them, inventing no identifiers', async () => {
    const article = (await query(articleQuery, {id: REFERENCE})) as {citations: Array<Record<string, unknown>>}
    expect(article.citations).toHaveLength(10)
    for (const citation of article.citations) {
      expect(citation).toMatchObject({accessed: '2023-05-19', doi: null, pmid: null, pmcid: null, url: null})
      expect(Boolean(citation.organization) !== Boolean(citation.authors), String(citation._id)).toBe(true)
    }
    expect(byId.get('citation.clinton-2016')).toMatchObject({
      cslType: 'article-journal',
      authors: [
        {family: 'Clinton', given: 'J.'},
        {family: 'Feller', given: 'A. F.'},
        {family: 'Williams', given: 'R. C.'},
      ],
      containerTitle: 'Paediatrics & Child Health',
      issued: '2016',
      volume: '21',
      issue: '5',
      pages: '239-241',
    })
    expect(byId.get('citation.cdc-2021')).toMatchObject({organization: 'Centers for Disease Control and Prevention', issued: '2021-11-29'})
    expect(byId.get('citation.cps-2017')).toMatchObject({issued: '2017-05'})
    expect(byId.get('citation.penn-state-temperament')?.issued).toBeUndefined()
    expect(byId.get('citation.pha-2020')?.rawText).toContain('COVID-19? Retrieved')
  })
})

describe('settings', () => {
  it('is the singleton with the review policy the statuses were designed for', () => {
    expect(byId.get('settings')).toMatchObject({_type: 'settings', reviewIntervalMonths: 12, dueSoonDays: 30, citationStyle: 'apa'})
    expect(String(byId.get('settings')?.editorialNotice)).toMatch(/^Our Medical Affairs Team is /)
  })
})
