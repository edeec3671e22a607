import {isUtf8} from 'node:buffer'
import {hash} from 'node:crypto'
import {parentPort, workerData} from 'node:worker_threads'
import {articleDocument, articleSummary} from './article-line.ts'
import {isBlank, readNdjsonLines} from './ndjson-lines.ts'
import type {HalfLine, ScanHalfData} from './scan-half.ts'

/**
 * The thread `secondHalfScanned` starts: reads the file from `start`, hashes each line and summarises each article
 * line (`articleSummary`); every other line, and an article line it cannot read, is left to the pass. Posts batches
 * of lines, then null.
 */
const {file, start, maxLineBytes, maxDepth} = workerData as ScanHalfData
const BATCH = 128

let batch: HalfLine[] = []
for await (const line of readNdjsonLines(file, {maxLineBytes, start})) {
  const {number, offset, length, bytes} = line
  if (bytes === null) batch.push({number, offset, length, tooLong: true, blank: false, hash: ''})
  else if (isBlank(bytes)) batch.push({number, offset, length, tooLong: false, blank: true, hash: ''})
  else {
    const article = summarise(bytes)
    const digest = hash('sha256', bytes, 'hex')
    batch.push({number, offset, length, tooLong: false, blank: false, hash: digest, ...(article ? {article} : {})})
  }
  if (batch.length === BATCH) {
    parentPort?.postMessage(batch)
    batch = []
  }
}
parentPort?.postMessage(batch)
parentPort?.postMessage(null)

function summarise(bytes: Buffer): ReturnType<typeof articleSummary> | undefined {
  // What the pass would report of a line (bytes that are not UTF-8, malformed JSON...) it finds again itself.
  if (!isUtf8(bytes)) return undefined
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  const document = articleDocument(value)
  return document ? articleSummary(document, maxDepth) : undefined
}
