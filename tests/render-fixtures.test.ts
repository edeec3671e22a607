import {existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fromHtml} from 'hast-util-from-html'
import {sanitize} from 'hast-util-sanitize'
import {toHtml} from 'hast-util-to-html'
import {describe, expect, it} from 'vitest'
import type {RenderedFileName, RenderInput} from '../pipeline/render/index.ts'
import type {DiagnosticMessage} from '../pipeline/diagnostic.ts'
import {fragmentSanitizeSchema, pageSanitizeSchema} from '../pipeline/render/sanitize-schema.ts'
import type {SourceArticle, SourceSettings} from '../pipeline/source/types.ts'
import {
  fixtureCases,
  htmlBodyTextWithAddresses,
  RENDER_FIXTURES,
  renderForTest,
  validateArticleJson,
  words,
} from './render-support.ts'

/**
 * Fixture folders: `tests/fixtures/render/<case>/article.json` (a SourceArticle, as the article query returns it)
 * and optional `settings.json`; the expected five files and the render messages are in `expected/`.
 * Regenerate with `UPDATE=1 npx vitest run tests/render-fixtures.test.ts` and review the diff.
 */
const FILES: RenderedFileName[] = ['index.html', 'fragment.html', 'article.json', 'article.txt', 'article.md']
const update = process.env.UPDATE === '1'

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

function messageSummary(messages: readonly DiagnosticMessage[]) {
  return messages.map((message) => ({ruleId: message.ruleId, path: message.path, reason: message.reason}))
}

describe('render fixtures', () => {
  for (const name of fixtureCases()) {
    const folder = path.join(RENDER_FIXTURES, name)
    describe(name, async () => {
      const article = readJson<SourceArticle>(path.join(folder, 'article.json'))
      const settingsFile = path.join(folder, 'settings.json')
      const settings = existsSync(settingsFile) ? readJson<SourceSettings>(settingsFile) : undefined
      // The published images of the figures, as the export's image store gives them (absent: an article without any).
      const imagesFile = path.join(folder, 'images.json')
      const images = existsSync(imagesFile) ? readJson<RenderInput['images']>(imagesFile) : undefined
      const rendered = await renderForTest(article, {settings, images})
      const expectedDir = path.join(folder, 'expected')
      if (update) {
        mkdirSync(expectedDir, {recursive: true})
        for (const file of FILES) writeFileSync(path.join(expectedDir, file), rendered.files[file])
        writeFileSync(
          path.join(expectedDir, 'messages.json'),
          `${JSON.stringify(messageSummary(rendered.messages as DiagnosticMessage[]), null, 2)}\n`,
        )
      }

      for (const file of FILES) {
        it(`renders ${file} as expected`, () => {
          expect(rendered.files[file]).toBe(readFileSync(path.join(expectedDir, file), 'utf8'))
        })
      }

      // The export writes these pieces in place of the files (`RenderedArticle.pieces`): they must be the same text.
      it('gives the pieces of its files that the export writes, which join into those files', () => {
        expect(Object.keys(rendered.pieces ?? {}).sort()).toEqual(['article.json', 'fragment.html', 'index.html'])
        for (const [file, pieces] of Object.entries(rendered.pieces ?? {}))
          expect(pieces.join(''), file).toBe(rendered.files[file as (typeof FILES)[number]])
        // article.json's pieces are written member by member: the text JSON.stringify writes of the whole value.
        expect(rendered.files['article.json']).toBe(`${JSON.stringify(rendered.articleJson, null, 2)}\n`)
      })

      it('reports the expected render messages', () => {
        expect(messageSummary(rendered.messages as DiagnosticMessage[])).toEqual(
          readJson(path.join(expectedDir, 'messages.json')),
        )
      })

      it('writes an article.json that validates against article.schema.json', () => {
        const valid = validateArticleJson(JSON.parse(rendered.files['article.json']))
        expect(validateArticleJson.errors ?? []).toEqual([])
        expect(valid).toBe(true)
      })

      it('says the same words in article.txt as in the page, with every link address written out', () => {
        const page = htmlBodyTextWithAddresses(rendered.files['index.html'])
        expect(words(rendered.files['article.txt'])).toEqual(words(page))
      })

      it('emits a fragment that sanitizing again leaves unchanged', () => {
        const fragment = rendered.files['fragment.html'].trimEnd()
        expect(toHtml(sanitize(fromHtml(fragment, {fragment: true}), fragmentSanitizeSchema))).toBe(fragment)
      })

      it('emits a page that sanitizing again with the page schema leaves unchanged (the fragment inside it included)', () => {
        const page = rendered.files['index.html'].trimEnd()
        expect(toHtml(sanitize(fromHtml(page), pageSanitizeSchema))).toBe(page)
      })

      it('renders the same bytes twice', async () => {
        const again = await renderForTest(article, {settings, images})
        expect(again.files).toEqual(rendered.files)
      })
    })
  }
})
