import {createHash} from 'node:crypto'
import type {Doc} from '../../bench/generate.ts'
import type {Approval} from './approved-dataset.ts'
import {JSON_LD_BREAKERS, UNSAFE_URLS, type Vector} from './xss-vectors.ts'
import {FIGURE_ALT_SOFT_LIMIT, LONG_TEXT_MAX_LENGTH, NAME_MAX_LENGTH, TITLE_MAX_LENGTH} from '../../schemas/limits.ts'

/**
 * A dataset whose every text field, link, citation field, person name and credential carries attack strings.
 * The vectors are shared out over a modest number of articles; each article carries its share in every field
 * (single-value fields hold the share joined by spaces, the body holds each vector in its own paragraph, link,
 * heading, list item and quotation), and the JSON-LD breakers go into every field of every article. All of it is
 * valid content, so it must be exported, rendered and made harmless; links to unsafe URLs are different, they must
 * block their article, and get one small article each (`unsafe-link-<n>`).
 */

export const XSS_AS_OF = '2026-11-26'

/** How many citation fields (besides the titles) share out an article's vectors. */
const CITATION_SLICES = 15

export interface XssArticle {
  id: string
  slug: string
  vectors: Vector[]
}

export interface XssDataset {
  /** Everything but the reviews: `writeApprovedDataset` signs every article off as the pipeline will see it. */
  documents: Doc[]
  approvals: Approval[]
  /** Articles that carry payloads in valid content: every one must be exported. */
  articles: XssArticle[]
  /** One article per unsafe link URL: every one must be blocked, with no files written. */
  unsafeLinks: Array<{id: string; slug: string; href: string}>
  /** How many times a vector was placed into a field. */
  placements: number
  /** Image files to write beside the dataset (`images/<name>`), as `sanity dataset export` leaves them. */
  imageFiles: Array<{name: string; text: string}>
  /** The image every figure shows: a hostile SVG, which the export must sanitize. */
  imageAssetId: string
}

/**
 * The SVG every article's figures show: scripts, handlers, `foreignObject`, external references and CSS loads, as a
 * file uploaded to Studio could hold them. Published only after sanitizing; loaded on its own it must run nothing.
 */
export const HOSTILE_SVG = `<?xml version="1.0"?>
<?xml-stylesheet href="https://evil.example/x.css"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="320" height="160" onload="alert('svg-onload')">
  <title>Hostile diagram</title>
  <script>alert('svg-script')</script>
  <style>@import url(https://evil.example/y.css); rect { fill: url(https://evil.example/z) }</style>
  <rect width="320" height="160" fill="#def" onclick="alert('svg-click')" style="fill:url(https://evil.example/w)"/>
  <image href="https://evil.example/track.png" width="1" height="1"/>
  <use xlink:href="https://evil.example/sprite.svg#a"/>
  <foreignObject width="100" height="100"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert('svg-iframe')"/></foreignObject>
  <a xlink:href="javascript:alert('svg-link')"><text x="10" y="80">Click me</text></a>
  <animate attributeName="href" values="javascript:alert('svg-animate')"/>
  <text x="160" y="90" text-anchor="middle">Diagram</text>
</svg>
`

/**
 * A vector inside an otherwise valid https URL (query string), as a link or citation URL that passes validation:
 * quotes, angle brackets and backticks stay as they are (they are what could break out of an attribute); what a
 * writer could not paste into a link is left out (whitespace, control and format characters) or percent-encoded
 * (`&`, which could spell a character reference).
 */
export function urlCarrying(payload: string): string {
  return `https://example.org/p?q=${payload.replace(/[\s\p{Cc}\p{Cf}]/gu, '').replaceAll('&', '%26')}`
}

