import type {Element, ElementContent, Root} from 'hast'
import {h} from 'hastscript'
import {allowsProtocol} from '../assert-allowed.ts'
import type {ArticleModel} from '../model.ts'
import {pageSanitizeSchema} from '../sanitize-schema.ts'
import {displayDate} from './dates.ts'
import {FIGURE_CSS, figureElement} from './figure-html.ts'
import {medicalWebPage} from './json-ld.ts'
import {PAGE_CSS} from './page-style.ts'
import {policyLink, reviewNoticeElement} from './review-html.ts'
import {nameWithCredentials, peopleList} from './people.ts'
import {scriptSafeJson} from './script-json.ts'

/**
 * The standalone page (before sanitizing): one h1, landmarks (main, footer), byline and dates with `<time>`,
 * key takeaways and safety notice, the body fragment, the notices, and the JSON-LD in the head.
 */
export function articlePage(model: ArticleModel): Root {
  const head = h('head', [
    h('meta', {charSet: 'utf-8'}),
    h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
    h('title', model.publisher.name ? `${model.title} | ${model.publisher.name}` : model.title),
    model.summary ? h('meta', {name: 'description', content: model.summary}) : null,
    ...siteLinks(model),
    h('style', model.leadImage || model.figures.length > 0 ? `${PAGE_CSS}\n${FIGURE_CSS}` : PAGE_CSS),
    h('script', {type: 'application/ld+json'}, scriptSafeJson(medicalWebPage(model))),
  ])
  const article = h('article', [
    h('header', [
      h('h1', model.title),
      model.summary ? h('p', {className: ['summary']}, model.summary) : null,
      ...byline(model),
      dates(model),
      model.leadImage ? figureElement(model.leadImage) : null,
    ]),
    keyTakeaways(model),
    model.safetyNotice
      ? h('div', {className: ['safety-notice'], role: 'note'}, [
          h('strong', 'Safety notice:'),
          ` ${model.safetyNotice}`,
        ])
      : null,
    ...(model.fragment.children as ElementContent[]),
    contributors(model),
  ])
  return {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: model.language}, [head, h('body', [h('main', {id: 'content'}, [article]), footer(model)])]),
    ],
  }
}

function byline(model: ArticleModel): Element[] {
  const lines: Element[] = []
  if (model.authors.length > 0) lines.push(h('p', {className: ['byline']}, `Written by ${peopleList(model.authors)}`))
  if (model.reviewers.length > 0)
    lines.push(h('p', {className: ['byline']}, `Medically reviewed by ${peopleList(model.reviewers)}`))
  // The claim only when an approval covers the text (`reviewers` is empty otherwise); the notice says what is true.
  const notice = reviewNoticeElement(model, 'div')
  if (notice) lines.push(notice)
  return lines
}

function dates(model: ArticleModel): Element | null {
  const rows: Array<[string, string | null]> = [
    ['Published', model.dates.published],
    ['Last edited', model.dates.lastEdited],
    ['Last reviewed', model.dates.lastReviewed],
    ['Next review due', model.dates.nextReviewDue],
  ]
  const shown = rows.filter((row): row is [string, string] => row[1] !== null)
  if (shown.length === 0) return null
  return h('div', {className: ['dates']}, [
    h(
      'dl',
      shown.flatMap(([label, iso]) => [h('dt', label), h('dd', [h('time', {dateTime: iso}, displayDate(iso))])]),
    ),
  ])
}

/**
 * Who wrote and who reviewed the article, with their bios: readers of health content judge it by its people,
 * as the reference page does with its author and medical-reviewer blocks.
 */
function contributors(model: ArticleModel): Element | null {
  const people = [
    ...model.authors.map((person) => ({person, role: 'Author'})),
    ...model.reviewers.map((person) => ({person, role: 'Medical reviewer'})),
  ]
  if (people.length === 0) return null
  return h('section', {className: ['contributors'], ariaLabelledBy: 'contributors'}, [
    h('h2', {id: 'contributors'}, 'About the contributors'),
    ...people.map(({person, role}) =>
      h('div', {className: ['contributor']}, [
        h('p', [h('strong', nameWithCredentials(person)), ` (${roleLine(role, person.jobTitle)})`]),
        person.bio ? h('p', person.bio) : null,
      ]),
    ),
  ])
}

export function roleLine(role: string, jobTitle: string | null): string {
  const title = jobTitle?.trim()
  return title && title.toLowerCase() !== role.toLowerCase() ? `${role}, ${title}` : role
}

function keyTakeaways(model: ArticleModel): Element | null {
  if (model.keyTakeaways.length === 0) return null
  return h('section', {className: ['key-takeaways'], ariaLabelledBy: 'key-takeaways'}, [
    h('h2', {id: 'key-takeaways'}, 'Key takeaways'),
    h(
      'ul',
      model.keyTakeaways.map((takeaway) => h('li', takeaway)),
    ),
  ])
}

function footer(model: ArticleModel): Element {
  const publisher = model.publisher.name
    ? h('p', [
        'Published by ',
        // The model holds only an http(s) address (`webUrl`); the page's own scheme check stays, as for every link.
        model.publisher.url
          ? h('a', {href: linkable(model.publisher.url)}, model.publisher.name)
          : model.publisher.name,
        '.',
      ])
    : null
  return h('footer', [
    h('section', {className: ['about'], ariaLabelledBy: 'about-this-content'}, [
      h('h2', {id: 'about-this-content'}, 'About this content'),
      model.notice.editorial ? h('p', model.notice.editorial) : null,
      model.notice.policyUrl ? h('p', policyLink(model).slice(1)) : null,
      model.notice.disclaimer ? h('p', model.notice.disclaimer) : null,
      publisher,
    ]),
  ])
}

function linkable(url: string): string | undefined {
  return allowsProtocol(pageSanitizeSchema, 'href', url) ? url : undefined
}

/**
 * With a `siteUrl` setting: the canonical link and the Open Graph tags the channels that pull bundles read
 * (og:title, og:description, og:type, og:url, og:site_name). Without one, none: a wrong canonical is worse than none.
 */
function siteLinks(model: ArticleModel): Element[] {
  if (model.canonicalUrl === null) return []
  const og = (property: string, content: string | null): Element | null =>
    content ? h('meta', {property: `og:${property}`, content}) : null
  return [
    h('link', {rel: 'canonical', href: model.canonicalUrl}),
    og('type', 'article'),
    og('title', model.title),
    og('description', model.summary),
    og('url', model.canonicalUrl),
    og('site_name', model.publisher.name),
  ].filter((element): element is Element => element !== null)
}
