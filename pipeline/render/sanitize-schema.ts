import type {Schema} from 'hast-util-sanitize'
import {SAFE_PROTOCOLS} from './safe-url.ts'

/**
 * Exactly what the renderer emits in an article body and reference list (including what citeproc writes in a
 * formatted entry: `i`, `b`, `sup`, `sub`, `span`, links), nothing else. Ids are kept as written (no
 * `user-content-` prefix): the renderer makes them, and the marker/back-link anchors must match.
 */
export const fragmentSanitizeSchema: Schema = {
  tagNames: [
    'p',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'blockquote',
    'ul',
    'ol',
    'li',
    'strong',
    'em',
    'code',
    'a',
    'br',
    'sup',
    'sub',
    'i',
    'b',
    'span',
    'section',
    'figure',
    'figcaption',
    'img',
  ],
  attributes: {
    a: ['href', 'id', 'ariaLabel', ['className', 'citation-backlink']],
    // The review claim or notice the renderer puts before the body (never made from content).
    p: [
      ['className', 'review-claim', 'review-notice'],
      ['role', 'note'],
    ],
    sup: [['className', 'citation']],
    section: [['className', 'references'], 'ariaLabelledBy'],
    // A figure's image, as `figureElement` writes it: its addresses are the image store's names, never content's.
    img: ['src', 'alt', 'width', 'height', ['loading', 'lazy'], ['decoding', 'async'], 'srcSet', 'sizes'],
    li: ['id'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
  },
  protocols: {href: [...SAFE_PROTOCOLS], src: ['https', 'http'], srcSet: ['https', 'http']},
  clobber: [],
  clobberPrefix: '',
  strip: ['script', 'style'],
  required: {},
  ancestors: {li: ['ol', 'ul']},
  allowComments: false,
  allowDoctypes: false,
}

/** The standalone page: the fragment's schema plus the document shell, byline, dates, notices and JSON-LD. */
export const pageSanitizeSchema: Schema = {
  ...fragmentSanitizeSchema,
  tagNames: [
    ...fragmentSanitizeSchema.tagNames!,
    'html',
    'head',
    'meta',
    'link',
    'title',
    'style',
    'script',
    'body',
    'main',
    'article',
    'header',
    'footer',
    'div',
    'h1',
    'dl',
    'dt',
    'dd',
    'time',
  ],
  attributes: {
    ...fragmentSanitizeSchema.attributes,
    html: ['lang'],
    meta: [
      'charSet',
      'name',
      'content',
      ['property', 'og:type', 'og:title', 'og:description', 'og:url', 'og:site_name'],
    ],
    link: [['rel', 'canonical'], 'href'],
    script: [['type', 'application/ld+json']],
    p: [
      ['className', 'summary', 'byline', 'review-claim', 'review-notice'],
      ['role', 'note'],
    ],
    div: [
      ['className', 'safety-notice', 'review-notice', 'dates', 'contributor'],
      ['role', 'note'],
    ],
    section: [['className', 'references', 'key-takeaways', 'about', 'contributors'], 'ariaLabelledBy'],
    h2: ['id'],
    time: ['dateTime'],
    main: ['id'],
  },
  required: {script: {type: 'application/ld+json'}, link: {rel: ['canonical']}},
  strip: [],
  allowDoctypes: true,
}
