import {once} from 'node:events'
import {createWriteStream} from 'node:fs'
import {generateDataset, type GenerateOptions} from './generate.ts'

/** Writes a generated dataset as NDJSON, one document a line, streaming. */
export async function writeDataset(file: string, options: GenerateOptions): Promise<number> {
  const out = createWriteStream(file)
  let count = 0
  for await (const doc of generateDataset(options)) {
    if (!out.write(`${JSON.stringify(doc)}\n`)) await once(out, 'drain')
    count++
  }
  out.end()
  await once(out, 'finish')
  return count
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file = 'bench-dataset.ndjson', n = '100', seed = '1'] = process.argv.slice(2)
  const count = await writeDataset(file, {n: Number(n), seed: Number(seed)})
  process.stdout.write(`${file}: ${count} documents\n`)
}
