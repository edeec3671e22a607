import type {Heading, Image, List, Paragraph, RootContent, Yaml} from 'mdast'
import {readFigureCreditLine, type FigureCreditFields} from '../render/formats/figure-credit-line.ts'
import {plainText} from './plain-text.ts'

/** The parts of an article file, as `vetted export` lays them out (and as people write them by hand). */
export interface ArticleSections {
  frontMatter?: Yaml
  /** A level-1 heading before anything else: the title. */
  titleHeading?: Heading
  /** The paragraph after the title that repeats the front matter's summary. */
  summaryParagraph?: Paragraph
  /** "Written by … Medically reviewed by …": the export's byline, derived from the front matter's people. */
  byline?: Paragraph
  /** The export's "**Review notice:** …" paragraph, derived from the review status: never imported. */
  reviewNotice?: Paragraph
  /**
   * The lead image as the export writes it under the byline: the paragraph of one image whose path the front matter
   * names as `leadImage`, and the credit line under it, if any.
   */
  leadImage?: RootContent[]
  /** The export's "Key takeaways" section: the heading and its list. */
  keyTakeaways?: {heading: Heading; list: List; items: string[]}
  /** The export's "**Safety notice:** …" paragraph. */
  safetyNotice?: {paragraph: Paragraph; text: string}
  body: RootContent[]
  /** The `## References` heading, its list of entries and anything else in the section. */
  references?: {heading: Heading; list?: List; other: RootContent[]}
  /** The export's `## About this content` section: the publisher's notices, which live in the settings. */
  notices?: {heading: Heading; paragraphs: string[]}
  /** The export's `## About the contributors` section: the people's bios and job titles, which live in `person`. */
  contributors?: {heading: Heading}
}

const REFERENCE_HEADINGS = ['references', 'reference list', 'sources', 'bibliography']
const NOTICE_HEADING = 'about this content'
const CONTRIBUTORS_HEADING = 'about the contributors'
/** The notices section's last line, from the settings' publisher: not a notice. */
const PUBLISHED_BY = /^Published by .+\.$/s
const BYLINE = /^(?:Written by .+?)?(?:(?:^|\. )Medically reviewed by .+)?\.$/s

/**
 * Splits the top level of a Markdown file into front matter, the export's lead (title, summary, byline, key
 * takeaways, safety notice), the body, the reference list and the publisher's notices. The lead is recognised only
 * in the order the export writes it, and the summary only when it repeats the front matter's word for word, so an
 * article that simply opens with a paragraph keeps it.
 */
