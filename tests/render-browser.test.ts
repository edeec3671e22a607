import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {build} from 'vite'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {RenderedFileName} from '../pipeline/render/index.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {AS_OF, RENDER_FIXTURES, REPO_ROOT, TEST_SETTINGS} from './render-support.ts'

/**
 * The renderer bundled for the browser (as the Studio preview uses it) and run in Chromium gives the same five files,
 * byte for byte, as in Node. The bundle gets no Node polyfills; the page provides only what a Vite app build does
 * (a `require` that cannot load anything, for UMD wrappers) and a secure origin (Web Crypto needs one).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const FILES: RenderedFileName[] = ['index.html', 'fragment.html', 'article.json', 'article.txt', 'article.md']

let browser: Browser
let page: Page
let bundle: string
const pageErrors: string[] = []
let outDir: string

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
  outDir = mkdtempSync(path.join(tmpdir(), 'vetted-render-browser-'))
  await build({
    root: REPO_ROOT,
    configFile: false,
    logLevel: 'warn',
    define: {'process.env.NODE_ENV': '"production"'},
    build: {
      lib: {
        entry: path.join(REPO_ROOT, 'tests/render-browser-entry.ts'),
        formats: ['iife'],
        name: 'vettedRender',
        fileName: () => 'render.js',
      },
      outDir,
      emptyOutDir: true,
      minify: false,
    },
  })
  bundle = readFileSync(path.join(outDir, 'render.js'), 'utf8')
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']})
  // One page for every case, as one Studio tab: citation-js builds each style's engine once.
  page = await browser.newPage()
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.route('https://preview.test/**', (route) =>
    route.fulfill({contentType: 'text/html', body: '<!doctype html><html lang="en"><body></body></html>'}),
  )
  await page.goto('https://preview.test/')
  await page.addScriptTag({
    content: 'function require(name) { throw new Error("require(" + name + ") in the browser") }',
  })
  await page.addScriptTag({content: bundle})
})

afterAll(async () => {
  await browser?.close()
  if (outDir) rmSync(outDir, {recursive: true, force: true})
})

describe('the renderer in a browser', () => {
  it('bundles without Node built-ins', () => {
    expect(bundle).not.toMatch(/require\(["']node:/)
  })

  for (const name of ['reference-article', 'every-node-type', 'citation-style-ama', 'figures']) {
    it(`renders ${name} exactly as in Node`, async () => {
      const folder = path.join(RENDER_FIXTURES, name)
      const article = JSON.parse(readFileSync(path.join(folder, 'article.json'), 'utf8')) as SourceArticle
      const settingsFile = path.join(folder, 'settings.json')
      const settings = existsSync(settingsFile)
        ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as SourceSettings)
        : null
      const imagesFile = path.join(folder, 'images.json')
      const images = existsSync(imagesFile) ? (JSON.parse(readFileSync(imagesFile, 'utf8')) as object) : null
      const rendered = await page.evaluate(
        ([input, inputSettings, asOf, inputImages]) =>
          (
            globalThis as unknown as {renderInBrowser: (...args: unknown[]) => Promise<{files: Record<string, string>}>}
          ).renderInBrowser(input, inputSettings, asOf, 'tests/fixtures/render', inputImages ?? undefined),
        [article, settings ?? TEST_SETTINGS, AS_OF, images] as const,
      )
      expect(pageErrors).toEqual([])
      for (const file of FILES)
        expect(rendered.files[file], file).toBe(readFileSync(path.join(folder, 'expected', file), 'utf8'))
    })
  }
})
