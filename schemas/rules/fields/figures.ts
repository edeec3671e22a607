import {FIGURE_ALT_SOFT_LIMIT} from '../../limits.ts'
import {isRecord} from '../lookup.ts'
import {defineRule, type RuleIssue} from '../rule.ts'

/**
 * The rules of a `figure` (schemas/objects/figure.ts): an image a reader can understand without seeing it, and
 * one the publisher may show. Each rule is given the whole figure (whether alt text is required depends on
 * `decorative`, whether a credit is on `publisherOwned`) and points at the field it speaks about, so Studio
 * shows it there and the pipeline places it at `body[_key=…].alt` or `leadImage.alt`.
 */

/** A figure as stored: the asset reference (or, in an export file, `_sanityAsset`) and the text fields. */
export interface FigureValue {
  asset?: unknown
  _sanityAsset?: unknown
  alt?: unknown
  decorative?: unknown
  caption?: unknown
  credit?: unknown
  licence?: unknown
  publisherOwned?: unknown
}

type FigureInput = FigureValue | null | undefined

/** Text with something in it, trimmed; `''` for nothing. */
function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function figureOf(value: unknown): FigureValue | undefined {
  return isRecord(value) ? (value as FigureValue) : undefined
}

const isDecorative = (figure: FigureValue): boolean => figure.decorative === true

export const figureAssetMissingRule = defineRule<FigureInput>({
  id: 'figure-asset-missing',
  severity: 'error',
  description: 'Every image block has an image file.',
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    if (!figure) return []
    const asset = figure.asset
    const hasAsset = isRecord(asset) && typeof asset._ref === 'string' && asset._ref !== ''
    if (hasAsset || (typeof figure._sanityAsset === 'string' && figure._sanityAsset !== '')) return []
    return [
      {path: ['asset'], message: 'This image block has no image. Upload or choose an image, or remove the block.'},
    ]
  },
})

export const figureAltMissingRule = defineRule<FigureInput>({
  id: 'figure-alt-missing',
  severity: 'error',
  description: 'Every image has alternative text, unless it is marked decorative.',
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    if (!figure || isDecorative(figure) || text(figure.alt) !== '') return []
    return [
      {
        path: ['alt'],
        message:
          'The image has no alternative text, so readers who cannot see it learn nothing from it. Describe what it ' +
          'shows and why it is there, or tick “Decorative image” if it adds nothing to the text.',
      },
    ]
  },
})

export const figureDecorativeAltRule = defineRule<FigureInput>({
  id: 'figure-decorative-alt',
  severity: 'error',
  description: 'An image marked decorative has no alternative text (screen readers skip it).',
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    if (!figure || !isDecorative(figure) || text(figure.alt) === '') return []
    return [
      {
        path: ['alt'],
        message:
          'The image is marked decorative, so screen readers skip it, yet it has alternative text. Untick ' +
          '“Decorative image” if the text matters to readers, or clear the alternative text.',
      },
    ]
  },
})

export const figureAltLengthRule = defineRule<FigureInput>({
  id: 'figure-alt-length',
  severity: 'warning',
  description: `Alternative text is at most ${FIGURE_ALT_SOFT_LIMIT} characters (longer descriptions belong in the caption or the text).`,
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    // Count what a reader hears: code points, not UTF-16 units.
    const length = figure ? [...text(figure.alt)].length : 0
    if (length <= FIGURE_ALT_SOFT_LIMIT) return []
    return [
      {
        path: ['alt'],
        message:
          `The alternative text is ${length} characters long; screen reader users hear it in one go. Keep it to at ` +
          `most ${FIGURE_ALT_SOFT_LIMIT} characters and put the details in the caption or the text.`,
      },
    ]
  },
})

/** Words a screen reader already says ("image"): the alt text should start with what the image shows. */
const REDUNDANT_PREFIX = /^(?:an?\s+|the\s+)?(image|picture|photo|photograph|graphic)\s+of\b/i

export const figureAltPrefixRule = defineRule<FigureInput>({
  id: 'figure-alt-prefix',
  severity: 'warning',
  description: 'Alternative text does not start with “image of”, “picture of”, “photo of” or “graphic of”.',
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    const match = figure ? REDUNDANT_PREFIX.exec(text(figure.alt)) : null
    if (!match) return []
    return [
      {
        path: ['alt'],
        message:
          `The alternative text starts with “${match[0]}”; screen readers already announce an image. Start with ` +
          'what it shows.',
      },
    ]
  },
})

/** Case and spacing do not make a caption say anything the alt text did not. */
function comparable(value: unknown): string {
  return text(value).normalize('NFC').toLowerCase().replace(/\s+/g, ' ')
}

export const figureCaptionRepeatsAltRule = defineRule<FigureInput>({
  id: 'figure-caption-repeats-alt',
  severity: 'warning',
  description: 'The caption does not repeat the alternative text (screen reader users would hear it twice).',
  check(value): RuleIssue[] {
    const figure = figureOf(value)
    if (!figure || comparable(figure.caption) === '' || comparable(figure.caption) !== comparable(figure.alt)) return []
    return [
      {
        path: ['caption'],
        message:
          'The caption repeats the alternative text, so screen reader users hear it twice. Let the alternative ' +
          'text describe the image and the caption add what everyone should know about it.',
      },
    ]
  },
})

function rightsRule(field: 'credit' | 'licence', id: string, what: string, example: string) {
  return defineRule<FigureInput>({
    id,
    severity: 'error',
    description: `An image the publisher does not own names its ${what}.`,
    check(value): RuleIssue[] {
      const figure = figureOf(value)
      if (!figure || figure.publisherOwned === true || text(figure[field]) !== '') return []
      return [
        {
          path: [field],
          message:
            `The image is not marked as owned by the publisher and has no ${what}, so it may not be published. ` +
            `Give its ${what} (${example}), or tick “Owned by the publisher” if it is.`,
        },
      ]
    },
  })
}

export const figureCreditMissingRule = rightsRule(
  'credit',
  'figure-credit-missing',
  'credit',
  'who made it or where it comes from',
)
export const figureLicenceMissingRule = rightsRule(
  'licence',
  'figure-licence-missing',
  'licence',
  'e.g. “CC BY 4.0” or “All rights reserved”',
)

/** Every figure rule, in report order. */
export const figureRules = [
  figureAssetMissingRule,
  figureAltMissingRule,
  figureDecorativeAltRule,
  figureAltLengthRule,
  figureAltPrefixRule,
  figureCaptionRepeatsAltRule,
  figureCreditMissingRule,
  figureLicenceMissingRule,
] as const
