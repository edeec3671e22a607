/**
 * A separate Node process for tests/citations-cache.test.ts: it records every module it resolves (a
 * `module.registerHooks` resolve hook, installed before anything else is imported, sees ESM imports and the
 * `require` calls inside citation-js alike), so a test can tell whether citation-js or citeproc was loaded.
 *
 *   node tests/helpers/citation-cache-probe.ts <request.json>
 *
 * Request: `{cacheFile, seed, render: [fixture case names], format?: {style, items}}`. It seeds the cache from
 * `cacheFile` when `seed` is true, renders the render fixtures, formats `format.items`, writes its cache back to
 * `cacheFile`, and prints `{files, texts, loaded}` as JSON: `loaded` is the citation-js and citeproc modules
 * resolved at each step.
 */
import {readFileSync} from 'node:fs'
import {registerHooks} from 'node:module'
import path from 'node:path'
import type {CslItem} from '../../pipeline/render/citations/csl-json.ts'
import type {CitationStyle} from '../../pipeline/render/types.ts'

const resolved: string[] = []
registerHooks({
  resolve(specifier, context, nextResolve) {
    const result = nextResolve(specifier, context)
    resolved.push(result.url)
    return result
  },
})

const CITATION_MODULES = /\/(@citation-js\/[^/]+|citeproc)\/|\/citeproc-formatter\.ts$/

/** The libraries' code; their package.json files are read for the cache's formatter versions, which loads nothing. */
function loadedCitationModules(): string[] {
  return [
    ...new Set(
      resolved
        .filter((url) => CITATION_MODULES.test(url) && !url.endsWith('/package.json'))
        .map((url) => url.replace(/^.*\/(node_modules|pipeline)\//, '')),
    ),
  ].sort()
}

interface ProbeRequest {
  cacheFile: string
  seed: boolean
  render: string[]
  format?: {style: CitationStyle; items: CslItem[]}
}

const request = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ProbeRequest
const {readCitationCacheFile, writeCitationCacheFile} = await import('../../pipeline/export/citation-cache.ts')
const {exportCitationCache, seedCitationCache} = await import('../../pipeline/render/citations/reference-cache.ts')
const {formatReferences} = await import('../../pipeline/render/citations/format-reference-list.ts')
const {renderForTest, RENDER_FIXTURES} = await import('../render-support.ts')
const loaded: Record<string, string[]> = {start: loadedCitationModules()}

const seeded = request.seed ? seedCitationCache(await readCitationCacheFile(request.cacheFile)) : 0
loaded.seeded = loadedCitationModules()

const files: Record<string, {fragment: string; page: string; ms: number}> = {}
for (const name of request.render) {
  const folder = path.join(RENDER_FIXTURES, name)
  const article = JSON.parse(readFileSync(path.join(folder, 'article.json'), 'utf8'))
  const settings = JSON.parse(readFileSync(path.join(folder, 'settings.json'), 'utf8'))
  const started = performance.now()
  const rendered = await renderForTest(article, {settings})
  files[name] = {
    fragment: rendered.files['fragment.html'],
    page: rendered.files['index.html'],
    ms: Math.round(performance.now() - started),
  }
}
loaded.rendered = loadedCitationModules()

let texts: string[] = []
if (request.format) {
  texts = (await formatReferences(request.format.items, request.format.style, 'en-US')).map((entry) => entry.text)
}
loaded.formatted = loadedCitationModules()

await writeCitationCacheFile(request.cacheFile, exportCitationCache())
process.stdout.write(JSON.stringify({seeded, files, texts, loaded}))
