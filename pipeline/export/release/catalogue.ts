import type {Element, ElementContent, Root, RootContent} from 'hast'
import type {Raw} from 'mdast-util-to-hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {ReviewStatus} from '../../../domain/review-status.ts'
import {mostUrgentFirst, REVIEW_URGENCY} from '../../../domain/urgency.ts'
import type {ArticleStatus, Manifest, ManifestArticle} from './manifest.ts'

/**
 * The release's `index.html`: a catalogue for people (editors, reviewers, the publishing team) of every article,
 * most urgent review first, grouped by review status in `<details>` sections (so 1,000 articles stay usable without
 * scripts), with a bar list of reviews due by month. Built as hast like the article pages; static, script-free,
 * responsive (the table stacks into cards below 40rem) and made only from the manifest, so it is as deterministic as it.
 */

const REVIEW_LABEL: Record<ReviewStatus, string> = {
  overdue: 'Overdue',
  'edited-since-review': 'Edited since review',
  'changes-requested': 'Changes requested',
  unreviewed: 'Not reviewed',
  'due-soon': 'Due soon',
  current: 'Current',
}

const EXPORT_LABEL: Record<ArticleStatus, string> = {
  exported: 'Published',
  kept: 'Blocked: last good version kept',
  blocked: 'Blocked: not published',
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:0 auto;max-width:72rem;padding:1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #767676;vertical-align:top;overflow-wrap:anywhere}
caption{text-align:left;font-weight:600;padding:.3rem 0}
a{color:#0b4f9c}
a:focus,summary:focus{outline:3px solid #0b4f9c;outline-offset:2px}
.status-overdue,.status-blocked,.status-kept{color:#a4262c;font-weight:600}
.status-edited-since-review,.status-changes-requested,.status-unreviewed{color:#7a4100;font-weight:600}
.groups{padding-left:1.25rem}
details{margin:.5rem 0;border-top:1px solid #767676;padding-top:.5rem}
summary{cursor:pointer;font-weight:600;font-size:1.1rem}
.due-chart{list-style:none;padding:0;margin:1rem 0;max-width:48rem}
.due-chart li{display:grid;grid-template-columns:6.5rem 1fr 3.5rem;gap:.75rem;align-items:center;margin:.15rem 0}
.due-track{display:block;height:1.1rem}
.due-bar{display:block;height:100%;background:#1f4e79}
.due-chart .past .due-bar{background:#a4262c}
.due-count{text-align:right;font-variant-numeric:tabular-nums}
@media (max-width:40rem){
.articles thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.articles tr,.articles td{display:block}
.articles tr{border-bottom:1px solid #767676;padding:.4rem 0}
.articles td{border:0;padding:.1rem 0}
.articles td[data-label]::before{content:attr(data-label) ": ";font-weight:400;color:#1a1a1a}
.due-chart li{grid-template-columns:5.5rem 1fr 3rem;gap:.5rem}
}
`

/** Most urgent review first, then the soonest due (undated last), then by title and id: the catalogue's order. */
export function sortByUrgency(articles: readonly ManifestArticle[]): ManifestArticle[] {
  return mostUrgentFirst(articles, (article) => ({...article, status: article.reviewStatus}))
}

export function catalogueHtml(manifest: Omit<Manifest, 'files'>): string {
  const pieces: string[] = []
  writeCatalogue(manifest, (piece) => pieces.push(piece))
  return pieces.join('')
}

/** The catalogue, piece by piece: the same bytes as `catalogueHtml`, without the page as one string. */
export function writeCatalogue(manifest: Omit<Manifest, 'files'>, write: (piece: string) => void): void {
  const articles = sortByUrgency(manifest.articles)
  const bars = countByMonth(
    articles.map((article) => article.nextReviewDue),
    manifest.asOf,
  )
  const widths = barWidths(bars)
  const {byReviewStatus, byStatus} = manifest.counts
  const summary = REVIEW_URGENCY.map((status) => `${REVIEW_LABEL[status]}: ${byReviewStatus[status]}`).join(' · ')
  const head = h(
    'head',
    lines(
      h('meta', {charSet: 'utf-8'}),
      h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
      h('title', `Article catalogue as of ${manifest.asOf}`),
      h('meta', {
        name: 'description',
        content: 'Every article with its review status, last review and next review due.',
      }),
      h('style', `${STYLE}${widths.css}`),
    ),
  )
  const header = h(
    'header',
    lines(
      h('h1', 'Article catalogue'),
      h(
        'p',
        `As of ${manifest.asOf} · ${manifest.counts.articles} articles from ${manifest.dataset} · ` +
          `${byStatus.exported} published, ${byStatus.kept} kept at their last good version, ${byStatus.blocked} blocked.`,
      ),
      h('p', summary),
    ),
  )
  const due =
    bars.length === 0
      ? [h('p', 'No article has a review date yet.')]
      : [
          dueChart(bars, widths),
          h('p', `Overdue reviews first (red), then the next ${MONTHS_AHEAD} months, then later ones.`),
        ]
  const groups = groupByStatus(articles)
  const main = h(
    'main',
    lines(
      h(
        'section',
        {ariaLabelledBy: 'due-heading'},
        lines(h('h2', {id: 'due-heading'}, 'Reviews due by month'), ...due),
      ),
      h(
        'section',
        {ariaLabelledBy: 'articles-heading'},
        lines(
          h('h2', {id: 'articles-heading'}, 'Articles, most urgent review first'),
          h('p', `${articles.length} articles by review status; open a status to see its articles.`),
          h(
            'ul',
            {className: ['groups']},
            lines(
              ...groups.map(({status, rows}) =>
                h('li', [h('a', {href: `#status-${status}`}, REVIEW_LABEL[status]), `: ${rows.length}`]),
              ),
            ),
          ),
          ...groups.map(({status, rows}) =>
            h(
              'details',
              {id: `status-${status}`, open: articles.length <= OPEN_ALL_UP_TO},
              lines(
                h('summary', `${REVIEW_LABEL[status]}: ${countLabel(rows.length)}`),
                table(`${REVIEW_LABEL[status]}: ${countLabel(rows.length)}`, ARTICLE_COLUMNS, rows.map(rowHtml)),
              ),
            ),
          ),
        ),
      ),
    ),
  )
  const footer = h(
    'footer',
    lines(
      h('p', [
        `Generated by ${manifest.generator.name} ${manifest.generator.version}. Machine-readable: `,
        h('a', {href: 'manifest.json'}, 'manifest.json'),
        '.',
      ]),
    ),
  )
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      text('\n'),
      h('html', {lang: 'en'}, lines(head, h('body', lines(header, main, footer)))),
      text('\n'),
    ],
  }
  streamHtml(tree, write)
}

