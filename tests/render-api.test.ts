import {readdirSync, readFileSync} from 'node:fs'
import {builtinModules} from 'node:module'
import path from 'node:path'
import {describe, expect, it} from 'vitest'
import * as render from '../pipeline/render/index.ts'
import {REPO_ROOT} from './render-support.ts'

const RENDER_DIR = path.join(REPO_ROOT, 'pipeline/render')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(path.join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [path.join(dir, entry.name)]
        : [],
  )
}

describe('the render module', () => {
  it('exports exactly its public API', () => {
    expect(Object.keys(render).sort()).toEqual([
      'ARTICLE_JSON_SCHEMA_VERSION',
      'RENDERER_VERSION',
      'RENDER_SOURCE',
      'renderArticle',
    ])
    expect(render.RENDERER_VERSION).toMatch(/^\d+\.\d+\.\d+$/)
    expect(render.ARTICLE_JSON_SCHEMA_VERSION).toBe(1)
  })

  it('imports no Node built-in, so the Studio preview can run it in the browser', () => {
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
    const offenders: string[] = []
    for (const file of sourceFiles(RENDER_DIR)) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
      )) {
        const specifier = match[1] ?? match[2]!
        if (builtins.has(specifier) || builtins.has(specifier.split('/')[0]!))
          offenders.push(`${path.relative(REPO_ROOT, file)}: ${specifier}`)
      }
      expect(readFileSync(file, 'utf8')).not.toMatch(/\bprocess\.|\bBuffer\b|Date\.now\(|new Date\(\)|Math\.random\(/)
    }
    expect(offenders).toEqual([])
  })

  it('ships the JSON Schema of article.json as draft 2020-12', () => {
    const schema = JSON.parse(readFileSync(path.join(RENDER_DIR, 'article.schema.json'), 'utf8')) as {
      $schema: string
      properties: {schemaVersion: {const: number}}
    }
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.properties.schemaVersion.const).toBe(render.ARTICLE_JSON_SCHEMA_VERSION)
  })
})
