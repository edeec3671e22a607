import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'

/**
 * The import graph of the source folders: no cycles, and the layers point one way. `domain/` (review status,
 * content hash, dates…) imports nothing of ours; `schemas/`, `pipeline/` and `bench/` never import the Studio,
 * whose generated types live in `schemas/`. Imports are read from the source (`import … from`, `export … from`,
 * `import()`), type-only ones included: a cycle through types still ties the files together for a reader.
 */

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))
const SOURCE_FOLDERS = ['domain', 'schemas', 'pipeline', 'studio', 'bench']

/**
 * Cycles that another branch removes (issue 16: the `pipeline/export/` reshape). Each is listed by its sorted
 * files; the test fails when one of them is gone, so that this list is emptied once that branch is merged.
 */
function sourceFiles(folder: string): string[] {
  return readdirSync(path.join(REPO_ROOT, folder), {withFileTypes: true}).flatMap((entry) => {
    const file = `${folder}/${entry.name}`
    if (entry.isDirectory()) return ['node_modules', 'dist', '.sanity'].includes(entry.name) ? [] : sourceFiles(file)
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : []
  })
}

/** `import … from '…'` and `export … from '…'` (over several lines too), `import '…'`, and `import('…')`. */
const IMPORT = new RegExp(
  [
    String.raw`(?:^|[\n;])\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]`,
    String.raw`(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]`,
    String.raw`\bimport\(\s*['"]([^'"]+)['"]\s*\)`,
  ].join('|'),
  'g',
)

/** The repository files a source file imports by relative path (packages are not followed). */
function localImports(file: string): string[] {
  const source = readFileSync(path.join(REPO_ROOT, file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '')
  return [...source.matchAll(IMPORT)]
    .map((match) => match[1] ?? match[2] ?? match[3]!)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.posix.join(path.posix.dirname(file), specifier))
}

const graph = new Map(SOURCE_FOLDERS.flatMap(sourceFiles).map((file) => [file, localImports(file)]))

/** Every strongly connected group of two or more files (or a file importing itself), by Tarjan's algorithm. */
function importCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const order = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (file: string) => {
    order.set(file, order.size)
    low.set(file, order.get(file)!)
    stack.push(file)
    onStack.add(file)
    for (const next of edges.get(file) ?? []) {
      if (!edges.has(next)) continue
      if (!order.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, order.get(next)!))
    }
    if (low.get(file) !== order.get(file)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== file)
    if (group.length > 1 || edges.get(file)!.includes(file)) cycles.push(group.sort())
  }
  for (const file of [...edges.keys()].sort()) if (!order.has(file)) visit(file)
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!))
}

function importsInto(from: readonly string[], into: string): string[] {
  return [...graph].flatMap(([file, imports]) =>
    from.some((folder) => file.startsWith(`${folder}/`))
      ? imports.filter((target) => target.startsWith(`${into}/`)).map((target) => `${file} → ${target}`)
      : [],
  )
}

describe('the import graph of domain/, schemas/, pipeline/, studio/ and bench/', () => {
  it('reads the source files and their imports', () => {
    expect(graph.size).toBeGreaterThan(100)
    const portableText = 'pipeline/render/portable-text-to-mdast'
    expect(graph.get(`${portableText}/index.ts`)).toContain(`${portableText}/phrasing.ts`)
    const triangle = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ])
    expect(importCycles(triangle)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })

  it('has no import cycle but the ones being removed elsewhere', () => {
    expect(importCycles(graph).map((cycle) => cycle.join(' ↔ '))).toEqual([])
  })

  it('keeps the Studio out of schemas/, pipeline/, bench/ and domain/', () => {
    expect(importsInto(['schemas', 'pipeline', 'bench', 'domain'], 'studio')).toEqual([])
  })

  it('keeps domain/ at the bottom: it imports nothing of the project outside itself', () => {
    const folders = ['schemas', 'pipeline', 'studio', 'bench']
    expect(folders.flatMap((folder) => importsInto(['domain'], folder))).toEqual([])
  })
})
