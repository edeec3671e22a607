import {readFileSync} from 'node:fs'
import {validateDocument, validateDocumentWithWorkspace} from '@sanity/validation'
import {getFallbackLocaleSource} from '@sanity/validation/_internal'
import {createSchema, type SanityClient, type SanityDocument} from 'sanity'
import {describe, expect, it} from 'vitest'
import {diagnosticText, formatPath} from '../pipeline/diagnostic.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {schemaTypes} from '../schemas/index.ts'
import {FIGURE_ALT_SOFT_LIMIT} from '../schemas/limits.ts'
import type {PathSegment} from '../schemas/rules/rule.ts'
import {editedArticle, runEngine} from './fixtures/validate/engine.ts'
import {createLocalGroqClient} from './helpers/groq-client.ts'

/**
 * The figure rules (issue 21) say the same thing at the same field in Studio, in `sanity documents validate` and in
 * the pipeline: an image without alternative text, or without the rights to publish it, blocks its article.
 */

type Doc = Record<string, unknown> & {_id: string; _type: string}

const schema = createSchema({name: 'default', types: schemaTypes})
const fixtures: Doc[] = readFileSync(new URL('fixtures/schema/documents.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc)

const ASSET = 'image-2c26b46b68ffc68ff99b453c1d30413413422d70-640x480-png'

/** A figure that passes every rule: described, credited, published with the right to. */
function goodFigure(key = 'fig1'): Record<string, unknown> {
  return {
    _type: 'figure',
    _key: key,
    asset: {_type: 'reference', _ref: ASSET},
    hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.5, width: 1, height: 1},
    alt: 'A line chart: a baby’s sleep falls from 16 hours a day at birth to 13 hours at one year.',
    caption: 'Total sleep per day in the first year.',
    credit: 'Diagram: Northfield Health Library',
    publisherOwned: true,
  }
}

function article(figure: Record<string, unknown> | undefined, leadImage?: Record<string, unknown>): Doc {
  const found = fixtures.find((document) => document._id === 'article.good')
  if (!found) throw new Error('No fixture article.good')
  const document = structuredClone(found)
  if (figure) document.body = [...(document.body as unknown[]), figure]
  if (leadImage) document.leadImage = leadImage
  return document
}

function sanityDocument(document: Doc): SanityDocument {
  return {_createdAt: '2023-07-01T00:00:00Z', _updatedAt: '2023-07-01T00:00:00Z', _rev: 'fixture', ...document}
}

/** Sanity's markers of the figure rules, as `level ruleId path: message`. */
async function sanityMarkers(document: Doc, environment: 'studio' | 'cli'): Promise<string[]> {
  const client = createLocalGroqClient([...fixtures.filter((other) => other._id !== document._id), document])
  const markers =
    environment === 'studio'
      ? await validateDocumentWithWorkspace({
          document: sanityDocument(document),
          workspace: {schema, getClient: () => client as unknown as SanityClient, i18n: getFallbackLocaleSource()},
          getDocumentExists: client.getDocumentExists,
          environment: 'studio',
        })
      : (
          await validateDocument({
            document: sanityDocument(document),
            schema,
            client: client.asValidationClient(),
            getDocumentExists: client.getDocumentExists,
          })
        ).markers
  return markers
    .filter((marker) => marker.code.startsWith('custom.figure-'))
    .map((marker) => {
      const path = formatPath(marker.path.filter((segment): segment is PathSegment => !Array.isArray(segment)))
      return `${marker.level} ${marker.code.replace('custom.', '')} ${path}: ${marker.message}`
    })
    .sort()
}

/** The same figure in the pipeline's fixture article: the engine's findings of the figure rules. */
async function pipelineFindings(figure: Record<string, unknown> | undefined, leadImage?: Record<string, unknown>) {
  const edited = await editedArticle((resolved: SourceArticle) => {
    if (figure) resolved.body = [...(resolved.body ?? []), figure as never]
    if (leadImage) resolved.leadImage = leadImage as never
  })
  const result = await runEngine(edited)
  return {
    blocked: result.blocked,
    lines: result.findings
      .filter((finding) => finding.ruleId.startsWith('figure-'))
      .map(
        (finding) =>
          `${finding.severity} ${finding.ruleId} ${formatPath(finding.place.path)}: ${diagnosticText(finding)}`,
      )
      .sort(),
  }
}

describe('the figure type in the Studio', () => {
  it('is Sanity’s image with hotspot, and the fields a writer fills in, in order', () => {
    const type = schema.get('figure') as unknown as {
      jsonType: string
      type?: {name: string}
      options?: {hotspot?: boolean}
      fields: Array<{name: string; type: {name: string}}>
    }
    expect(type.jsonType).toBe('object')
    expect(type.type?.name).toBe('image')
    expect(type.options?.hotspot).toBe(true)
    expect(type.fields.map((field) => `${field.name}:${field.type.name}`)).toEqual([
      'asset:reference',
      'media:globalDocumentReference',
      'hotspot:sanity.imageHotspot',
      'crop:sanity.imageCrop',
      'alt:string',
      'decorative:boolean',
      'caption:string',
      'credit:string',
      'licence:string',
      'publisherOwned:boolean',
    ])
  })

  it('is offered in the body next to text blocks, and as the article’s lead image', () => {
    const body = schema.get('blockContent') as unknown as {of: Array<{name: string}>}
    expect(body.of.map((member) => member.name)).toEqual(['block', 'figure'])
    const article = schema.get('article') as unknown as {fields: Array<{name: string; type: {name: string}}>}
    expect(article.fields.find((field) => field.name === 'leadImage')?.type.name).toBe('figure')
  })
})

describe('a figure that passes every rule', () => {
  it('has no marker in Studio or the CLI and no finding in the pipeline', async () => {
    const document = article(goodFigure(), goodFigure('lead'))
    expect(await sanityMarkers(document, 'studio')).toEqual([])
    expect(await sanityMarkers(document, 'cli')).toEqual([])
    expect(await pipelineFindings(goodFigure(), goodFigure('lead'))).toEqual({blocked: false, lines: []})
  })

  it('may be decorative with no alternative text', async () => {
    const decorative = {...goodFigure(), alt: '', decorative: true, caption: undefined}
    expect(await sanityMarkers(article(decorative), 'studio')).toEqual([])
    expect((await pipelineFindings(decorative)).lines).toEqual([])
  })
})

const cases: Array<[what: string, change: Record<string, unknown>, severity: string, rule: string, field: string]> = [
  ['no alternative text', {alt: undefined}, 'error', 'figure-alt-missing', 'alt'],
  ['blank alternative text', {alt: '   '}, 'error', 'figure-alt-missing', 'alt'],
  ['alternative text on a decorative image', {decorative: true}, 'error', 'figure-decorative-alt', 'alt'],
  [
    'alternative text over the limit',
    {alt: `A chart of sleep hours${'.'.repeat(FIGURE_ALT_SOFT_LIMIT)}`},
    'warning',
    'figure-alt-length',
    'alt',
  ],
  ['alternative text starting “Image of”', {alt: 'Image of a sleeping baby'}, 'warning', 'figure-alt-prefix', 'alt'],
  ['alternative text starting “a photo of”', {alt: 'a photo of a cot'}, 'warning', 'figure-alt-prefix', 'alt'],
  [
    'a caption that repeats the alt text',
    {alt: 'A cot by a window', caption: '  a cot  BY a window '},
    'warning',
    'figure-caption-repeats-alt',
    'caption',
  ],
  [
    'no credit on an image not owned',
    {publisherOwned: false, credit: undefined, licence: 'CC BY 4.0'},
    'error',
    'figure-credit-missing',
    'credit',
  ],
  [
    'no licence on an image not owned',
    {publisherOwned: undefined, credit: 'Photo: A. Person'},
    'error',
    'figure-licence-missing',
    'licence',
  ],
]

describe.each(cases)('a figure with %s', (_what, change, severity, rule, field) => {
  const figure = Object.fromEntries(
    Object.entries({...goodFigure(), ...change}).filter(([, value]) => value !== undefined),
  )

  it(`is ${severity === 'error' ? 'an error' : 'a warning'} (${rule}) at ${field}, in the body and as lead image, in Studio and the pipeline`, async () => {
    const inStudio = await sanityMarkers(article(figure, {...figure, _key: undefined}), 'studio')
    const inPipeline = await pipelineFindings(figure, {...figure, _key: undefined})
    expect(inStudio).toHaveLength(2)
    expect(inStudio.map((line) => line.split(':')[0])).toEqual([
      `${severity} ${rule} body[_key=="fig1"].${field}`,
      `${severity} ${rule} leadImage.${field}`,
    ])
    expect(inPipeline.lines).toEqual(inStudio)
    expect(inPipeline.blocked).toBe(severity === 'error')
    // `sanity documents validate` keeps the level: the rules sit on the fields, not on the image object.
    expect(await sanityMarkers(article(figure), 'cli')).toEqual(inStudio.filter((line) => line.includes('body[')))
  })
})

describe('a figure without an image', () => {
  it('is an error (figure-asset-missing) that blocks the article', async () => {
    const {asset: _asset, ...figure} = goodFigure()
    expect(await sanityMarkers(article(figure), 'studio')).toEqual([
      'error figure-asset-missing body[_key=="fig1"].asset: This image block has no image. Upload or choose an image, or remove the block.',
    ])
    const inPipeline = await pipelineFindings(figure)
    expect(inPipeline.lines).toEqual([
      'error figure-asset-missing body[_key=="fig1"].asset: This image block has no image. Upload or choose an image, or remove the block.',
    ])
    expect(inPipeline.blocked).toBe(true)
  })

  it('is not a figure at all when no lead image is set', async () => {
    expect(await sanityMarkers(article(undefined), 'studio')).toEqual([])
  })
})

describe('the words a writer reads', () => {
  it('say what is wrong and what to do', async () => {
    const {lines} = await pipelineFindings({...goodFigure(), alt: undefined})
    expect(lines).toEqual([
      'error figure-alt-missing body[_key=="fig1"].alt: The image has no alternative text, so readers who cannot see it ' +
        'learn nothing from it. Describe what it shows and why it is there, or tick “Decorative image” if it adds ' +
        'nothing to the text.',
    ])
  })
})
