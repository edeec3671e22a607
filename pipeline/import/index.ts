export {importArticle, type ArticleImport, type ImportArticleOptions, type ImportedImage} from './import-article.ts'
export {importMarkdownFiles, type ImportFilesOptions, type ImportResult, type MarkdownInput} from './import-files.ts'
export {
  applyDocuments,
  parseNdjson,
  sameContent,
  toNdjson,
  type ChangeKind,
  type DatasetDocument,
  type DocumentChange,
} from './dataset.ts'
export {mdastToPortableText, type MdastToPortableTextOptions} from './mdast-to-portable-text.ts'
export {readReference, type CitationFields, type ReadReference} from './reference-entry.ts'
export {structureReference, matchCitation, citationId, type StructuredReference} from './citations.ts'
export {writeDatasetAtomically} from './write-dataset.ts'
export {writeImages, type ImageCopy} from './write-images.ts'
export {IMPORT_SOURCE} from './messages.ts'
export {validateImported} from './validate-imported.ts'
