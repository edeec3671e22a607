import {hash} from 'node:crypto'
import {parentPort, workerData} from 'node:worker_threads'
import {readNdjsonLines} from './ndjson-lines.ts'
import type {LineHashes, LineHashesRequest} from './line-hashes.ts'

/**
 * The opening pass's second core: reads the dataset from `start` on, cut into lines exactly as the pass cuts them,
 * and posts the sha256 of each line by its offset (see `line-hashes.ts`). Lines too long to buffer are left out.
 */
const {file, start, maxLineBytes} = workerData as LineHashesRequest
const result: LineHashes = {offsets: [], lengths: [], hashes: []}
for await (const line of readNdjsonLines(file, {start, maxLineBytes})) {
  if (line.bytes === null) continue
  result.offsets.push(line.offset)
  result.lengths.push(line.length)
  result.hashes.push(hash('sha256', line.bytes, 'hex'))
}
parentPort?.postMessage(result)