export function articleSections(
  children: readonly RootContent[],
  summary: string | undefined,
  leadImage?: string,
): ArticleSections {
  const sections: ArticleSections = {body: []}
  let index = 0
  if (children[0]?.type === 'yaml') sections.frontMatter = children[index++] as Yaml
  const at = (offset = 0) => children[index + offset]
  const first = at()
  if (first?.type === 'heading' && first.depth === 1) {
    sections.titleHeading = first
    index++
  }
  const summaryCandidate = at()
  if (
    summary !== undefined &&
    summaryCandidate?.type === 'paragraph' &&
    plainText(summaryCandidate).trim() === summary.trim()
  ) {
    sections.summaryParagraph = summaryCandidate
    index++
  }
  const bylineCandidate = at()
  if (bylineCandidate?.type === 'paragraph' && isByline(plainText(bylineCandidate))) {
    sections.byline = bylineCandidate
    index++
  }
  const reviewNotice = at()
  if (isLabelled(reviewNotice, 'Review notice:')) {
    sections.reviewNotice = reviewNotice
    index++
  }
  const lead = at()
  if (leadImage !== undefined && lead?.type === 'paragraph' && imageOnly(lead)?.url === leadImage) {
    sections.leadImage = [lead]
    index++
    const credit = at()
    if (isFigureCreditLine(credit)) {
      sections.leadImage.push(credit)
      index++
    }
  }
  const takeawaysHeading = at()
  const takeawaysList = at(1)
  if (isHeading(takeawaysHeading, 2, ['key takeaways']) && takeawaysList?.type === 'list') {
    sections.keyTakeaways = {
      heading: takeawaysHeading,
      list: takeawaysList,
      items: takeawaysList.children.map((item) => plainText(item).trim()).filter(Boolean),
    }
    index += 2
  }
  const notice = at()
  if (
    notice?.type === 'paragraph' &&
    notice.children[0]?.type === 'strong' &&
    plainText(notice.children[0]).trim() === 'Safety notice:'
  ) {
    sections.safetyNotice = {
      paragraph: notice,
      text: plainText({type: 'paragraph', children: notice.children.slice(1)}).trim(),
    }
    index++
  }
  const rest = children.slice(index)
  const referencesAt = findLastIndex(rest, (node) => isHeading(node, 2, REFERENCE_HEADINGS))
  const noticesAt = findLastIndex(
    rest,
    (node, position) => position > referencesAt && isHeading(node, 2, [NOTICE_HEADING]),
  )
  const contributorsAt = findLastIndex(
    rest,
    (node, position) => position > referencesAt && isHeading(node, 2, [CONTRIBUTORS_HEADING]),
  )
  const sectionEnd = (start: number) => {
    const next = rest.findIndex((node, position) => position > start && node.type === 'heading' && node.depth <= 2)
    return next === -1 ? rest.length : next
  }
  const skip = new Set<number>()
  if (referencesAt !== -1) {
    const end = sectionEnd(referencesAt)
    const content = rest.slice(referencesAt + 1, end)
    const list = content.find((node): node is List => node.type === 'list')
    sections.references = {
      heading: rest[referencesAt] as Heading,
      ...(list ? {list} : {}),
      other: content.filter((node) => node !== list),
    }
    for (let position = referencesAt; position < end; position++) skip.add(position)
  }
  if (noticesAt !== -1) {
    const end = sectionEnd(noticesAt)
    const paragraphs = rest
      .slice(noticesAt + 1, end)
      .map((node) => plainText(node).trim())
      .filter(Boolean)
    if (PUBLISHED_BY.test(paragraphs.at(-1) ?? '')) paragraphs.pop()
    sections.notices = {heading: rest[noticesAt] as Heading, paragraphs}
    for (let position = noticesAt; position < end; position++) skip.add(position)
  }
  if (contributorsAt !== -1) {
    sections.contributors = {heading: rest[contributorsAt] as Heading}
    for (let position = contributorsAt; position < sectionEnd(contributorsAt); position++) skip.add(position)
  }
  sections.body = rest.filter((_node, position) => !skip.has(position))
  return sections
}

/** The image of a paragraph that holds nothing else (spaces aside), else undefined. */
export function imageOnly(node: Paragraph): Image | undefined {
  const content = node.children.filter((child) => !(child.type === 'text' && child.value.trim() === ''))
  return content.length === 1 && content[0]!.type === 'image' ? content[0] : undefined
}

/** A paragraph that is one italic credit line as the export writes it under a figure (`figure-credit-line.ts`). */
export function isFigureCreditLine(node: RootContent | undefined): node is Paragraph {
  return figureCreditOf(node) !== null
}

/** The credit fields of such a paragraph, or null. */
export function figureCreditOf(node: RootContent | undefined): FigureCreditFields | null {
  if (node?.type !== 'paragraph' || node.children.length !== 1) return null
  const emphasis = node.children[0]!
  if (emphasis.type !== 'emphasis' || !emphasis.children.every((child) => child.type === 'text')) return null
  return readFigureCreditLine(plainText(emphasis))
}

function isLabelled(node: RootContent | undefined, label: string): node is Paragraph {
  if (node?.type !== 'paragraph') return false
  const first = node.children[0]
  return first?.type === 'strong' && plainText(first).trim() === label
}

export function isByline(text: string): boolean {
  return (text.startsWith('Written by ') || text.startsWith('Medically reviewed by ')) && BYLINE.test(text)
}

function isHeading(node: RootContent | undefined, depth: number, texts: readonly string[]): node is Heading {
  return node?.type === 'heading' && node.depth === depth && texts.includes(plainText(node).trim().toLowerCase())
}

function findLastIndex<T>(items: readonly T[], predicate: (item: T, index: number) => boolean): number {
  for (let index = items.length - 1; index >= 0; index--) if (predicate(items[index]!, index)) return index
  return -1
}