// The shortest character references (`&#38;`, `&lt;`); SVG's empty elements closed as `<rect …/>`.
const HTML_OPTIONS = {
  characterReferences: {useShortestReferences: true},
  closeEmptyElements: true,
  tightSelfClosing: true,
} as const

/** The HTML elements that hold the article rows: serialised tag by tag, their children one at a time. */
const STREAMED = new Set(['html', 'body', 'main', 'section', 'details', 'table', 'tbody'])

/**
 * `toHtml(tree)` in pieces. Serialising a child on its own gives the same text as inside its parent except where
 * the parent changes how children are written (raw text in `style`/`script`, SVG's space): only the plain HTML
 * containers above, whose children serialise the same alone, are opened up; everything else goes whole. The closing
 * tag of an HTML element is always `</name>`, so an element's opening is its empty serialisation without it.
 */
function streamHtml(node: Root | Element, write: (piece: string) => void): void {
  if (node.type === 'element') {
    const closing = `</${node.tagName}>`
    const empty = toHtml({...node, children: []}, HTML_OPTIONS)
    write(empty.slice(0, -closing.length))
  }
  for (const child of node.children) {
    if (child.type === 'element' && STREAMED.has(child.tagName)) streamHtml(child, write)
    else if (child.type === 'raw') write(child.value)
    else write(toHtml(child, HTML_OPTIONS))
  }
  if (node.type === 'element') write(`</${node.tagName}>`)
}

function table(caption: string, columns: readonly string[], rows: readonly Raw[]): Element {
  return h(
    'table',
    {className: ['articles']},
    lines(
      h('caption', caption),
      h(
        'thead',
        h(
          'tr',
          columns.map((column) => h('th', {scope: 'col'}, column)),
        ),
      ),
      h('tbody', lines(...rows)),
    ),
  )
}

const ARTICLE_COLUMNS = ['Article', 'Review status', 'Last reviewed', 'Next review due', 'Export']

/** Every group opens by itself in a small catalogue; a large one shows the summaries and each status on demand. */
const OPEN_ALL_UP_TO = 50

