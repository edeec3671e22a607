import {contentHash} from '../domain/content-hash.ts'

/**
 * A realistic synthetic dataset, deterministic from a seed, for the benchmark and the fuzz/security suites:
 * N articles of ~1,500 words in 5–8 h2/h3 sections with bullet and numbered lists, links, emphasis and
 * ~10 citation markers drawn from a shared pool of ~N/2 citations (so sources repeat across articles as real
 * reference libraries do), writers and reviewers, reviews in every status as of `asOf`, and the settings.
 *
 * Documents are yielded one at a time so a 10,000-article dataset never sits in memory.
 */

export interface GenerateOptions {
  /** Number of published articles. */
  n: number
  /** @defaultValue 1 */
  seed?: number
  /** The date the review statuses are designed for. @defaultValue '2026-11-26' */
  asOf?: string
  /** Approximate words per article. @defaultValue 1500 */
  words?: number
  /** Also emit a `drafts.` copy of every 10th article and a `versions.` copy of every 25th. @defaultValue true */
  drafts?: boolean
}

export type Doc = Record<string, unknown> & {_id: string; _type: string}

const WORDS = (
  'health care sleep child infant parent doctor nurse clinic symptom treatment therapy diet exercise blood pressure ' +
  'heart lung brain memory stress anxiety mood support family school routine risk factor study evidence research ' +
  'review trial outcome benefit harm dose medicine vaccine infection fever cough rash pain water food fruit vegetable ' +
  'habit screen time activity walk rest recovery signs early help guide plan daily week month year common rare mild ' +
  'severe chronic acute safe caregiver community service access public measure change improve reduce increase'
).split(' ')

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

