import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import type {Browser, BrowserContext, Page} from 'playwright-core'

/**
 * One page loaded in Chromium and everything the trust suite asks of it: what went wrong while loading (console
 * errors, failed or refused requests, requests to another origin), whether anything executed (the dialog functions
 * and `document.write` are replaced before any page script could run, and real dialogs are caught too), what the DOM
 * holds (scripts, `on*` attributes, URLs with a dangerous scheme, the JSON-LD text), and axe-core's verdict.
 */

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice']
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: string[]
}

export interface DomFacts {
  /** `<script>` elements that are not `type="application/ld+json"`, as HTML. */
  scripts: string[]
  /** Elements carrying an event-handler attribute, as `tag[attribute]`. */
  handlers: string[]
  /** Attributes whose value is a javascript:, vbscript: or data: URL (after the clean-up a browser does). */
  dangerousUrls: string[]
  /** Element names that occur, for comparing with what the renderer may emit. */
  elements: string[]
  /** The text of every JSON-LD script element. */
  jsonLd: string[]
}

export interface PageReport {
  url: string
  consoleErrors: string[]
  failedRequests: string[]
  foreignRequests: string[]
  /** alert/confirm/prompt/print/document.write calls and real dialogs: each one is a script that ran. */
  executions: string[]
  dom: DomFacts
  violations: Violation[]
}

/** The hooks, installed in every frame before the page's own HTML is parsed. */
const HOOKS = `(() => {
  const report = (kind, args) => { try { globalThis.__trustExecuted(kind, String(args[0])) } catch {} }
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const hook = function (...args) { report(name, args); return name === 'confirm' ? false : null }
    Object.defineProperty(globalThis, name, {value: hook, writable: false, configurable: false})
  }
  for (const name of ['write', 'writeln']) {
    Object.defineProperty(Document.prototype, name, {value: function (...args) { report('document.' + name, args) }, writable: false, configurable: false})
  }
})()`

export interface TrustContext {
  context: BrowserContext
  /** Every execution reported by any page of this context, with the page's URL. */
  executions: string[]
  close(): Promise<void>
}

/**
 * A browser context that only reaches `origin`: any other request is refused (and reported by `inspectPage`).
 * With `ignoreCsp` the server's Content-Security-Policy is not applied, so the markup alone must be inert, as it
 * is where a partner republishes it without that header.
 */
export async function trustContext(
  browser: Browser,
  options: {origin: string; ignoreCsp?: boolean},
): Promise<TrustContext> {
  const context = await browser.newContext({
    bypassCSP: options.ignoreCsp === true,
    viewport: {width: 1024, height: 900},
  })
  const executions: string[] = []
  await context.exposeFunction('__trustExecuted', (kind: string, argument: string) => {
    executions.push(`${kind}(${argument.slice(0, 80)})`)
  })
  await context.addInitScript(HOOKS)
  await context.route('**/*', async (route) => {
    if (new URL(route.request().url()).origin === options.origin) await route.continue()
    else await route.abort('blockedbyclient')
  })
  return {context, executions, close: () => context.close()}
}

export async function inspectPage(
  trust: TrustContext,
  url: string,
  options: {axe?: boolean; settleMs?: number} = {},
): Promise<PageReport> {
  const page = await trust.context.newPage()
  const origin = new URL(url).origin
  const report: PageReport = {
    url,
    consoleErrors: [],
    failedRequests: [],
    foreignRequests: [],
    executions: [],
    dom: emptyDom(),
    violations: [],
  }
  const before = trust.executions.length
  page.on('console', (message) => {
    if (message.type() === 'error') report.consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => report.consoleErrors.push(`uncaught: ${error.message}`))
  page.on('request', (request) => {
    if (!request.url().startsWith('data:') && new URL(request.url()).origin !== origin)
      report.foreignRequests.push(request.url())
  })
  page.on('requestfailed', (request) =>
    report.failedRequests.push(`${request.url()}: ${request.failure()?.errorText ?? 'failed'}`),
  )
  page.on('response', (response) => {
    if (response.status() >= 400) report.failedRequests.push(`${response.url()}: HTTP ${response.status()}`)
  })
  page.on('dialog', (dialog) => {
    report.executions.push(`dialog ${dialog.type()}(${dialog.message().slice(0, 80)})`)
    void dialog.dismiss().catch(() => {})
  })
  try {
    await page.goto(url, {waitUntil: 'load'})
    // Handlers that fire after load (onerror of a broken image, timers, autofocus) get a moment to run.
    await page.waitForTimeout(options.settleMs ?? 150)
    report.dom = await domFacts(page)
    if (options.axe) report.violations = await axeViolations(page)
  } finally {
    await page.close()
  }
  report.executions.push(...trust.executions.slice(before))
  return report
}

export async function screenshot(trust: TrustContext, url: string, file: string): Promise<void> {
  const page = await trust.context.newPage()
  try {
    await page.goto(url, {waitUntil: 'load'})
    await page.screenshot({path: file, fullPage: true})
  } finally {
    await page.close()
  }
}

function emptyDom(): DomFacts {
  return {scripts: [], handlers: [], dangerousUrls: [], elements: [], jsonLd: []}
}

async function domFacts(page: Page): Promise<DomFacts> {
  return page.evaluate(() => {
    const facts = {
      scripts: [] as string[],
      handlers: [] as string[],
      dangerousUrls: [] as string[],
      elements: new Set<string>(),
      jsonLd: [] as string[],
    }
    // Every element, shadow trees and template contents included: a payload could hide in any of them.
    const roots: Array<Document | DocumentFragment> = [document]
    while (roots.length > 0) {
      const root = roots.pop()!
      for (const element of Array.from(root.querySelectorAll('*'))) {
        const name = element.localName
        facts.elements.add(name)
        if (element.shadowRoot) roots.push(element.shadowRoot)
        if (element instanceof HTMLTemplateElement) roots.push(element.content)
        if (name === 'script') {
          if (element.getAttribute('type') === 'application/ld+json') facts.jsonLd.push(element.textContent ?? '')
          else facts.scripts.push(element.outerHTML.slice(0, 200))
        }
        for (const attribute of Array.from(element.attributes)) {
          if (/^on/i.test(attribute.localName)) facts.handlers.push(`${name}[${attribute.name}]`)
          // eslint-disable-next-line no-control-regex
          const compact = attribute.value.replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029\ufeff]/g, '').toLowerCase()
          if (/^(?:javascript|vbscript|data):/.test(compact) && attribute.localName !== 'content')
            facts.dangerousUrls.push(`${name}[${attribute.name}=${attribute.value.slice(0, 80)}]`)
        }
      }
    }
    return {...facts, elements: [...facts.elements].sort()}
  })
}

async function axeViolations(page: Page): Promise<Violation[]> {
  // Evaluated, not added as a <script>: the served pages forbid inline scripts, and the check must not need them.
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async (tags) => {
    type AxeResult = {
      violations: Array<{id: string; impact?: string | null; help: string; nodes: Array<{html: string}>}>
    }
    const axe = (globalThis as unknown as {axe: {run: (context: unknown, options: unknown) => Promise<AxeResult>}}).axe
    const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.html.slice(0, 300)),
    }))
  }, AXE_TAGS)
}
