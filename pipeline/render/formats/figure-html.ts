import type {Element} from 'hast'
import {h} from 'hastscript'
import type {FigureModel} from '../model.ts'

/** Where `images/` is from an article's files (`articles/<slug>/index.html`, `fragment.html`, `article.md`). */
export const IMAGES_FROM_ARTICLE = '../../'

/**
 * The Studio preview shows an image from Sanity's CDN (the asset document's own `url`, set by Sanity, not typed by a
 * writer); the export's files are always release-relative names.
 */
const CDN_IMAGE = /^https:\/\/cdn\.sanity\.io\/images\/[\w./-]+$/

/**
 * The column a figure fills: the page's 42rem measure less its padding, or the viewport on a narrow screen. The
 * browser picks the smallest `srcset` width that covers it at the screen's density.
 */
export const FIGURE_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)'

/** The page CSS a figure needs (added only to pages that have one, so pages without images stay as they were). */
export const FIGURE_CSS =
  'figure{margin:1.5rem 0}figure img{display:block;max-width:100%;height:auto}figcaption{color:#3d3d3d;font-size:.95rem;margin-top:.4rem}'

/**
 * `<figure><img src alt width height loading decoding srcset sizes><figcaption>caption — credit (licence)
 * </figcaption></figure>`. The addresses are the store's content-addressed names; width and height reserve the space
 * before the image loads. A decorative image has `alt=""` (screen readers skip it).
 */
export function figureElement(figure: FigureModel): Element {
  const address = (file: string): string => (CDN_IMAGE.test(file) ? file : `${IMAGES_FROM_ARTICLE}${file}`)
  const srcSet =
    figure.srcset.length > 1 ? figure.srcset.map(({file, width}) => `${address(file)} ${width}w`).join(', ') : null
  const caption = figcaptionText(figure)
  return h('figure', [
    h('img', {
      src: address(figure.file),
      alt: figure.alt,
      width: figure.width,
      height: figure.height,
      loading: 'lazy',
      decoding: 'async',
      ...(srcSet ? {srcSet, sizes: FIGURE_SIZES} : {}),
    }),
    caption === null ? null : h('figcaption', caption),
  ])
}

/** "Caption — credit (licence)", from whichever of the three there are; null when none. */
export function figcaptionText(figure: Pick<FigureModel, 'caption' | 'credit' | 'licence'>): string | null {
  const credit = creditText(figure)
  const parts = [figure.caption, credit].filter((part): part is string => part !== null)
  return parts.length > 0 ? parts.join(' — ') : null
}

/** "Credit (licence)", "credit", or "licence"; null when neither. */
export function creditText({credit, licence}: Pick<FigureModel, 'credit' | 'licence'>): string | null {
  if (credit !== null && licence !== null) return `${credit} (${licence})`
  return credit ?? licence
}
