import {writeFile} from 'node:fs/promises'
import {fileURLToPath} from 'node:url'
import {buildDataset, toNdjson} from './dataset.ts'

/** Draws `images/` and writes `production.ndjson` next to this file: `npm run dataset:build`. */
const target = fileURLToPath(new URL('./production.ndjson', import.meta.url))
const documents = await buildDataset({writeImages: true})
await writeFile(target, toNdjson(documents))
console.log(`Wrote ${documents.length} documents to studio/dataset/production.ndjson`)
