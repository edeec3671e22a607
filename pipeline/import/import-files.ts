import {VFile} from 'vfile'
import {applyDocuments, type DatasetDocument, type DocumentChange} from './dataset.ts'
import {importArticle, type ImportArticleOptions, type ImportedImage} from './import-article.ts'

export interface MarkdownInput {
  /** Shown in messages (relative to the working directory, never absolute). */
  path: string
  value: string
}

export interface ImportResult {
  /** The dataset with every importable file applied, in order; documents keep their place, new ones are appended. */
  documents: DatasetDocument[]
  /** The documents the files give (matched ones included), each once, in the order they were first given. */
  imported: DatasetDocument[]
  /** What each file does to the dataset, one entry per document it gives. */
  changes: Array<DocumentChange & {file: string}>
  /** One per input, with every finding as a vfile message. */
  files: VFile[]
  /** The article each importable file gave, by the file's path. */
  articles: Array<{file: string; articleId: string}>
  /** The image files the imported figures name, each once (by name), with the Markdown file that first used it. */
  images: Array<ImportedImage & {file: string}>
}

export interface ImportFilesOptions extends ImportArticleOptions {
  /**
   * The folder the inputs' paths are relative to (image paths are resolved from each file's folder).
   * @defaultValue process.cwd()
   */
  cwd?: string
}

/**
 * Imports Markdown files one after the other, each matched against the dataset as the previous ones left it, so
 * two articles citing the same new source share one citation. A file with an error (no title, unreadable front
 * matter) contributes nothing.
 */
export async function importMarkdownFiles(
  inputs: readonly MarkdownInput[],
  dataset: readonly DatasetDocument[],
  options: ImportFilesOptions = {},
): Promise<ImportResult> {
  let documents = [...dataset]
  const imported = new Map<string, DatasetDocument>()
  const changes: ImportResult['changes'] = []
  const files: VFile[] = []
  const articles: ImportResult['articles'] = []
  const images = new Map<string, ImportResult['images'][number]>()
  for (const input of inputs) {
    const file = new VFile({path: input.path, value: input.value, ...(options.cwd ? {cwd: options.cwd} : {})})
    files.push(file)
    const result = await importArticle(file, documents, options)
    if (file.messages.some((message) => message.fatal === true) || result.articleId === null) continue
    articles.push({file: input.path, articleId: result.articleId})
    for (const image of result.images) if (!images.has(image.name)) images.set(image.name, {...image, file: input.path})
    const applied = applyDocuments(documents, result.documents)
    documents = applied.documents
    for (const change of applied.changes) changes.push({...change, file: input.path})
    for (const document of result.documents)
      imported.set(
        document._id,
        documents.find((candidate) => candidate._id === document._id)!,
      )
  }
  return {documents, imported: [...imported.values()], changes, files, articles, images: [...images.values()]}
}
