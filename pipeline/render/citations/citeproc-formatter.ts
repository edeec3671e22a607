import {plugins, type CSL} from '@citation-js/core'
import '@citation-js/plugin-csl'
import type {ElementContent, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import type {CitationStyle} from '../types.ts'
import type {CslItem} from './csl-json.ts'
import {itemForStyle} from './style-item.ts'
import {AMA_CSL, AMA_STYLE_NAME} from './styles/ama.ts'
import {VANCOUVER_CSL, VANCOUVER_STYLE_NAME} from './styles/vancouver.ts'

/**
 * The only module that loads citation-js and citeproc (~0.3 s to import; an APA engine takes 1–3 s to build and
 * ~80 MB). The export loads it only in the short-lived thread of its citation pre-pass (`pipeline/citation-prepass/`). Everything else reaches it through a dynamic `import()` on a cache miss.
 */

/** citation-js style names for the styles an article can ask for (APA ships with the plugin; the others are ours). */
const STYLE_NAMES: Record<CitationStyle, string> = {apa: 'apa', vancouver: VANCOUVER_STYLE_NAME, ama: AMA_STYLE_NAME}

/** The few members of a citeproc-js engine used here. */
interface CiteprocEngine {
  updateItems: (ids: string[]) => unknown
  makeBibliography: () => [unknown, string[]] | false
  opt: {development_extensions: {wrap_url_and_doi: boolean}}
  bibliography_sort: {tokens: unknown[]}
  citation: {tokens: unknown[]}
  disambiguate: {modes: string[]}
}

const csl = plugins.config.get('@csl')
if (!csl.styles.has(AMA_STYLE_NAME)) csl.styles.add(AMA_STYLE_NAME, AMA_CSL)
if (!csl.styles.has(VANCOUVER_STYLE_NAME)) csl.styles.add(VANCOUVER_STYLE_NAME, VANCOUVER_CSL)

export interface CiteprocEntry {
  /** Fresh nodes the caller owns. */
  children: ElementContent[]
  text: string
}

/**
 * Formats each item as if it were the only entry of its bibliography: no year suffixes, no cross-entry name
 * disambiguation, whatever else is in `items`. One citeproc engine per style and locale serves the whole process
 * (citation-js keeps it between calls); each item replaces the previous one in the engine's registry. Registering
 * all items together would not save the per-item work (each entry is still rendered once) and makes APA add
 * "2010a"/"2010b" to unrelated sources by the same author in the same year. What is left per APA source is
 * citeproc's rendering of the reference-list entry (~1–1.5 ms on the bench's machine) and its HTML read as hast.
 */
export function formatWithCiteproc(items: readonly CslItem[], style: CitationStyle, locale: string): CiteprocEntry[] {
  if (items.length === 0) return []
  // Ids local to this call: the engine's registry only ever holds the item being formatted, so they never clash.
  const entries = items.map((item, index) => ({...itemForStyle(item, style), id: `entry-${index}`}))
  // CslItem is the subset of CSL-JSON this project produces.
  const engine = csl.engine(entries as unknown as CSL[], STYLE_NAMES[style], locale, 'html') as CiteprocEngine
  // Links make DOIs and URLs followable in the page; the sanitizer still limits them to http(s).
  engine.opt.development_extensions.wrap_url_and_doi = true
  // The bibliography only ever holds one entry, so its sort keys order nothing; computing them (the style's
  // author, date and title macros, for every item registered) was a third of the time per source for APA.
  engine.bibliography_sort.tokens = []
  // Nor is an entry alone ever ambiguous, so citeproc's disambiguation has nothing to do, yet `updateItems` renders
  // each new item's in-text citation twice to find out (its ambiguity key, then its disambiguation base): with APA,
  // 40% of the time per source. Skipped here: the citation layout runs over no tokens and no disambiguation mode is
  // tried. What those renders leave for the bibliography is the item's base name settings, which do not change an
  // entry of the sources this project stores (one `author` list of people and organisations, five types; APA's
  // reference list re-derives given-name forms itself, Vancouver's and AMA's in-text citations are numbers).
  // tests/citations-alone.test.ts pins every entry to citeproc's full path, style by style.
  engine.citation.tokens = []
  engine.disambiguate.modes = []
  return entries.map((entry) => {
    // Registering only this id drops the previous one: the entry is formatted alone.
    engine.updateItems([entry.id])
    const bibliography = engine.makeBibliography()
    return entryFromHtml(bibliography ? (bibliography[1][0] ?? '') : '')
  })
}

/** One entry of citeproc's HTML bibliography as hast and text. */
export function entryFromHtml(html: string): CiteprocEntry {
  const children = withoutPositions(entryChildren(fromHtml(html, {fragment: true})))
  return {children, text: toText({type: 'root', children}).replace(/\s+/g, ' ').trim()}
}

/**
 * citeproc wraps an entry in `div.csl-entry`; numbered styles split it into `div.csl-left-margin` (the number)
 * and `div.csl-right-inline` (the text). Keep only the text's inline content.
 */
function entryChildren(tree: Root): ElementContent[] {
  const entry = findByClass(tree.children, 'csl-entry')
  if (!entry) return []
  const right = findByClass(entry.children, 'csl-right-inline')
  const content = (right ?? entry).children.filter(
    (child) => !(child.type === 'element' && hasClass(child, 'csl-left-margin')),
  )
  return trimText(content)
}

type HastElement = Extract<ElementContent, {type: 'element'}>

function findByClass(nodes: ReadonlyArray<Root['children'][number]>, name: string): HastElement | undefined {
  for (const node of nodes) {
    if (node.type !== 'element') continue
    if (hasClass(node, name)) return node
    const inner = findByClass(node.children, name)
    if (inner) return inner
  }
  return undefined
}

function hasClass(node: HastElement, name: string): boolean {
  const className = node.properties.className
  return Array.isArray(className) && className.includes(name)
}

function trimText(nodes: ElementContent[]): ElementContent[] {
  const out = nodes.filter((node) => node.type !== 'comment')
  const first = out[0]
  if (first?.type === 'text') first.value = first.value.replace(/^\s+/, '')
  const last = out.at(-1)
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '')
  return out.filter((node) => node.type !== 'text' || node.value !== '')
}

/**
 * Places in citeproc's HTML mean nothing in the article (nothing reports them) and would make a persisted entry
 * differ from a fresh one, so they are dropped.
 */
function withoutPositions(nodes: ElementContent[]): ElementContent[] {
  for (const node of nodes) {
    delete node.position
    if (node.type === 'element') withoutPositions(node.children)
  }
  return nodes
}
