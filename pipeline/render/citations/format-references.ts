import {plugins, type CSL} from '@citation-js/core'
import '@citation-js/plugin-csl'
import type {ElementContent, Root} from 'hast'
import {fromHtml} from 'hast-util-from-html'
import {toText} from 'hast-util-to-text'
import {canonicalJson} from '../../../schemas/rules/canonical-json.ts'
import type {CitationStyle} from '../types.ts'
import type {CslItem} from './csl-json.ts'
import {AMA_CSL, AMA_STYLE_NAME} from './styles/ama.ts'

/** citation-js style names for the styles an article can ask for (APA and Vancouver ship with the plugin). */
const STYLE_NAMES: Record<CitationStyle, string> = {apa: 'apa', vancouver: 'vancouver', ama: AMA_STYLE_NAME}

export interface FormattedReference {
  /** The entry as hast, without its number (the reference list numbers entries itself). */
  children: ElementContent[]
  /** The same entry as plain text. */
  text: string
}

/** The few members of a citeproc-js engine used here. */
interface CiteprocEngine {
  updateItems: (ids: string[]) => unknown
  makeBibliography: () => [unknown, string[]] | false
  opt: {development_extensions: {wrap_url_and_doi: boolean}}
}

const csl = plugins.config.get('@csl')
if (!csl.styles.has(AMA_STYLE_NAME)) csl.styles.add(AMA_STYLE_NAME, AMA_CSL)

/**
 * Formatted entries, keyed by style, locale and the item's content (not its id): an unchanged source is formatted
 * once per process however many articles cite it. citation-js itself keeps one citeproc engine per style and
 * locale (its `fetchEngine`), so the engine's ~3 s build is paid once too.
 */
const cache = new Map<string, FormattedReference>()

/** The item id given to citeproc, the same for every entry so that ids never leak into the cached output. */
const ENTRY_ID = 'entry'

export function formatReference(item: CslItem, style: CitationStyle, locale: string): FormattedReference {
  const key = `${style}\u0000${locale}\u0000${canonicalJson({...item, id: ENTRY_ID})}`
  const cached = cache.get(key)
  if (cached) return {children: structuredClone(cached.children), text: cached.text}
  const formatted = formatUncached({...item, id: ENTRY_ID}, STYLE_NAMES[style], locale)
  cache.set(key, formatted)
  return {children: structuredClone(formatted.children), text: formatted.text}
}

function formatUncached(item: CslItem, styleName: string, locale: string): FormattedReference {
  // CslItem is the subset of CSL-JSON this project produces.
  const engine = csl.engine([item as unknown as CSL], styleName, locale, 'html') as CiteprocEngine
  // Links make DOIs and URLs followable in the page; the sanitizer still limits them to http(s).
  engine.opt.development_extensions.wrap_url_and_doi = true
  engine.updateItems([item.id])
  const bibliography = engine.makeBibliography()
  const html = bibliography ? (bibliography[1][0] ?? '') : ''
  const children = entryChildren(fromHtml(html, {fragment: true}))
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
  const content = (right ?? entry).children.filter((child) => !(child.type === 'element' && hasClass(child, 'csl-left-margin')))
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
