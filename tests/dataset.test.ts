import {createHash} from 'node:crypto'
import {readdirSync} from 'node:fs'
import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import sharp from 'sharp'
import {validateDocument} from '@sanity/validation'
import {evaluate, parse} from 'groq-js'
import {createSchema} from 'sanity'
import {beforeAll, describe, expect, it} from 'vitest'
import {articleQuery, settingsQuery} from '../pipeline/source/queries.ts'
import {schemaTypes} from '../schemas/index.ts'
import {createLocalGroqClient} from './helpers/groq-client.ts'
import {contentHash} from '../domain/content-hash.ts'
import {reviewState, type ReviewStatus} from '../domain/review-status.ts'
import {buildDataset, DATASET_FILE, toNdjson} from '../studio/dataset/dataset.ts'
import {drawImages, IMAGES_DIR} from '../studio/dataset/draw-images.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'

/**
 * The embedded dataset is the project's fixture of record: the reference article, six more articles in every
 * review status, drafts that must never leak. These tests pin its shape and the statuses it was designed for.
 */

const AS_OF = '2026-11-26'
const REFERENCE = 'article.infant-mental-health'

/** The designed review status of every published article as of AS_OF. */
const DESIGNED_STATUS: Record<string, ReviewStatus> = {
  'article.infant-mental-health': 'overdue',
  'article.hand-washing': 'current',
  'article.high-blood-pressure': 'due-soon',
  'article.physical-activity-adults': 'overdue',
  'article.sleep-adults': 'current',
  'article.taking-medicines-safely': 'changes-requested',
  'article.type-2-diabetes-prevention': 'edited-since-review',
}

type Doc = Record<string, unknown> & {_id: string; _type: string}

let text = ''
let documents: Doc[] = []
const byId = new Map<string, Doc>()

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isDraft = (id: string) => id.startsWith('drafts.') || id.startsWith('versions.')
const published = () => documents.filter((document) => !isDraft(document._id))
const ofType = (type: string) => published().filter((document) => document._type === type)

async function query(groq: string, params: Record<string, unknown> = {}): Promise<unknown> {
  return (await evaluate(parse(groq, {params}), {dataset: documents, params})).get()
}

async function statusOf(id: string) {
  const article = await query(articleQuery, {id})
  if (!isRecord(article) || !Array.isArray(article.citations) || !Array.isArray(article.reviews))
    throw new Error(`no article ${id}`)
  const citations = article.citations.filter(isRecord)
  const hash = await contentHash(article, (citationId) => citations.find((citation) => citation._id === citationId))
  const settings = (await query(settingsQuery)) as {reviewIntervalMonths: number; dueSoonDays: number}
  return reviewState({
    contentHash: hash,
    reviews: article.reviews as Array<{_id: string}>,
    policy: settings,
    asOf: AS_OF,
  })
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

  it('holds nothing `sanity dataset import` refuses or drops: no U+FFFD, no system documents', () => {
    expect(text).not.toContain('\uFFFD')
    expect(documents.filter((document) => document._id.startsWith('_.'))).toEqual([])
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
    expect(count).toBeGreaterThan(90)
  })
})

