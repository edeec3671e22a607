import {readFileSync} from 'node:fs'
import {validateDocument} from '@sanity/validation'
import {evaluate, parse} from 'groq-js'
import {createSchema} from 'sanity'
import {describe, expect, it} from 'vitest'
import {diagnosticText, type Diagnostic} from '../pipeline/diagnostic.ts'
import {importMarkdownFiles, type DatasetDocument} from '../pipeline/import/index.ts'
import {articleQuery, settingsQuery} from '../pipeline/source/queries.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {validateArticle} from '../pipeline/validate/index.ts'
import {contentHash} from '../domain/content-hash.ts'
import {createLocalGroqClient} from './helpers/groq-client.ts'
import {reviewState} from '../domain/review-status.ts'
import {schemaTypes} from '../schemas/index.ts'
import {AS_OF, embeddedDataset} from './import-support.ts'

const schema = createSchema({name: 'default', types: schemaTypes})
const fixture = (name: string) => ({
  path: `tests/fixtures/import/${name}`,
  value: readFileSync(new URL(`./fixtures/import/${name}`, import.meta.url), 'utf8'),
})

/** Sanity's own validation of each imported document, with a groq-js client over the whole resulting dataset. */
async function schemaMarkers(documents: readonly DatasetDocument[], imported: readonly DatasetDocument[]) {
  const client = createLocalGroqClient(documents as Parameters<typeof createLocalGroqClient>[0])
  const markers: string[] = []
  for (const document of imported) {
    const result = await validateDocument({
      document: document as Parameters<typeof validateDocument>[0]['document'],
      schema,
      client: client.asValidationClient(),
      getDocumentExists: client.getDocumentExists,
    })
    for (const marker of result.markers)
      markers.push(
        `${marker.level} ${document._id} ${marker.path.map((segment) => (typeof segment === 'object' ? '[]' : String(segment))).join('.')}: ${marker.message}`,
      )
  }
  return markers
}

/** The pipeline's validation (schema field rules and editorial rules), as `vetted validate` runs it. */
async function pipelineFindings(documents: readonly DatasetDocument[], id: string) {
  const run = async <T>(query: string, params: Record<string, unknown>) =>
    (await (await evaluate(parse(query, {params}), {dataset: documents, params})).get()) as T
  const article = (await run<SourceArticle>(articleQuery, {id}))!
  const settings = await run<SourceSettings | null>(settingsQuery, {})
  const hash = await contentHash(article, (citationId) =>
    article.citations.find((citation) => citation._id === citationId),
  )
  const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf: AS_OF})
  return validateArticle({article, settings, review, contentHash: hash, asOf: AS_OF}).findings
}

const describeFinding = (finding: Diagnostic) => `${finding.severity} ${finding.ruleId}: ${diagnosticText(finding)}`

describe('imported documents and validation', () => {
  // The reference article, imported with new citations and its past review record.
  it('passes Sanity’s schema validation, and the pipeline finds what it finds in the embedded one', async () => {
    const embedded = embeddedDataset()
    // The medical reviewer is already a person with that role (an import never grants it); the author is new.
    const base = embedded.filter((document) => document._type === 'settings' || document._id === 'person.morgan-blair')
    const result = await importMarkdownFiles([fixture('infant-mental-health.md')], base, {acceptReviewRecords: true})
    expect(result.files[0]!.messages.map((message) => message.ruleId)).toContain('review-record-imported')
    const review = result.documents.find((document) => document._type === 'review')
    expect(review).toMatchObject({provenance: 'imported', reviewedOn: '2023-07-11'})
    const markers = await schemaMarkers(result.documents, result.imported)
    expect(markers.filter((marker) => marker.startsWith('error'))).toEqual([])
    const findings = (await pipelineFindings(result.documents, 'article.infant-mental-health'))
      .map(describeFinding)
      .sort()
    expect(findings.filter((finding) => finding.startsWith('error'))).toEqual([])
    expect(findings).toEqual(
      (await pipelineFindings(embedded, 'article.infant-mental-health')).map(describeFinding).sort(),
    )
  }, 120_000)

  it('a file lacking required data gets errors for exactly what it lacks, in the writer’s words', async () => {
    const base = embeddedDataset().filter((document) => document._type === 'settings')
    const result = await importMarkdownFiles([fixture('minimal.md')], base)
    expect(result.files[0]!.messages.map((message) => `${message.line}:${message.ruleId}`)).toEqual([
      '7:reference-unstructured',
    ])
    const citation = result.imported.find((document) => document._type === 'citation')!
    expect(citation).toMatchObject({rawText: 'A leaflet from the clinic waiting room, spring 2019', issued: '2019'})
    expect(
      (await schemaMarkers(result.documents, result.imported)).filter((marker) => marker.startsWith('error')),
    ).toEqual([
      `error ${citation._id} title: Give the title of the source.`,
      'error article.washing-your-hands summary: Write a short summary of the article.',
      'error article.washing-your-hands language: Set the language of the article, such as en.',
      'error article.washing-your-hands authors: Add at least one author.',
      'error article.washing-your-hands publishedAt: Set the date the article was first published.',
    ])
    const errors = (await pipelineFindings(result.documents, 'article.washing-your-hands')).filter(
      (finding) => finding.severity === 'error',
    )
    expect(errors.map((finding) => `${finding.ruleId} ${finding.place.path.join('.')}`)).toEqual([
      'required-field summary',
      'required-field language',
      'author-required authors',
      'publication-dates publishedAt',
      'review-unreviewed ',
      'citation-complete title',
      'citation-complete authors',
    ])
  }, 120_000)
})
