import type {Element} from 'hast'
import {toHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {ArticleModel} from '../model.ts'

/**
 * The review notice as a notice (a bordered, tinted block with `role="note"`, like the safety notice), never in the
 * byline's grey: it is what a reader must see instead of, or beside, a review claim.
 */
export function reviewNoticeElement(model: ArticleModel, tagName: 'div' | 'p'): Element | null {
  const {notice} = model.review.claim
  if (notice === null) return null
  return h(tagName, {className: ['review-notice'], role: 'note'}, [
    h('strong', 'Review notice:'),
    ` ${notice}`,
    ...policyLink(model),
  ])
}

/** " Read our editorial policy." linked to settings' `editorialPolicyUrl`, or nothing without one. */
export function policyLink(model: ArticleModel): Array<Element | string> {
  const url = model.notice.policyUrl
  return url ? [' ', h('a', {href: url}, 'Read our editorial policy'), '.'] : []
}

/**
 * What the embeddable fragment says about the review before the body, so an embedding site cannot show the text
 * without it: the claim when an approval covers the text, the notice when there is one (overdue has both).
 */
export function fragmentReviewHtml(model: ArticleModel): string {
  const {statement} = model.review.claim
  const nodes = [statement ? h('p', {className: ['review-claim']}, statement) : null, reviewNoticeElement(model, 'p')]
  return nodes
    .filter((node): node is Element => node !== null)
    .map((node) => `${toHtml(node)}\n`)
    .join('')
}