function countLabel(count: number): string {
  return `${count} ${count === 1 ? 'article' : 'articles'}`
}

/** The articles by review status, most urgent status first, each group in the catalogue's order; empty ones left out. */
function groupByStatus(articles: readonly ManifestArticle[]): Array<{status: ReviewStatus; rows: ManifestArticle[]}> {
  return REVIEW_URGENCY.map((status) => ({
    status,
    rows: articles.filter((article) => article.reviewStatus === status),
  })).filter((group) => group.rows.length > 0)
}

/**
 * An article's row, serialised. 10,000 rows through hastscript and hast-util-to-html were most of a one-article
 * re-export's catalogue (~0.7 s CPU), so rows are filled into templates that hast-util-to-html itself made, once per
 * row shape, from the row with placeholders; the title goes in as hast-util-to-html escapes a text node. Slugs and
 * dates outside their plain patterns (nothing the export publishes) take the generic way. The same bytes either way
 * (tests/export-catalogue.test.ts compares both on hostile titles).
 */
export function rowHtml(article: ManifestArticle): Raw {
  const hasPage = article.slug !== null && 'index.html' in article.files
  const {lastReviewed: last, nextReviewDue: next} = article
  const plain =
    (!hasPage || SLUG_SHAPE.test(article.slug ?? '')) &&
    (last === null || DATE_SHAPE.test(last)) &&
    (next === null || DATE_SHAPE.test(next))
  if (!plain) return {type: 'raw', value: toHtml(articleRow(article), HTML_OPTIONS)}
  const shape = `${hasPage}|${last !== null}|${next !== null}|${article.reviewStatus}|${article.status}`
  let template = templates.get(shape)
  if (template === undefined) {
    const slotted: ManifestArticle = {
      ...article,
      title: `${SLOT}title`,
      slug: hasPage ? `${SLOT}slug` : article.slug,
      lastReviewed: last === null ? null : `${SLOT}last`,
      nextReviewDue: next === null ? null : `${SLOT}next`,
    }
    template = toHtml(articleRow(slotted), HTML_OPTIONS)
    templates.set(shape, template)
  }
  const title = toHtml({type: 'text', value: article.title ?? article.id}, HTML_OPTIONS)
  const values: Record<string, string> = {title, slug: article.slug ?? '', last: last ?? '', next: next ?? ''}
  return {type: 'raw', value: template.replace(SLOTS, (_, name: string) => values[name] as string)}
}

const SLOT = 'vettedcatalogueslot'
const SLOTS = new RegExp(`${SLOT}(title|slug|last|next)`, 'g')
const SLUG_SHAPE = /^[a-z0-9-]+$/
const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/
const templates = new Map<string, string>()

export function articleRow(article: ManifestArticle): Element {
  const title = article.title ?? article.id
  const hasPage = article.slug !== null && 'index.html' in article.files
  const [, status, reviewed, due, exported] = ARTICLE_COLUMNS
  return h('tr', [
    h('td', hasPage ? h('a', {href: `articles/${article.slug ?? ''}/index.html`}, title) : title),
    h('td', {className: [`status-${article.reviewStatus}`], dataLabel: status}, REVIEW_LABEL[article.reviewStatus]),
    h('td', {dataLabel: reviewed}, dateCell(article.lastReviewed)),
    h('td', {dataLabel: due}, dateCell(article.nextReviewDue)),
    h('td', {className: [`status-${article.status}`], dataLabel: exported}, EXPORT_LABEL[article.status]),
  ])
}

function dateCell(date: string | null): Element | string {
  return date ? h('time', {dateTime: date}, date) : 'None'
}

/** The children with a line break before, between and after them, as the page is laid out. */
function lines(...children: ReadonlyArray<ElementContent | readonly ElementContent[]>): ElementContent[] {
  return [
    text('\n'),
    ...children.flatMap((child, index) => [...(index > 0 ? [text('\n')] : []), ...[child].flat()]),
    text('\n'),
  ]
}

function text(value: string): ElementContent & RootContent {
  return {type: 'text', value}
}

/**
 * Next-review-due dates counted by month, for the bar list (`dueChart`).
 */

export interface MonthCount {
  /** `YYYY-MM`, or a label for the bars that gather the rest (`Overdue`, `Later`). */
  month: string
  count: number
  /** Reviews already past due. */
  past: boolean
}