export async function* generateDataset(options: GenerateOptions): AsyncGenerator<Doc> {
  const {n, seed = 1, asOf = '2026-11-26', words = 1500, drafts = true} = options
  const random = mulberry32(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1))
  let keyCounter = 0
  const key = () => `k${(keyCounter++).toString(36)}`
  const sentence = (count = int(8, 18)) => {
    // No word twice in a row: real prose rarely does it, and each would be a doubled-word warning the export
    // reports (17 per article drowned the export's output in findings at 10,000 articles).
    const words: string[] = []
    while (words.length < count) {
      const word = pick(WORDS)
      if (word !== words.at(-1)) words.push(word)
    }
    const text = words.join(' ')
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
  }

  yield {
    _id: 'settings',
    _type: 'settings',
    publisherName: 'Synthetic Health',
    publisherUrl: 'https://health.example.org',
    reviewIntervalMonths: 12,
    dueSoonDays: 30,
    editorialNotice: 'Every article is reviewed by a medical professional before publication.',
    disclaimer: 'This content is for information only and is not a substitute for professional medical advice.',
    citationStyle: 'apa',
  }

  const writers = Array.from({length: Math.max(2, Math.ceil(n / 50))}, (_, i) => `person.writer-${i}`)
  const reviewers = Array.from({length: Math.max(2, Math.ceil(n / 100))}, (_, i) => `person.reviewer-${i}`)
  for (const [i, id] of writers.entries()) {
    yield {
      _id: id,
      _type: 'person',
      name: `Writer ${i}`,
      slug: {_type: 'slug', current: `writer-${i}`},
      roles: ['writer'],
      bio: sentence(20),
    }
  }
  for (const [i, id] of reviewers.entries()) {
    yield {
      _id: id,
      _type: 'person',
      name: `Reviewer ${i}`,
      slug: {_type: 'slug', current: `reviewer-${i}`},
      roles: ['medicalReviewer'],
      credentials: pick(['MD', 'MD, MPH', 'RN, MSN', 'PharmD', 'MA, LPCC']),
      bio: sentence(20),
    }
  }

  const poolSize = Math.max(10, Math.ceil(n / 2))
  const citations = new Map<string, Doc>()
  for (let i = 0; i < poolSize; i++) {
    const journal = random() < 0.7
    const citation: Doc = journal
      ? {
          _id: `citation.c${i}`,
          _type: 'citation',
          cslType: 'article-journal',
          authors: Array.from({length: int(1, 4)}, () => ({
            _key: key(),
            _type: 'cslName',
            family: capital(pick(WORDS)),
            given: `${capital(pick(WORDS)).charAt(0)}.`,
          })),
          title: capital(sentence(int(6, 12)).slice(0, -1)),
          containerTitle: `Journal of ${capital(pick(WORDS))} ${capital(pick(WORDS))}`,
          issued: String(int(1995, 2025)),
          volume: String(int(1, 80)),
          issue: String(int(1, 12)),
          pages: `${int(1, 400)}–${int(401, 800)}`,
          doi: `10.${int(1000, 9999)}/synthetic.${i}`,
          pmid: random() < 0.5 ? String(int(1_000_000, 39_999_999)) : undefined,
        }
      : {
          _id: `citation.c${i}`,
          _type: 'citation',
          cslType: 'webpage',
          organization: `${capital(pick(WORDS))} ${capital(pick(WORDS))} Association`,
          title: capital(sentence(int(4, 8)).slice(0, -1)),
          issued: `${int(2005, 2025)}-0${int(1, 9)}-1${int(0, 9)}`,
          url: `https://example.org/${pick(WORDS)}/${i}`,
          accessed: '2025-05-19',
        }
    citations.set(citation._id, citation)
    yield citation
  }

  const statuses = ['current', 'due-soon', 'overdue', 'edited-since-review', 'current', 'current'] as const
  for (let a = 0; a < n; a++) {
    const id = `article.a${String(a).padStart(6, '0')}`
    const slug = `article-${a}`
    const body: unknown[] = []
    const cited: string[] = []
    const sections = int(5, 8)
    const wordsPerSection = Math.floor(words / sections)
    type Block = {_type: 'block'; _key: string; style: string; markDefs: unknown[]; children: unknown[]}
    const block = (style: string, children: unknown[], extra: Record<string, unknown> = {}): Block => ({
      _type: 'block',
      _key: key(),
      style,
      markDefs: [],
      children,
      ...extra,
    })
    const span = (text: string, marks: string[] = []) => ({_type: 'span', _key: key(), text, marks})
    const marker = () => {
      const citationId = `citation.c${int(0, poolSize - 1)}`
      cited.push(citationId)
      return {_type: 'citationMarker', _key: key(), citation: {_type: 'reference', _ref: citationId}}
    }
    let markers = 0
    for (let s = 0; s < sections; s++) {
      body.push(block(s > 0 && random() < 0.3 ? 'h3' : 'h2', [span(capital(sentence(int(3, 6)).slice(0, -1)))]))
      let written = 0
      while (written < wordsPerSection) {
        const roll = random()
        if (roll < 0.15) {
          const listItem = random() < 0.5 ? 'bullet' : 'number'
          for (let i = int(3, 5); i > 0; i--) {
            const text = sentence(int(5, 10))
            written += text.split(' ').length
            body.push(block('normal', [span(text)], {listItem, level: 1}))
          }
          continue
        }
        const paragraph = block('normal', [])
        const children = paragraph.children
        const first = sentence()
        children.push(span(`${first} `))
        if (random() < 0.3) children.push(span(sentence(int(3, 6)), [pick(['strong', 'em'])]), span(' '))
        if (random() < 0.2) {
          const linkKey = key()
          paragraph.markDefs.push({_type: 'link', _key: linkKey, href: `https://example.org/${pick(WORDS)}`})
          children.push(span(`${pick(WORDS)} ${pick(WORDS)} guidance`, [linkKey]), span('. '))
        }
        const last = sentence()
        children.push(span(last))
        if (markers < 10 && random() < 0.5) {
          children.push(marker())
          markers++
          if (random() < 0.2) children.push(marker())
        }
        written += first.split(' ').length + last.split(' ').length + 6
        body.push(paragraph)
      }
    }
    const article = {
      _id: id,
      _type: 'article',
      _rev: `r${a}`,
      _createdAt: '2024-01-01T00:00:00Z',
      _updatedAt: '2024-01-01T00:00:00Z',
      title: capital(sentence(int(3, 7)).slice(0, -1)),
      slug: {_type: 'slug', current: slug},
      summary: sentence(12).slice(0, 150),
      language: 'en',
      audience: pick(['general-public', 'patients', 'caregivers']),
      topics: [pick(WORDS), pick(WORDS)],
      body,
      authors: [{_type: 'reference', _key: key(), _ref: pick(writers)}],
      publishedAt: '2024-01-15',
    }
    yield article

    const status = statuses[a % statuses.length]
    const daysAgo = status === 'overdue' ? int(400, 700) : status === 'due-soon' ? int(340, 360) : int(10, 300)
    const reviewedOn = shiftDays(asOf, -daysAgo)
    // The pipeline hashes the citations as articleQuery projects them (absent fields as null, authors as
    // {family, given}); hashing the raw documents would make every review look edited-since-review.
    const lookup = (citationId: string) => projectedCitation(citations.get(citationId))
    const hash = await contentHash(
      status === 'edited-since-review' ? {...article, title: `${String(article.title)} (earlier)`} : article,
      lookup,
    )
    yield {
      _id: `review.a${String(a).padStart(6, '0')}`,
      _type: 'review',
      article: {_type: 'reference', _ref: id},
      reviewer: {_type: 'reference', _ref: pick(reviewers)},
      reviewedOn,
      outcome: 'approved',
      contentHash: hash,
      notes: 'Internal reviewer note.',
    }
    if (drafts && a % 10 === 0) yield {...article, _id: `drafts.${id}`, title: `${String(article.title)} (draft)`}
    if (drafts && a % 25 === 0)
      yield {...article, _id: `versions.r1.${id}`, title: `${String(article.title)} (release)`}
  }
}

const CITATION_FIELDS = [
  'cslType',
  'authors',
  'organization',
  'title',
  'containerTitle',
  'issued',
  'volume',
  'issue',
  'pages',
  'publisher',
  'doi',
  'pmid',
  'pmcid',
  'url',
  'accessed',
  'rawText',
] as const

function projectedCitation(citation: Doc | undefined): Record<string, unknown> | undefined {
  if (!citation) return undefined
  const projected: Record<string, unknown> = {_id: citation._id}
  for (const field of CITATION_FIELDS) projected[field] = citation[field] ?? null
  if (Array.isArray(citation.authors)) {
    projected.authors = (citation.authors as Array<{family?: string; given?: string}>).map((name) => ({
      family: name.family ?? null,
      given: name.given ?? null,
    }))
  }
  return projected
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function shiftDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`)
  value.setUTCDate(value.getUTCDate() + days)
  return value.toISOString().slice(0, 10)
}
