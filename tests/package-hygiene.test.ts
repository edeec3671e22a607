import {readdirSync, readFileSync, statSync} from 'node:fs'
import path from 'node:path'
import {describe, expect, it} from 'vitest'

const ROOT = path.resolve(import.meta.dirname, '..')
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
  allowScripts?: Record<string, boolean>
}

/** Needed without being imported by name: peers the Sanity packages load, and the CLI's own Node. */
const IMPLICIT = new Map([
  ['react-dom', 'peer of sanity (the Studio renders with it)'],
  ['styled-components', 'peer of sanity and @sanity/ui'],
  ['@sanity/cli', 'the `sanity` command the typegen and studio scripts run'],
])

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return []
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.(ts|tsx|js|mjs)$/.test(name) ? [full] : []
  })
}

function importers(names: string[], folders: string[]): Map<string, string[]> {
  const found = new Map(names.map((name) => [name, [] as string[]]))
  for (const file of folders.flatMap((folder) => sourceFiles(path.join(ROOT, folder)))) {
    const text = readFileSync(file, 'utf8')
    for (const match of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]((?:@[^/'"]+\/)?[^/'"]+)/g)) {
      found.get(match[1]!)?.push(path.relative(ROOT, file))
    }
  }
  return found
}

describe('package.json', () => {
  it('lists as dependencies only packages the CLI, schemas or Studio import (test-only ones are devDependencies)', () => {
    const names = Object.keys(manifest.dependencies)
    const fromSource = importers(names, ['bin', 'domain', 'pipeline', 'schemas', 'studio', 'bench'])
    const unused = names.filter((name) => fromSource.get(name)!.length === 0 && !IMPLICIT.has(name))
    expect(unused).toEqual([])
  })

  it('lets only the node devDependency run an install script', () => {
    expect(Object.entries(manifest.allowScripts ?? {}).filter(([, allowed]) => allowed)).toEqual([['node', true]])
  })
})
