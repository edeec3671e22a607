import {readFileSync} from 'node:fs'
import packageJson from '../../package.json' with {type: 'json'}
import {RENDERER_VERSION} from '../render/version.ts'
import {openSource} from '../source/open.ts'
import {citationCacheStage} from './citation-cache-stage.ts'
import {codeFingerprint} from './code-fingerprint.ts'
import type {runExport} from './run-export.ts'

/** The code whose changes can change an article's files or its verdict. */
const OUTPUT_CODE = ['domain', 'pipeline/render', 'pipeline/validate', 'schemas/rules']

/** The shipped wiring: the real source, validation and renderer, the render's article schema and this package's name and version. */
export function realExportStages(): Parameters<typeof runExport>[1] {
  return {
    openSource,
    // Loaded on the first article that needs work: a re-export that reuses every article never pays for the
    // renderer's and the rules' modules (about half a second of start-up).
    validateArticle: async (input) => (await import('../validate/index.ts')).validateArticle(input),
    renderArticle: async (input) => (await import('../render/index.ts')).renderArticle(input),
    citationCache: citationCacheStage,
    rendererVersion: `${RENDERER_VERSION}+${codeFingerprint(OUTPUT_CODE)}`,
    articleSchema: readFileSync(new URL('../render/article.schema.json', import.meta.url), 'utf8'),
    manifestSchema: readFileSync(new URL('./manifest.schema.json', import.meta.url), 'utf8'),
    generator: {name: packageJson.name, version: packageJson.version},
  }
}