describe('Sanity’s own validation', () => {
  it('passes every document, drafts included, with no errors and only the justified warnings', async () => {
    const schema = createSchema({name: 'default', types: schemaTypes})
    const client = createLocalGroqClient(documents)
    const markers: Array<{id: string; level: string; path: string; message: string}> = []
    for (const document of documents) {
      const result = await validateDocument({
        document: document as Parameters<typeof validateDocument>[0]['document'],
        schema,
        client: client.asValidationClient(),
        getDocumentExists: client.getDocumentExists,
      })
      for (const marker of result.markers)
        markers.push({
          id: document._id,
          level: marker.level,
          path: JSON.stringify(marker.path),
          message: marker.message,
        })
    }
    expect(markers.filter((marker) => marker.level === 'error')).toEqual([])
    // The reference article is reproduced as published, so its reading grade stays above the caregivers' target.
    expect(markers.filter((marker) => marker.level !== 'error')).toEqual([
      {
        id: REFERENCE,
        level: 'warning',
        path: expect.stringMatching(/^\["body"/),
        message: expect.stringMatching(/reads at grade/),
      },
    ])
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
    expect(state).toMatchObject({
      status: 'overdue',
      lastReviewed: '2023-07-11',
      nextReviewDue: '2024-07-11',
      edited: false,
    })
    expect(state.approvedReview).toMatchObject({_id: 'review.infant-mental-health.2023-07-11'})
  })

  it('puts the due-soon article inside the 30-day window and the current ones outside it', async () => {
    expect(await statusOf('article.high-blood-pressure')).toMatchObject({
      nextReviewDue: '2026-12-15',
      daysUntilDue: 19,
      edited: false,
    })
    for (const id of ['article.hand-washing', 'article.sleep-adults']) {
      expect((await statusOf(id)).daysUntilDue, id).toBeGreaterThan(30)
    }
  })

  it('detects the edit made after the last approval, which hashed the earlier text', async () => {
    const state = await statusOf('article.type-2-diabetes-prevention')
    expect(state).toMatchObject({lastReviewed: '2026-03-02', nextReviewDue: '2027-03-02', edited: true})
    const article = byId.get('article.type-2-diabetes-prevention')
    expect(String(article?.lastEditedAt) > String(state.lastReviewed)).toBe(true)
  })

  it('is changes-requested when a later review asks for changes to the text as it stands', async () => {
    const state = await statusOf('article.taking-medicines-safely')
    expect(state).toMatchObject({
      status: 'changes-requested',
      lastReviewed: '2026-02-10',
      changesRequestedOn: '2026-10-05',
    })
    expect(byId.get('review.taking-medicines-safely.2026-10-05')).toMatchObject({outcome: 'changesRequested'})
  })

  it('records the reference article’s 2023 review as imported, every other as signed by the reviewer’s user', () => {
    for (const review of ofType('review')) {
      const reviewer = byId.get(String((review.reviewer as {_ref?: string})._ref))
      if (review._id === 'review.infant-mental-health.2023-07-11') {
        expect(review).toMatchObject({provenance: 'imported', reviewedOn: '2023-07-11'})
        expect(review).not.toHaveProperty('signedBy')
      } else {
        expect(review.provenance, review._id).toBe('studio')
        expect(reviewer?.sanityUserIds, review._id).toContain((review.signedBy as {userId?: string}).userId)
      }
    }
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
    expect(byId.get('person.morgan-blair')).toMatchObject({
      name: 'Morgan Blair',
      roles: ['medicalReviewer'],
      credentials: 'MA, LPCC',
    })
    expect(byId.get('review.infant-mental-health.2023-07-11')).toMatchObject({
      article: {_ref: REFERENCE},
      reviewer: {_ref: 'person.morgan-blair'},
      outcome: 'approved',
    })
  })

  it('numbers its markers in body order exactly as the page does', () => {
    const order: string[] = []
    const numbers = reference().body.flatMap((block) =>
      [...printed(block, order).matchAll(/\[(\d+)\]/g)].map((match) => Number(match[1])),
    )
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 6, 6, 2, 3, 6, 6, 7, 8, 8, 2, 9, 10, 6])
    expect(order.map((id) => (byId.get(id) as {title?: string}).title)).toEqual([
      'Infants (0-1 years of age)',
      'Infant mental health guide for parents and healthcare providers',
      'Demystifying infant mental health: what the primary care provider needs to know',
      'What is infant mental health and why does it matter so much during COVID-19?',
      'The mirror neuron system as revealed through neonatal imitation: ' +
        'presence from birth, predictive power and evidence of plasticity',
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
    expect(bold).toEqual([
      'Autism spectrum disorder',
      'Attention deficit hyperactivity disorder',
      'Oppositional defiant disorder',
      'Conduct disorder',
    ])
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
    expect(byId.get('citation.cdc-2021')).toMatchObject({
      organization: 'Centers for Disease Control and Prevention',
      issued: '2021-11-29',
    })
    expect(byId.get('citation.cps-2017')).toMatchObject({issued: '2017-05'})
    expect(byId.get('citation.penn-state-temperament')?.issued).toBeUndefined()
    expect(byId.get('citation.pha-2020')?.rawText).toContain('COVID-19? Retrieved')
  })
})

describe('drafts', () => {
  const drafts = () => documents.filter((document) => document._id.startsWith('drafts.'))

  it('include a new article that was never published nor reviewed', () => {
    const fresh = drafts().filter((draft) => draft._type === 'article' && !byId.has(draft._id.slice('drafts.'.length)))
    expect(fresh.map((draft) => draft._id)).toContain('drafts.article.sleep-hygiene-teens')
    for (const draft of fresh) {
      const publishedId = draft._id.slice('drafts.'.length)
      expect(ofType('review').filter((review) => (review.article as {_ref: string})._ref === publishedId)).toEqual([])
    }
  })

  it('include an unpublished edit of a published article, under a different title', () => {
    const edit = byId.get('drafts.article.hand-washing')
    const live = byId.get('article.hand-washing')
    expect(edit?.title).toBeDefined()
    expect(edit?.title).not.toBe(live?.title)
  })

  it('are invisible to the pipeline’s queries', async () => {
    expect(await query(articleQuery, {id: 'drafts.article.sleep-hygiene-teens'})).toBeNull()
    expect(await query(articleQuery, {id: 'article.sleep-hygiene-teens'})).toBeNull()
    const live = (await query(articleQuery, {id: 'article.hand-washing'})) as {title: string}
    expect(live.title).toBe(byId.get('article.hand-washing')?.title)
  })
})

describe('the dataset’s own articles', () => {
  const own = () => ofType('article').filter((article) => article._id !== REFERENCE) as Array<Doc & {body: Block[]}>
  const blocks = () => own().flatMap((article) => article.body.filter((block) => block._type === 'block'))
  const words = (article: {body: Block[]}) =>
    article.body
      .flatMap((block) => (block.children ?? []).map((child) => child.text ?? ''))
      .join(' ')
      .split(/\s+/)
      .filter(Boolean).length

  it('are at least six, each a real article of 300 to 700 words with a summary of at most 160 characters', () => {
    expect(own().length).toBeGreaterThanOrEqual(6)
    for (const article of own()) {
      expect(words(article), article._id).toBeGreaterThanOrEqual(300)
      expect(words(article), article._id).toBeLessThanOrEqual(700)
      expect(String(article.summary).length, article._id).toBeLessThanOrEqual(160)
    }
  })

  it('use every block style, both list types nested to level 2, and every decorator', () => {
    const styles = new Set(blocks().map((block) => block.style))
    expect([...styles].sort()).toEqual(['blockquote', 'h2', 'h3', 'h4', 'normal'])
    const nested = blocks().filter((block) => (block as {level?: number}).level === 2)
    expect(new Set(nested.map((block) => block.listItem))).toEqual(new Set(['bullet', 'number']))
    const marks = new Set(blocks().flatMap((block) => (block.children ?? []).flatMap((child) => child.marks ?? [])))
    for (const decorator of ['strong', 'em', 'code']) expect(marks).toContain(decorator)
  })

  it('link with https, mailto, tel and site-relative URLs', () => {
    const hrefs = blocks().flatMap((block) =>
      ((block as {markDefs?: Array<{href?: string}>}).markDefs ?? []).map((def) => String(def.href)),
    )
    expect(hrefs.some((href) => href.startsWith('https://'))).toBe(true)
    expect(hrefs.some((href) => href.startsWith('mailto:'))).toBe(true)
    expect(hrefs.some((href) => href.startsWith('tel:'))).toBe(true)
    expect(hrefs.some((href) => href.startsWith('/'))).toBe(true)
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/|mailto:|tel:\+?\d|\/[a-z])/)
  })

  it('cite with single, adjacent and repeated markers', () => {
    const adjacent = blocks().some((block) =>
      (block.children ?? []).some(
        (child, index, children) => child._type === 'citationMarker' && children[index + 1]?._type === 'citationMarker',
      ),
    )
    expect(adjacent).toBe(true)
    for (const article of own()) {
      const refs = article.body.flatMap((block) =>
        (block.children ?? []).flatMap((child) => (child.citation ? [child.citation._ref] : [])),
      )
      expect(refs.length, article._id).toBeGreaterThan(0)
    }
    const repeated = own().some((article) => {
      const refs = article.body.flatMap((block) =>
        (block.children ?? []).flatMap((child) => (child.citation ? [child.citation._ref] : [])),
      )
      return new Set(refs).size < refs.length
    })
    expect(repeated).toBe(true)
  })

  it('carry key takeaways, safety notices and, for some, several authors', () => {
    expect(own().some((article) => Array.isArray(article.keyTakeaways) && article.keyTakeaways.length > 0)).toBe(true)
    expect(own().some((article) => typeof article.safetyNotice === 'string')).toBe(true)
    expect(own().some((article) => (article.authors as unknown[]).length > 1)).toBe(true)
  })

  it('are written by writers and reviewed by others, one of whom is both writer and reviewer', () => {
    const writerReviewers = ofType('person').filter((person) => {
      const roles = person.roles as string[]
      return roles.includes('writer') && roles.includes('medicalReviewer')
    })
    expect(writerReviewers.length).toBeGreaterThan(0)
    for (const article of ofType('article')) {
      const authors = (article.authors as Array<{_ref: string}>).map((author) => author._ref)
      for (const author of authors)
        expect(byId.get(author)?.roles, `${article._id} author ${author}`).toContain('writer')
      for (const review of ofType('review').filter((item) => (item.article as {_ref: string})._ref === article._id)) {
        expect(authors, `${review._id} is by an author of the article`).not.toContain(
          (review.reviewer as {_ref: string})._ref,
        )
      }
    }
    const person = writerReviewers[0]?._id
    expect(
      ofType('article').some((article) =>
        (article.authors as Array<{_ref: string}>).some((author) => author._ref === person),
      ),
    ).toBe(true)
    expect(ofType('review').some((review) => (review.reviewer as {_ref: string})._ref === person)).toBe(true)
  })
})

