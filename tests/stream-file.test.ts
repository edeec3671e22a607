import {readFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {writePrettyJson, writeStreamed} from '../pipeline/stream-file.ts'
import {tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** The end-of-run files are written in pieces; what they hold is what one `JSON.stringify` would have made. */

function pieces(value: Record<string, unknown>, streamed: string): string {
  const out: string[] = []
  writePrettyJson(value, streamed, (piece) => out.push(piece))
  return out.join('')
}

/** Elements shaped like a manifest's articles, with the strings JSON escapes and nested arrays and objects. */
function elements(count: number): unknown[] {
  return Array.from({length: count}, (_, index) => ({
    id: `article-${index}`,
    title: index % 3 === 0 ? `Quotes "${index}", a tab\t, a line\nbreak and é ✓ 😀` : null,
    files: index % 2 === 0 ? {'index.html': {sha256: 'f'.repeat(64), bytes: index}} : {},
    findings: index % 5 === 0 ? [{path: ['body', index, 'text'], message: 'a\\b'}] : [],
    optional: index % 7 === 0 ? undefined : index,
  }))
}

describe('writePrettyJson', () => {
  it('gives the bytes of JSON.stringify(value, null, 2) for every length around a batch, nested values included', () => {
    for (const count of [0, 1, 2, 127, 128, 129, 256, 300]) {
      const value = {$schema: './x.json', counts: {articles: count}, articles: elements(count), after: [1, [2]]}
      expect(pieces(value, 'articles'), `${count} elements`).toBe(JSON.stringify(value, null, 2))
    }
  })

  it('writes null for what JSON.stringify writes null for in an array, and leaves out undefined keys', () => {
    const value = {skipped: undefined, articles: [null, undefined, 1, 'two', [], {}], tail: null}
    expect(pieces(value, 'articles')).toBe(JSON.stringify(value, null, 2))
  })

  it('hashes and counts the file as written', () => {
    const file = path.join(tempDir(), 'manifest.json')
    const value = {articles: elements(300)}
    const written = writeStreamed(file, (write) => writePrettyJson(value, 'articles', write), false)
    const text = readFileSync(file, 'utf8')
    expect(text).toBe(JSON.stringify(value, null, 2))
    expect(written.bytes).toBe(Buffer.byteLength(text))
  })
})
