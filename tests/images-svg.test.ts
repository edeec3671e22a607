import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {ImageError} from '../pipeline/images/image-error.ts'
import {probeImage} from '../pipeline/images/probe.ts'
import {sanitizeSvg, svgSize} from '../pipeline/images/sanitize-svg.ts'
import {DIAGRAM_SVG} from './helpers/image-fixtures.ts'

/** SVG figures are published only after an allowlist has removed everything that runs, loads or leaves the file. */

describe('sanitizeSvg', () => {
  it('keeps a clean diagram whole: shapes, text, markers, gradients and local url(#id) references', () => {
    const {svg} = sanitizeSvg(DIAGRAM_SVG)
    for (const kept of [
      '<title id="t">Two boxes joined by an arrow</title>',
      'marker-end="url(#arrow)"',
      'fill="url(#grad)"',
      '>Parent</text>',
      'viewBox="0 0 200 100"',
    ])
      expect(svg).toContain(kept)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
  })

  const hostile: Array<[string, string, RegExp]> = [
    [
      'a script element',
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><rect width="1" height="1"/></svg>',
      /script|alert/i,
    ],
    [
      'a CDATA script',
      '<svg xmlns="http://www.w3.org/2000/svg"><script><![CDATA[alert(1)]]></script></svg>',
      /script|alert/i,
    ],
    [
      'event handlers',
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect onclick="alert(2)" onmouseover="x()" width="1" height="1"/></svg>',
      /\bon[a-z]+=|alert/i,
    ],
    [
      'foreignObject with HTML',
      '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></body></foreignObject></svg>',
      /foreignObject|iframe|evil/i,
    ],
    [
      'a javascript: link',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
      /javascript|<a\b/i,
    ],
    [
      'an external use',
      '<svg xmlns="http://www.w3.org/2000/svg"><use href="https://evil.example/sprite.svg#x"/></svg>',
      /evil|href=/i,
    ],
    [
      'an external image',
      '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/track.png" width="1" height="1"/></svg>',
      /evil|<image/i,
    ],
    [
      'a data: image',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="data:image/svg+xml;base64,PHN2Zz4="/></svg>',
      /data:|href/i,
    ],
    [
      'a style element with url()',
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css); rect{fill:url(https://evil.example/)}</style></svg>',
      /style|evil|@import/i,
    ],
    [
      'a style attribute',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://evil.example/)" width="1" height="1"/></svg>',
      /style=|evil/i,
    ],
    [
      'an external url() in a presentation attribute',
      '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(https://evil.example/#g)" width="1" height="1"/></svg>',
      /evil|url\(/i,
    ],
    [
      'animation that sets href',
      '<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><animate attributeName="href" values="javascript:alert(1)"/><text>x</text></a></svg>',
      /set|animate|javascript/i,
    ],
    [
      'a processing instruction and a doctype with an entity',
      '<?xml-stylesheet href="https://evil.example/x.css"?><!DOCTYPE svg [<!ENTITY x "boom">]><svg xmlns="http://www.w3.org/2000/svg"><!-- hi --><rect width="1" height="1"/></svg>',
      /evil|DOCTYPE|ENTITY|<!--|<\?/i,
    ],
    [
      'an iframe straight in the SVG',
      '<svg xmlns="http://www.w3.org/2000/svg"><iframe xmlns="http://www.w3.org/1999/xhtml" src="javascript:alert(1)"/></svg>',
      /iframe|javascript/i,
    ],
    [
      'editor namespaces',
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="x" inkscape:version="1"><inkscape:script>alert(1)</inkscape:script></svg>',
      /inkscape|alert/i,
    ],
  ]

  it.each(hostile)('removes %s', (_name, input, forbidden) => {
    const {svg} = sanitizeSvg(input)
    expect(svg).not.toMatch(forbidden)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
  })

  it('keeps only local references: #id stays, anything else goes', () => {
    const {svg} = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg"><defs><path id="p" d="M0 0"/></defs><use href="#p"/><use href=" #p"/><use href="p"/></svg>',
    )
    expect(svg.match(/<use[^>]*>/g)).toEqual(['<use href="#p" />', '<use href=" #p" />', '<use />'])
  })

  it('refuses what is not one well-formed <svg> document', () => {
    expect(() => sanitizeSvg('<svg><rect></svg>')).toThrow(ImageError)
    expect(() => sanitizeSvg('<html><body/></html>')).toThrow(/single <svg> root/)
  })
})

describe('svgSize', () => {
  it('takes width and height in pixels, else scales the viewBox', () => {
    expect(svgSize({width: '400', height: '200px'})).toEqual({width: 400, height: 200})
    expect(svgSize({viewBox: '0 0 300 150'})).toEqual({width: 300, height: 150})
    expect(svgSize({width: '600', viewBox: '0 0 300 150'})).toEqual({width: 600, height: 300})
    expect(svgSize({width: '100%', height: '50%', viewBox: '0,0,40,20'})).toEqual({width: 40, height: 20})
    expect(svgSize({width: '10em'})).toBeNull()
  })

  it('is how probeImage measures an SVG (without handing it to libvips)', async () => {
    expect(await probeImage(Buffer.from(DIAGRAM_SVG))).toEqual({
      format: 'svg',
      mimeType: 'image/svg+xml',
      width: 400,
      height: 200,
    })
    await expect(probeImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).rejects.toThrow(
      /neither a width/,
    )
  })
})

describe("the embedded dataset's SVG drawings", () => {
  const dir = new URL('../studio/dataset/images/', import.meta.url)
  const svgs = readdirSync(dir).filter((file) => file.endsWith('.svg'))

  it('are there', () => {
    expect(svgs.length).toBeGreaterThan(0)
  })

  // The release publishes the sanitizer's output; when that is the file itself, an article.md re-imported from a
  // release reads the original's bytes, so its figure names the same asset (sha1) as before.
  it.each(svgs)('%s is a fixed point of the sanitizer: what the release publishes is the file itself', (file) => {
    const svg = readFileSync(new URL(file, dir), 'utf8')
    const sanitized = sanitizeSvg(svg)
    expect(sanitized.svg).toBe(svg)
  })
})
