import type {Element, ElementContent, Root} from 'xast'
import {fromXml} from 'xast-util-from-xml'
import {toXml} from 'xast-util-to-xml'
import {ImageError} from './image-error.ts'

/**
 * SVG by allowlist: the drawing elements and presentation attributes a diagram needs, nothing that runs, loads or
 * reaches outside the file. Gone: scripts, event handlers, `foreignObject`, `style` (elements and attributes: CSS can
 * load with `url()` and `@import`), animation (it can set `href`), `image`, links, processing instructions, doctypes
 * and comments; an `href` or a `url()` stays only when it points inside the file (`#id`). Unknown elements are
 * dropped with their content, unknown attributes alone. The result is a standalone SVG file with the SVG namespace,
 * as `<img>` needs it.
 */

const SVG_NS = 'http://www.w3.org/2000/svg'

const ELEMENTS = new Set([
  'svg',
  'g',
  'defs',
  'symbol',
  'use',
  'title',
  'desc',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'textPath',
  'linearGradient',
  'radialGradient',
  'stop',
  'clipPath',
  'mask',
  'marker',
  'pattern',
])

/** Elements whose text is drawn or read out; text anywhere else is whitespace between tags. */
const TEXT_ELEMENTS = new Set(['title', 'desc', 'text', 'tspan', 'textPath'])

const ATTRIBUTES = new Set([
  'id',
  'class',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'cx',
  'cy',
  'r',
  'rx',
  'ry',
  'fx',
  'fy',
  'dx',
  'dy',
  'width',
  'height',
  'd',
  'points',
  'pathLength',
  'viewBox',
  'preserveAspectRatio',
  'transform',
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'stroke-dasharray',
  'stroke-dashoffset',
  'opacity',
  'color',
  'clip-path',
  'clip-rule',
  'mask',
  'marker-start',
  'marker-mid',
  'marker-end',
  'markerWidth',
  'markerHeight',
  'markerUnits',
  'refX',
  'refY',
  'orient',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'alignment-baseline',
  'letter-spacing',
  'textLength',
  'lengthAdjust',
  'offset',
  'stop-color',
  'stop-opacity',
  'gradientUnits',
  'gradientTransform',
  'spreadMethod',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'visibility',
  'display',
  'vector-effect',
  'shape-rendering',
  'role',
  'aria-label',
  'aria-labelledby',
  'aria-describedby',
  'aria-hidden',
  'focusable',
  'lang',
  'xml:lang',
  'xml:space',
  'version',
  'href',
  'xlink:href',
])

/** `url(#id)`, and nothing else, may appear in a value (fill, clip-path, marker-end, ...). */
const URL_FUNCTION = /url\s*\(/i
const LOCAL_URL = /^\s*url\(\s*(["']?)#[A-Za-z_][\w.:-]*\1\s*\)\s*$/
const LOCAL_HREF = /^\s*#[A-Za-z_][\w.:-]*\s*$/

export interface SanitizedSvg {
  svg: string
  /** The root element's attributes after sanitizing, for measuring. */
  root: Record<string, string>
}

export function sanitizeSvg(markup: string): SanitizedSvg {
  let tree: Root
  try {
    tree = fromXml(markup)
  } catch (error) {
    throw new ImageError(`the SVG is not well-formed XML (${(error as Error).message})`)
  }
  const roots = tree.children.filter((node): node is Element => node.type === 'element')
  const source = roots[0]
  if (roots.length !== 1 || source === undefined || localName(source.name) !== 'svg')
    throw new ImageError('the file has no single <svg> root element')
  // A prefixed root (`<svg:svg xmlns:svg=…>`) is read as plain `svg`; prefixed elements inside are dropped.
  const root = cleanElement({...source, name: 'svg'})!
  root.attributes = {xmlns: SVG_NS, ...root.attributes}
  if (usesXlink(root)) root.attributes['xmlns:xlink'] = 'http://www.w3.org/1999/xlink'
  const attributes = Object.fromEntries(
    Object.entries(root.attributes).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  )
  return {svg: `${toXml({type: 'root', children: [root]}, {closeEmptyElements: true})}\n`, root: attributes}
}

function cleanElement(node: Element): Element | null {
  if (!ELEMENTS.has(node.name)) return null
  const attributes: Record<string, string> = {}
  for (const [name, value] of Object.entries(node.attributes)) {
    if (typeof value !== 'string' || !ATTRIBUTES.has(name)) continue
    if ((name === 'href' || name === 'xlink:href') && !LOCAL_HREF.test(value)) continue
    if (URL_FUNCTION.test(value) && !LOCAL_URL.test(value)) continue
    attributes[name] = value
  }
  const children: ElementContent[] = []
  for (const child of node.children) {
    if (child.type === 'element') {
      const clean = cleanElement(child)
      if (clean) children.push(clean)
    } else if (child.type === 'text' || child.type === 'cdata') {
      if (TEXT_ELEMENTS.has(node.name)) children.push({type: 'text', value: child.value})
      else if (child.value.trim() === '') children.push({type: 'text', value: child.value})
    }
  }
  return {type: 'element', name: node.name, attributes, children}
}

function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1)
}

function usesXlink(node: Element): boolean {
  return 'xlink:href' in node.attributes || node.children.some((child) => child.type === 'element' && usesXlink(child))
}

/**
 * A sanitized SVG's size in CSS pixels: `width` and `height` when both are plain lengths (px or no unit), else
 * scaled from the `viewBox`, as a browser sizes an `<img>`; null when neither says.
 */
export function svgSize(root: Record<string, string>): {width: number; height: number} | null {
  const width = pixels(root.width)
  const height = pixels(root.height)
  if (width !== null && height !== null) return {width, height}
  const box = (root.viewBox ?? '')
    .trim()
    .split(/[\s,]+/)
    .map(Number)
  const [, , boxWidth = 0, boxHeight = 0] = box
  if (box.length !== 4 || !box.every(Number.isFinite) || !(boxWidth > 0 && boxHeight > 0)) return null
  if (width !== null) return {width, height: Math.max(1, Math.round((width * boxHeight) / boxWidth))}
  if (height !== null) return {width: Math.max(1, Math.round((height * boxWidth) / boxHeight)), height}
  return {width: Math.max(1, Math.round(boxWidth)), height: Math.max(1, Math.round(boxHeight))}
}

function pixels(value: string | undefined): number | null {
  const match = value === undefined ? null : /^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$/.exec(value)
  const number = match ? Math.round(Number(match[1])) : 0
  return number > 0 ? number : null
}