/** How many months ahead the chart shows one bar each; later dates share one bar. */
export const MONTHS_AHEAD = 12

/**
 * Review dates by month from the as-of month on: one bar for everything already overdue, one per month for the
 * next year, one for later. The year ahead is what an editor plans; older months would only be empty bars.
 */
export function countByMonth(dates: readonly (string | null)[], asOf: string): MonthCount[] {
  const known = dates.filter((date): date is string => date !== null)
  if (known.length === 0) return []
  const first = asOf.slice(0, 7)
  const months = Array.from({length: MONTHS_AHEAD}, (_, index) => addMonths(first, index))
  const overdue: MonthCount = {month: 'Overdue', count: 0, past: true}
  const later: MonthCount = {month: 'Later', count: 0, past: false}
  const bars = months.map((month): MonthCount => ({month, count: 0, past: false}))
  for (const date of known) {
    if (date < asOf) overdue.count++
    else (bars[months.indexOf(date.slice(0, 7))] ?? later).count++
  }
  return [overdue, ...bars, later]
}

function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number]
  const index = year * 12 + (mon - 1) + delta
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2026-12` → `Dec 2026`; the gathering bars keep their names. */
export function monthLabel(month: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(month)
  return match ? `${MONTH_NAMES[Number(match[2]) - 1] ?? match[2]} ${match[1]}` : month
}

/**
 * Each bar's width as a whole percentage of the longest, and the CSS classes that draw them (only those used, in
 * ascending order, so the page stays small and deterministic; no style attributes).
 */
function barWidths(bars: readonly MonthCount[]): {css: string; className: (bar: MonthCount) => string} {
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  const percent = (bar: MonthCount): number => Math.round((bar.count / max) * 100)
  const used = [...new Set(bars.map(percent))].sort((a, b) => a - b)
  return {
    css: `${used.map((value) => `.w${value}{width:${value}%}`).join('')}\n`,
    className: (bar) => `w${percent(bar)}`,
  }
}

/**
 * Reviews due by month as an HTML list of bars: the month and the count are text, so they stay readable at any
 * width and zoom, and a screen reader reads each line as "Dec 2026, 3"; the bar is decoration (CSS, no scripts).
 */
function dueChart(bars: readonly MonthCount[], widths: ReturnType<typeof barWidths>): Element {
  return h(
    'ol',
    {className: ['due-chart'], ariaLabel: 'Reviews due by month'},
    lines(
      ...bars.map((bar) =>
        h('li', bar.past ? {className: ['past']} : {}, [
          h('span', {className: ['due-month']}, monthLabel(bar.month)),
          h('span', {className: ['due-track'], ariaHidden: 'true'}, [
            h('span', {className: ['due-bar', widths.className(bar)]}),
          ]),
          h('span', {className: ['due-count']}, String(bar.count)),
        ]),
      ),
    ),
  )
}

/**
 * The release's `sitemap.xml` (sitemaps.org 0.9): one `<url>` per exported or kept article that has a public
 * address (the `siteUrl` setting), with `<lastmod>` from its last substantive edit. Made only from the manifest
 * entries, in slug order, so it is as deterministic as the manifest. Null when no article has an address (no
 * `siteUrl`): the release then has no sitemap.
 */
export function sitemapXml(articles: readonly ManifestArticle[]): string | null {
  const urls = sitemapUrls(articles)
  return urls.length === 0 ? null : [...sitemapPieces(urls)].join('')
}

export interface SitemapUrl {
  loc: string
  lastmod: string | undefined
}

/** The published addresses, in address order (none: no sitemap). */
export function sitemapUrls(articles: readonly ManifestArticle[]): SitemapUrl[] {
  return articles
    .filter((article) => article.status !== 'blocked' && article.url !== undefined)
    .map((article) => ({loc: article.url as string, lastmod: article.lastEdited}))
    .sort((a, b) => (a.loc < b.loc ? -1 : a.loc > b.loc ? 1 : 0))
}

/** sitemap.xml piece by piece, an address at a time (written as a stream: `writeReleaseFiles`). */
export function* sitemapPieces(urls: readonly SitemapUrl[]): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
  for (const {loc, lastmod} of urls)
    yield `  <url>\n    <loc>${escapeXml(loc)}</loc>\n${lastmod ? `    <lastmod>${lastmod}</lastmod>\n` : ''}  </url>\n`
  yield '</urlset>\n'
}

function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}