describe('citations', () => {
  const citations = () => ofType('citation')

  it('include sources with a DOI, a PMID and a PMCID, each well formed', () => {
    expect(citations().some((citation) => citation.doi)).toBe(true)
    expect(citations().some((citation) => citation.pmid)).toBe(true)
    expect(citations().some((citation) => citation.pmcid)).toBe(true)
    for (const citation of citations()) {
      if (citation.doi !== undefined) expect(citation.doi, citation._id).toMatch(/^10\.\d{4,9}\/\S+$/)
      if (citation.pmid !== undefined) expect(citation.pmid, citation._id).toMatch(/^\d{1,9}$/)
      if (citation.pmcid !== undefined) expect(citation.pmcid, citation._id).toMatch(/^PMC\d+$/)
    }
  })

  it('give every web source of the dataset’s own articles a URL and an accessed date', () => {
    const reference = new Set(
      (byId.get(REFERENCE)?.body as Block[]).flatMap((block) =>
        (block.children ?? []).flatMap((child) => (child.citation ? [child.citation._ref] : [])),
      ),
    )
    for (const citation of citations().filter((item) => !reference.has(item._id) && item.cslType === 'webpage')) {
      expect(citation.url, citation._id).toMatch(/^https:\/\//)
      expect(citation.accessed, citation._id).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
  })

  it('give every source a title and either authors or an organisation, and a valid issued date when dated', () => {
    for (const citation of citations()) {
      expect(citation.title, citation._id).toEqual(expect.any(String))
      expect(Boolean(citation.organization) || Array.isArray(citation.authors), citation._id).toBe(true)
      if (citation.issued !== undefined) expect(citation.issued, citation._id).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/)
    }
  })
})

describe('settings', () => {
  it('is the singleton with the review policy the statuses were designed for', () => {
    expect(byId.get('settings')).toMatchObject({
      _type: 'settings',
      reviewIntervalMonths: 12,
      dueSoonDays: 30,
      citationStyle: 'apa',
    })
    expect(String(byId.get('settings')?.editorialNotice)).toMatch(/^Our Medical Affairs Team is /)
  })
})

describe('images, as `sanity dataset import` reads them', () => {
  // @sanity/import's own rules (src/assetRefs.ts, importFromArray.ts; the CLI's `getAssetsBase`): every
  // `_sanityAsset` is `<type>@<url>`; `file://./` is the folder of the NDJSON file given to `sanity dataset import`.
  const ASSET_MATCHER = /^(file|image)@([a-z]+:\/\/.*)/
  const assetsBase = path.dirname(path.resolve(DATASET_FILE))
  const absolutify = (value: string) => value.replace(/file:\/\/\.\//i, `${pathToFileURL(assetsBase).href}/`)

  const assetRefs = () =>
    documents.flatMap((document) =>
      [...walk(document, document._id)].flatMap(([value, where]) =>
        isRecord(value) && '_sanityAsset' in value ? [{holder: value, where, url: String(value._sanityAsset)}] : [],
      ),
    )

  it('writes images as an export does: `_sanityAsset` first in its object, no `asset`, no asset documents', () => {
    const refs = assetRefs()
    expect(refs.length).toBeGreaterThanOrEqual(4)
    for (const {holder, where} of refs) {
      expect(Object.keys(holder)[0], where).toBe('_sanityAsset')
      expect(holder.asset, where).toBeUndefined()
      expect(holder._type, where).toBe('figure')
    }
    expect(documents.filter((document) => document._type.startsWith('sanity.'))).toEqual([])
  })

  it('points every `_sanityAsset` at a file beside the dataset whose bytes match its name, so the import makes that asset', async () => {
    for (const {url, where} of assetRefs()) {
      const [, type, location] = ASSET_MATCHER.exec(url) ?? []
      expect(type, where).toBe('image')
      const file = new URL(absolutify(location ?? ''))
      expect(file.protocol, where).toBe('file:')
      const bytes = await readFile(file)
      const name = path.basename(file.pathname)
      const [, sha1, width, height, extension] = /^([0-9a-f]{40})-(\d+)x(\d+)\.([a-z]+)$/.exec(name) ?? []
      expect(createHash('sha1').update(bytes).digest('hex'), where).toBe(sha1)
      const metadata = await sharp(bytes).metadata()
      expect([metadata.width, metadata.height, metadata.format], where).toEqual([
        Number(width),
        Number(height),
        extension,
      ])
    }
  })

  it('keeps in images/ exactly the files the dataset uses (a folder import uploads every file there)', async () => {
    const used = new Set(assetRefs().map(({url}) => path.basename(url)))
    expect(new Set(readdirSync(IMAGES_DIR))).toEqual(used)
    const drawn = await drawImages({write: false})
    expect(new Set([...drawn.values()].map((image) => image.file))).toEqual(used)
  })

  it('shows figures in the body of two articles and a lead image on one, described, credited and owned', () => {
    const withBodyFigures = ofType('article').filter((article) =>
      (article.body as Block[]).some((block) => block._type === 'figure'),
    )
    expect(withBodyFigures.map((article) => article._id).sort()).toEqual([
      'article.hand-washing',
      'article.sleep-adults',
    ])
    expect(
      ofType('article')
        .filter((article) => article.leadImage)
        .map((article) => article._id),
    ).toEqual(['article.high-blood-pressure'])
    const figures = assetRefs().map(({holder}) => holder)
    for (const figure of figures) {
      expect(figure).toMatchObject({credit: 'Northfield Health Library', publisherOwned: true})
      expect(String(figure.alt).length).toBeGreaterThan(40)
      expect(String(figure.caption).length).toBeGreaterThan(10)
    }
  })

  it('are read by the local source as the Content Lake holds them after the import: references and asset documents', async () => {
    const source = await openLocalSource({file: DATASET_FILE, label: DATASET_FILE})
    try {
      const article = await source.getArticle('article.high-blood-pressure')
      const ref = article?.leadImage?.asset?._ref
      expect(ref).toMatch(/^image-[0-9a-f]{40}-1200x630-png$/)
      expect(article?.images).toEqual([
        expect.objectContaining({_id: ref, extension: 'png', mimeType: 'image/png', width: 1200, height: 630}),
      ])
      expect(article?.decodeFindings).toBeUndefined()
      const bytes = await source.readImage(ref as string)
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(article?.images[0]?.sha1hash)
    } finally {
      await source.close()
    }
  })
})
