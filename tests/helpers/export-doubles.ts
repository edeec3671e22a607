import {readFileSync} from 'node:fs'
import {openSource} from '../../pipeline/source/open.ts'
import type {Diagnostic} from '../../pipeline/diagnostic.ts'
import type {ExportStages} from '../../pipeline/export/stages.ts'
import type {RenderInput} from '../../pipeline/render/types.ts'
import type {ValidateArticleInput} from '../../pipeline/validate/types.ts'

/**
 * Stand-ins for validation and render so the release mechanics are tested on their own: the real source reads
 * the NDJSON fixtures, "validation" blocks a title containing BROKEN, and "render" writes small but
 * input-dependent files. The end-to-end suites use the real stages.
 */

export type TestStages = ExportStages & {renderedIds: string[]}

export const TEST_ARTICLE_SCHEMA = JSON.stringify(
  {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    required: ['id', 'title', 'asOf'],
    properties: {id: {type: 'string'}, title: {type: 'string'}, asOf: {type: 'string', format: 'date'}},
  },
  null,
  2,
)

export function testStages(): TestStages {
  const renderedIds: string[] = []
  const stages: Omit<ExportStages, 'articleSchema' | 'manifestSchema' | 'generator'> = {
    openSource,
    rendererVersion: 'test-1',
    validateArticle: (input: ValidateArticleInput) => {
      const findings: Diagnostic[] = []
      const place = {documentId: input.article._id, path: ['title']}
      if (!input.article.title || input.article.title.includes('BROKEN')) {
        findings.push({
          ruleId: 'test-title',
          source: 'test',
          severity: 'error',
          place,
          reason: 'The title is marked BROKEN;',
          note: 'fix the title.',
        })
      }
      if (input.article.title?.includes('WARN')) {
        findings.push({ruleId: 'test-warn', source: 'test', severity: 'warning', place, reason: 'A warning.'})
      }
      return {
        findings,
        blocked: findings.some(
          (finding) => finding.severity === 'error' || (input.strict === true && finding.severity === 'warning'),
        ),
      }
    },
    renderArticle: async (input: RenderInput) => {
      renderedIds.push(input.article._id)
      const {article} = input
      const json = {
        id: article._id,
        title: article.title ?? '',
        asOf: input.asOf,
        review: input.review.status,
        rev: article._rev,
      }
      return {
        files: {
          'index.html': `<!doctype html><title>${article.title}</title><h1>${article.title}</h1>\n`,
          'fragment.html': `<h1>${article.title}</h1>\n`,
          'article.json': `${JSON.stringify(json, null, 2)}\n`,
          'article.txt': `${article.title}\n`,
          'article.md': `# ${article.title}\n`,
        },
        messages: [],
      }
    },
  }
  return {
    ...stages,
    articleSchema: TEST_ARTICLE_SCHEMA,
    manifestSchema: readFileSync(new URL('../../pipeline/export/manifest.schema.json', import.meta.url), 'utf8'),
    generator: {name: 'vetted', version: '0.0.0-test'},
    workerModule: new URL('./export-worker-doubles.ts', import.meta.url),
    renderedIds,
  }
}
