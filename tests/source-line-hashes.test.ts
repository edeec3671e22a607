import {createHash} from 'node:crypto'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {hashSecondHalf} from '../pipeline/source/line-hashes.ts'
import {scanFile} from '../pipeline/source/scan-file.ts'
import type {ScanOptions} from '../pipeline/source/scan-file.ts'
import {copyEmbeddedDataset} from './helpers/embedded-dataset.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * The opening pass hashes the second half of a large dataset in a thread (`line-hashes.ts`): what it finds is what
 * the pass finds hashing every line itself, whatever the lines around the half-way point are.
 */

const MAX_LINE_BYTES = 4096

/** The embedded dataset with a BOM, CRLF and blank lines, a line too long and a malformed one in its second half. */
function awkwardDataset(): string {
  const file = path.join(tempDir('vetted-line-hashes-'), 'dataset.ndjson')
  copyEmbeddedDataset(file)
  const lines = readFileSync(file, 'utf8').trimEnd().split('\n')
  const middle = Math.floor(lines.length / 2)
  const awkward = [
    ...lines.slice(0, middle).map((line, index) => (index % 3 === 0 ? `${line}\r` : line)),
    '',
    '  \t',
    `{"_id":"person.long","_type":"person","name":"${'x'.repeat(MAX_LINE_BYTES)}"}`,
    '{"_id": "person.broken", ',
    ...lines.slice(middle).map((line, index) => (index % 2 === 0 ? `${line}\r` : line)),
  ]
  writeFileSync(file, `\uFEFF${awkward.join('\n')}`)
  return file
}

const options = (known: Pick<ScanOptions, 'known' | 'knownShared'> = {known: new Map()}): ScanOptions => ({
  label: 'dataset.ndjson',
  maxDepth: 200,
  maxLineBytes: MAX_LINE_BYTES,
  documents: new Map(),
  ...known,
})

describe('hashing the lines of a dataset on two threads', () => {
  it('gives each line of the second half its sha256, by offset and length, as the pass cuts them', async () => {
    const file = awkwardDataset()
    const bytes = readFileSync(file)
    const split = hashSecondHalf(file, bytes.length, MAX_LINE_BYTES, 0)
    expect(split).not.toBeNull()
    const hashes = await split!.hashes
    // Every line that starts after the half-way point and is short enough to buffer, and only those.
    const starts: number[] = []
    for (let at = 0; at < bytes.length; at = bytes.indexOf(0x0a, at) + 1 || bytes.length) starts.push(at)
    const expected = starts.filter((start) => start > split!.start)
    expect([...hashes.keys()].filter((offset) => offset > split!.start)).toEqual(
      expected.filter(
        (start) =>
          (bytes.indexOf(0x0a, start) === -1 ? bytes.length : bytes.indexOf(0x0a, start)) - start <= MAX_LINE_BYTES,
      ),
    )
    for (const [offset, {length, hash}] of hashes) {
      const line = bytes.subarray(offset, offset + length)
      expect(line.includes(0x0a)).toBe(false)
      expect(line.at(-1)).not.toBe(0x0d)
      expect(hash).toBe(createHash('sha256').update(line).digest('hex'))
    }
  })

  it('finds the same as a pass on one thread, with no saved pass and with one', async () => {
    const file = awkwardDataset()
    const size = readFileSync(file).length
    const serial = await scanFile(file, options())
    const parallel = await scanFile(file, {...options(), size, hashThreadFrom: 0})
    expect(parallel).toEqual(serial)
    expect(serial.problems.map((problem) => problem.ruleId)).toEqual(
      expect.arrayContaining(['source:line-too-long', 'source:malformed-line']),
    )
    // Lines known by their hash are taken from the saved pass: the thread's hashes must find them.
    const known = {
      known: new Map(serial.articles.map((entry) => [entry.hash, entry])),
      knownShared: new Map(serial.shared.map((entry) => [entry.hash, entry])),
    }
    const documents = new Map()
    const again = await scanFile(file, {...options(known), documents, size, hashThreadFrom: 0})
    expect(again).toEqual(serial)
    // Only the lines it could not take from the saved pass were parsed: the malformed one, none of the shared ones.
    expect(documents.size).toBe(0)
  })
})
