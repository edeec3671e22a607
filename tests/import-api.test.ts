import {expect, it} from 'vitest'
import * as api from '../pipeline/import/index.ts'

it('exports the import’s public API, and nothing else', () => {
  expect(Object.keys(api).sort()).toEqual([
    'IMPORT_SOURCE',
    'applyDocuments',
    'citationId',
    'importArticle',
    'importMarkdownFiles',
    'matchCitation',
    'mdastToPortableText',
    'parseNdjson',
    'readReference',
    'sameContent',
    'structureReference',
    'toNdjson',
    'validateImported',
    'writeDatasetAtomically',
    'writeImages',
  ])
})
