import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {Ajv2020} from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import type {Element, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toHtml} from 'hast-util-to-html'
import {toText} from 'hast-util-to-text'
import {renderArticle} from '../pipeline/render/index.ts'
import type {CitationStyle, RenderedArticle, RenderInput} from '../pipeline/render/index.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {contentHash} from '../domain/content-hash.ts'
import {reviewState} from '../domain/review-status.ts'

/** The embedded dataset's statuses are designed for this date; every render test pins it. */
export const AS_OF = '2026-11-26'

export const REPO_ROOT = path.resolve(import.meta.dirname, '..')
export const RENDER_FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/render')

export const TEST_SETTINGS: SourceSettings = {
  publisherName: 'Northfield Health Library',
  publisherUrl: 'https://health.example.org',
  siteUrl: 'https://health.example.org',
  editorialPolicyUrl: 'https://health.example.org/editorial-policy/',
  reviewIntervalMonths: 12,
  dueSoonDays: 30,
  reviewSeverity: null,
  publicationPolicy: null,
  editorialNotice:
    'Every article is written by a medical writer and checked by a medical reviewer before it is published.',
  disclaimer: 'This article is for general information only and is not medical advice.',
  citationStyle: 'apa',
}

/** Renders as the export does: content hash and review state from the shared rules, as of AS_OF. */
export async function renderForTest(
  article: SourceArticle,
  options: {
    settings?: SourceSettings | null
    citationStyle?: CitationStyle
    datasetLabel?: string
    images?: RenderInput['images']
  } = {},
): Promise<RenderedArticle> {
  const settings = options.settings === undefined ? TEST_SETTINGS : options.settings
  const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
  const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf: AS_OF})
  return renderArticle({
    article,
    settings,
    review,
    contentHash: hash,
    asOf: AS_OF,
    datasetLabel: options.datasetLabel ?? 'tests/fixtures/render',
    ...(options.citationStyle ? {citationStyle: options.citationStyle} : {}),
    ...(options.images ? {images: options.images} : {}),
  })
}

/** A minimal published article around a body, for property and unit tests. */
export function articleWithBody(body: unknown[], citations: SourceArticle['citations'] = []): SourceArticle {
  return {
    _id: 'article.test',
    _rev: 'rev1',
    _updatedAt: '2026-01-01T00:00:00Z',
    title: 'Test article',
    slug: 'test-article',
    summary: 'A test.',
    language: 'en',
    audience: 'general-public',
    topics: [],
    keyTakeaways: [],
    leadImage: null,
    body: body as SourceArticle['body'],
    safetyNotice: null,
    publishedAt: '2026-01-02',
    lastEditedAt: null,
    authors: [],
    citations,
    images: [],
    reviews: [],
  }
}

const ajv = new Ajv2020({allErrors: true, strict: true, $data: true})
addFormats.default(ajv)
const articleSchema = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'pipeline/render/article.schema.json'), 'utf8'),
) as object
export const validateArticleJson = ajv.compile(articleSchema)

/** Words as a reader sees them: letters and digits runs, in order. */
export function words(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? []
}

/**
 * The text content of an HTML page's body, laid out like `innerText` (blocks on their own lines), with each
 * ordered-list item's number written out as a browser shows it ("2. "), since plain text must spell it.
 */
export function htmlBodyText(html: string): string {
  const tree = fromHtml(html)
  numberOrderedLists(tree)
  const body = findElement(tree, 'body')
  return toText(body ?? tree)
}

/**
 * The page's text as article.txt must give it: `htmlBodyText` with each link's address after its text, as a reader
 * of plain text needs it (a link within the page aside; `mailto:` as the bare address; relative addresses under the
 * publisher's URL; the address alone when the link's text is the address).
 */
export function htmlBodyTextWithAddresses(html: string, baseUrl: string | null = TEST_SETTINGS.publisherUrl): string {
  const tree = fromHtml(html)
  const visit = (node: Root | Element) => {
    for (const child of node.children) {
      if (child.type !== 'element') continue
      const href = child.properties.href
      if (child.tagName === 'a' && typeof href === 'string' && href !== '' && !href.startsWith('#')) {
        const relative = !/^[a-z][a-z\d+.-]*:/i.test(href)
        const resolved = baseUrl && relative ? new URL(href, baseUrl).href : href
        const address = href.startsWith('mailto:') ? href.slice(7) : resolved
        const text = toText(child).trim()
        if (text !== address && text !== href) child.children.push({type: 'text', value: ` ${address} `})
      } else if (child.tagName === 'figure') {
        // A figure is written `[Image: alt — caption]` in the text: its image's alt is a page word for a screen reader.
        const image = child.children.find((item): item is Element => item.type === 'element' && item.tagName === 'img')
        const alt = String(image?.properties.alt ?? '')
        const said =
          alt !== '' || child.children.some((item) => item.type === 'element' && item.tagName === 'figcaption')
        if (said) child.children.unshift({type: 'text', value: ` Image ${alt} `})
        visit(child)
      } else visit(child)
    }
  }
  visit(tree)
  return htmlBodyText(toHtml(tree))
}

function numberOrderedLists(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue
    if (child.tagName === 'ol') {
      let number = typeof child.properties.start === 'number' ? child.properties.start : 1
      for (const item of child.children) {
        if (item.type === 'element' && item.tagName === 'li')
          item.children.unshift({type: 'text', value: `${number++}. `})
      }
    }
    numberOrderedLists(child)
  }
}

export function findElement(tree: Root | Root['children'][number], tagName: string): Root | undefined {
  if (tree.type === 'element' && tree.tagName === tagName) return {type: 'root', children: tree.children}
  if (tree.type === 'root' || tree.type === 'element') {
    for (const child of tree.children) {
      const found = findElement(child, tagName)
      if (found) return found
    }
  }
  return undefined
}

export function fixtureCases(): string[] {
  return readdirSync(RENDER_FIXTURES, {withFileTypes: true})
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
}

/** The fragment's body: without the review claim or notice the renderer puts before it (see render-review-claims). */
export function withoutReviewBlock(tree: Root): Root {
  const isReviewBlock = (node: Root['children'][number]) => {
    if (node.type !== 'element') return false
    const className = node.properties.className
    return Array.isArray(className) && (className.includes('review-claim') || className.includes('review-notice'))
  }
  return {...tree, children: tree.children.filter((node) => !isReviewBlock(node))}
}
