import {readFileSync} from 'node:fs'
import {validateDocumentWithWorkspace} from '@sanity/validation'
import {getFallbackLocaleSource} from '@sanity/validation/_internal'
import {createSchema, type SanityClient, type SanityDocument} from 'sanity'
import {describe, expect, it} from 'vitest'
import {schemaTypes} from '../schemas/index.ts'
import {createLocalGroqClient} from './helpers/groq-client.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import type {PathSegment} from '../schemas/rules/rule.ts'
import {diagnosticText, formatPath} from '../pipeline/diagnostic.ts'
import {editedArticle, runEngine, setSpanText} from './fixtures/validate/engine.ts'

/**
 * Studio and pipeline report the same editorial findings: the article of tests/fixtures/validate, damaged the
 * same way, once as the stored document through Sanity's validation in its Studio environment, once as the
 * resolved article through the pipeline's engine.
 */

const EDITORIAL = new Set([
  'empty-block',
  'link-text',
  'missing-space',
  'doubled-word',
  'reading-grade',
  'citation-marker-orphan',
])
const schema = createSchema({name: 'default', types: schemaTypes})
const documents = readFileSync(new URL('fixtures/validate/unreviewed.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as SanityDocument)

const DENSE =
  'Physiological regulation of extracellular osmolality necessitates continuous compensatory ingestion of fluids, particularly during intensive physical exertion, febrile illness or considerable gastrointestinal disturbance. Homeostatic mechanisms consequently prioritise intravascular volume.'

function damage(article: Pick<SourceArticle, 'body' | 'summary'>): void {
  const resolved = article as SourceArticle
  setSpanText(resolved, 'tips-p1', 'tips-p1-s2', 'click here')
  setSpanText(
    resolved,
    'how-p1',
    'how-p1-s1',
    'Most healthy adults need about six to to eight cups of fluid a day.You may need more when it is hot.',
  )
  setSpanText(resolved, 'intro', 'intro-s1', DENSE)
  resolved.body!.push({_type: 'block', _key: 'blank', style: 'normal', markDefs: [], children: []})
  const text = 'Randomised investigations substantiate considerable physiological consequences [2, 3].'
  const orphan = {_type: 'span', _key: 'orphan-s1', text, marks: []}
  resolved.body!.push({_type: 'block', _key: 'orphan', style: 'normal', markDefs: [], children: [orphan]} as never)
  article.summary = 'How much water adults need each day.Also the signs that you need more.'
}

async function studioMarkers(document: SanityDocument): Promise<string[]> {
  const client = createLocalGroqClient(documents.map((stored) => (stored._id === document._id ? document : stored)))
  const markers = await validateDocumentWithWorkspace({
    document,
    workspace: {schema, getClient: () => client as unknown as SanityClient, i18n: getFallbackLocaleSource()},
    getDocumentExists: client.getDocumentExists,
    environment: 'studio',
  })
  return markers
    .map((marker) => ({
      ruleId: marker.code.replace(/^custom\./, ''),
      level: marker.level,
      path: formatPath(marker.path.filter((segment): segment is PathSegment => !Array.isArray(segment))),
      message: marker.message,
    }))
    .filter((marker) => EDITORIAL.has(marker.ruleId))
    .map((marker) => `${marker.level} ${marker.ruleId} ${marker.path}: ${marker.message}`)
    .sort()
}

describe('editorial rules in Studio', () => {
  it('mark the same fields with the same words as the pipeline', async () => {
    const stored = structuredClone(documents.find((document) => document._type === 'article'))
    if (!stored) throw new Error('The fixture dataset has no article')
    damage(stored as unknown as SourceArticle)
    const inStudio = await studioMarkers(stored)

    const resolved = await editedArticle(damage)
    const inPipeline = (await runEngine(resolved)).findings
      .filter((finding) => EDITORIAL.has(finding.ruleId))
      .map(
        (finding) =>
          `${finding.severity} ${finding.ruleId} ${formatPath(finding.place.path)}: ${diagnosticText(finding)}`,
      )
      .sort()

    expect(inStudio.map((line) => line.split(':')[0])).toEqual([
      'error citation-marker-orphan body[_key=="orphan"].children[_key=="orphan-s1"]',
      'warning doubled-word body[_key=="how-p1"].children[_key=="how-p1-s1"]',
      'warning empty-block body[_key=="blank"]',
      'warning link-text body[_key=="tips-p1"].children[_key=="tips-p1-s2"]',
      'warning missing-space body[_key=="how-p1"].children[_key=="how-p1-s1"]',
      'warning missing-space summary',
      'warning reading-grade body[_key=="intro"]',
    ])
    expect(inStudio).toEqual(inPipeline)
  })
})