export function buildXssDataset(vectors: readonly Vector[], options: {articles: number}): XssDataset {
  const documents: Doc[] = []
  const articles: XssArticle[] = []
  const approvals: Approval[] = []
  let placements = 0
  let keys = 0
  const key = () => `k${(keys++).toString(36)}`
  const share = (list: readonly Vector[], count: number, index: number) => list.filter((_, i) => i % count === index)
  const breakers = JSON_LD_BREAKERS.map((payload, index) => ({origin: `vetted:script-${index}`, payload}))
  const sha1 = createHash('sha1').update(HOSTILE_SVG).digest('hex')
  const imageAssetId = `image-${sha1}-320x160-svg`
  documents.push({
    _id: imageAssetId,
    _type: 'sanity.imageAsset',
    assetId: sha1,
    sha1hash: sha1,
    extension: 'svg',
    mimeType: 'image/svg+xml',
    size: Buffer.byteLength(HOSTILE_SVG),
    originalFilename: 'diagram.svg',
    metadata: {
      _type: 'sanity.imageMetadata',
      dimensions: {_type: 'sanity.imageDimensions', width: 320, height: 160, aspectRatio: 2},
    },
  })
  /** A figure whose every word carries the share: alt (as much as its soft limit holds), caption, credit, licence. */
  const figureOf = (list: readonly Vector[], extra: Record<string, unknown> = {}) => {
    placements += 1
    return {
      _type: 'figure',
      asset: {_type: 'reference', _ref: imageAssetId},
      alt: packed(list, FIGURE_ALT_SOFT_LIMIT),
      caption: joined(list),
      credit: joined(list),
      licence: packed(list, NAME_MAX_LENGTH),
      publisherOwned: false,
      ...extra,
    }
  }

  /** The share joined into one value, counted as one placement per vector. */
  const joined = (list: readonly Vector[]) => {
    placements += list.length
    return list.map((vector) => vector.payload).join(' ')
  }
  /** A limited field (schemas/limits.ts) holds as many of the list as fit, in order. */
  const packed = (list: readonly Vector[], limit: number) => {
    const fit: Vector[] = []
    let length = 0
    for (const vector of list) {
      if (length + vector.payload.length + 1 > limit) continue
      fit.push(vector)
      length += vector.payload.length + 1
    }
    return joined(fit)
  }

  documents.push({
    _id: 'settings',
    _type: 'settings',
    publisherName: joined(breakers),
    publisherUrl: urlCarrying(breakers.map((vector) => vector.payload).join('')),
    reviewIntervalMonths: 12,
    dueSoonDays: 30,
    editorialNotice: joined(breakers),
    disclaimer: joined(breakers),
    citationStyle: 'apa',
  })

  for (let a = 0; a < options.articles; a++) {
    const own = [...breakers, ...share(vectors, options.articles, a)]
    const id = `article.xss-${a}`
    const slug = `xss-${a}`
    const writerId = `person.xss-writer-${a}`
    const reviewerId = `person.xss-reviewer-${a}`
    const person = (personId: string, roles: string[]): Doc => ({
      _id: personId,
      _type: 'person',
      name: packed(own, NAME_MAX_LENGTH),
      slug: {_type: 'slug', current: personId.replace('person.', '')},
      roles,
      credentials: packed(own, NAME_MAX_LENGTH),
      jobTitle: packed(own, NAME_MAX_LENGTH),
      bio: packed(own, LONG_TEXT_MAX_LENGTH),
    })
    documents.push(person(writerId, ['writer']), person(reviewerId, ['medicalReviewer']))

    // Both titles carry the whole share; the other citation fields share it out (each vector lands in one of
    // them, the breakers in all), which keeps a reference a few kilobytes long instead of tens.
    const slice = (index: number) => [...breakers, ...share(own.slice(breakers.length), CITATION_SLICES, index)]
    const citations: Doc[] = [
      {
        _id: `citation.xss-journal-${a}`,
        _type: 'citation',
        cslType: 'article-journal',
        authors: [
          {
            _key: key(),
            _type: 'cslName',
            family: packed(slice(0), NAME_MAX_LENGTH),
            given: packed(slice(1), NAME_MAX_LENGTH),
          },
          {_key: key(), _type: 'cslName', family: packed(slice(2), NAME_MAX_LENGTH), given: 'A.'},
        ],
        title: packed(own, LONG_TEXT_MAX_LENGTH),
        containerTitle: joined(slice(3)),
        issued: '2021-11-29',
        volume: joined(slice(4)),
        issue: joined(slice(5)),
        pages: joined(slice(6)),
        publisher: joined(slice(7)),
        doi: '10.1234/trust.xss',
        pmid: '12345678',
        pmcid: 'PMC1234567',
        url: urlCarrying(
          slice(13)
            .map((vector) => vector.payload)
            .join(''),
        ),
        rawText: joined(slice(8)),
      },
      {
        _id: `citation.xss-web-${a}`,
        _type: 'citation',
        cslType: 'webpage',
        organization: packed(slice(9), NAME_MAX_LENGTH),
        title: packed(own, LONG_TEXT_MAX_LENGTH),
        containerTitle: joined(slice(10)),
        issued: '2024',
        publisher: joined(slice(11)),
        url: urlCarrying(
          slice(14)
            .map((vector) => vector.payload)
            .join(''),
        ),
        accessed: '2026-01-10',
        rawText: joined(slice(12)),
      },
    ]
    documents.push(...citations)

    const body: unknown[] = []
    const marker = (citation: Doc) => ({
      _type: 'citationMarker',
      _key: key(),
      citation: {_type: 'reference', _ref: citation._id},
    })
    for (const [index, vector] of own.entries()) {
      const text = vector.payload
      if (index % 10 === 0) body.push(block('h2', [span(text)]))
      const linkKey = key()
      body.push(
        block('normal', [
          span(`${text} `),
          span(text, ['strong']),
          span(' '),
          span(text, ['em']),
          span(' '),
          span(text, ['code']),
          marker(citations[index % 2]!),
        ]),
        {
          ...block('normal', [span(text, [linkKey]), span('.')]),
          markDefs: [{_type: 'link', _key: linkKey, href: urlCarrying(text)}],
        },
        block('normal', [span(text)], {listItem: index % 2 === 0 ? 'bullet' : 'number', level: 1}),
        block('blockquote', [span(text)]),
      )
      placements += 7
    }
    body.splice(1, 0, {_key: key(), ...figureOf(own)})

    const article: Doc = {
      _id: id,
      _type: 'article',
      _rev: `xss-${a}`,
      _createdAt: '2026-01-01T00:00:00Z',
      _updatedAt: '2026-01-01T00:00:00Z',
      title: packed(own, TITLE_MAX_LENGTH),
      slug: {_type: 'slug', current: slug},
      summary: packed(own, 290),
      language: 'en',
      audience: 'general-public',
      topics: own.slice(0, 12).map((vector) => joined([vector])),
      keyTakeaways: own.map((vector) => joined([vector])),
      body,
      safetyNotice: joined(own),
      leadImage: figureOf(own),
      authors: [{_type: 'reference', _key: key(), _ref: writerId}],
      publishedAt: '2026-01-15',
    }
    documents.push(article)
    approvals.push({articleId: id, reviewerId})
    articles.push({id, slug, vectors: own})
  }

  const unsafeLinks = UNSAFE_URLS.map((href, index) => ({
    id: `article.unsafe-link-${index}`,
    slug: `unsafe-link-${index}`,
    href,
  }))
  const plainWriter = 'person.plain-writer'
  const plainReviewer = 'person.plain-reviewer'
  documents.push(
    {
      _id: plainWriter,
      _type: 'person',
      name: 'Plain Writer',
      slug: {_type: 'slug', current: 'plain-writer'},
      roles: ['writer'],
    },
    {
      _id: plainReviewer,
      _type: 'person',
      name: 'Plain Reviewer',
      slug: {_type: 'slug', current: 'plain-reviewer'},
      roles: ['medicalReviewer'],
      credentials: 'MD',
    },
  )
  for (const unsafe of unsafeLinks) {
    const linkKey = key()
    const article: Doc = {
      _id: unsafe.id,
      _type: 'article',
      _rev: 'r1',
      title: `Unsafe link ${unsafe.slug}`,
      slug: {_type: 'slug', current: unsafe.slug},
      summary: 'An article whose only link goes to an unsafe address.',
      language: 'en',
      audience: 'general-public',
      body: [
        {
          ...block('normal', [span('Read the '), span('hand washing guidance', [linkKey]), span('.')]),
          markDefs: [{_type: 'link', _key: linkKey, href: unsafe.href}],
        },
      ],
      authors: [{_type: 'reference', _key: key(), _ref: plainWriter}],
      publishedAt: '2026-01-15',
    }
    documents.push(article)
    approvals.push({articleId: unsafe.id, reviewerId: plainReviewer})
    placements += 1
  }
  const imageFiles = [{name: `${sha1}-320x160.svg`, text: HOSTILE_SVG}]
  return {documents, approvals, articles, unsafeLinks, placements, imageFiles, imageAssetId}

  function block(style: string, children: unknown[], extra: Record<string, unknown> = {}) {
    return {_type: 'block', _key: key(), style, markDefs: [] as unknown[], children, ...extra}
  }
  function span(text: string, marks: string[] = []) {
    return {_type: 'span', _key: key(), text, marks}
  }
}
