import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import path from 'node:path'
import {type Browser, chromium, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {fixtureCases, RENDER_FIXTURES} from './render-support.ts'

/**
 * Every fixture page through axe-core in a real Chromium (CI installs it; see .ci/run), with the rule sets the
 * product promises: WCAG 2.0 A/AA, 2.1 AA, 2.2 AA and axe's best practices. Colour contrast is measured on the
 * rendered page, which jsdom cannot do.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']

interface Violation {
  id: string
  help: string
  nodes: string[]
}

let browser: Browser
let page: Page

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: install it (apt-get install chromium) or set CHROMIUM_PATH.`)
  browser = await chromium.launch({executablePath: CHROMIUM, args: ['--no-sandbox']})
  page = await browser.newPage()
})

afterAll(async () => {
  await browser?.close()
})

async function axeViolations(html: string): Promise<Violation[]> {
  await page.setContent(html)
  await page.addScriptTag({content: AXE_SOURCE})
  return page.evaluate(async (tags) => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{violations: Array<{id: string; help: string; nodes: Array<{html: string}>}>}>
        }
      }
    ).axe
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}})
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.html),
    }))
  }, TAGS)
}

describe('rendered pages pass axe-core', () => {
  for (const name of fixtureCases()) {
    it(`${name}/index.html has no violations`, async () => {
      const html = readFileSync(path.join(RENDER_FIXTURES, name, 'expected/index.html'), 'utf8')
      expect(await axeViolations(html)).toEqual([])
    })
  }

  it('catches a real problem (the check is live)', async () => {
    const html = readFileSync(path.join(RENDER_FIXTURES, 'citation-single/expected/index.html'), 'utf8').replace(
      ' lang="en"',
      '',
    )
    expect((await axeViolations(html)).map((violation) => violation.id)).toContain('html-has-lang')
  })
})
