import {spawnSync} from 'node:child_process'
import {mkdirSync, rmSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {type Browser, chromium, type Locator, type Page} from 'playwright-core'
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest'
import type {ReviewQueueQueryResult} from '../schemas/sanity.types.ts'
import {reviewQueueQuery} from '../studio/lib/queries.ts'
import {entriesInQueue, REVIEW_QUEUES, reviewQueueEntries} from '../studio/lib/review-queue.ts'
import {type ContentLakeStandin, startContentLakeStandin} from './helpers/content-lake-standin/server.ts'
import {DEMO_USERS} from './helpers/content-lake-standin/users.ts'
import {ensureStudioBuild, STUDIO_DIST} from './helpers/studio-build.ts'
import {AS_OF, groqFetch, pipelineView, readNdjson, type StoredDocument} from './helpers/studio-fixtures.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'

/**
 * The built Studio in headless Chromium against the Content Lake stand-in, on the embedded dataset, as of
 * 2026-11-26 (the browser's clock starts there). One browser session walks through the flow in order; each step
 * leaves a screenshot in test-artifacts/studio-browser/. Waits are on the Studio's own states, never on time.
 */

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const DATASET = join(ROOT, 'studio/dataset/production.ndjson')
const ARTIFACTS = join(ROOT, 'test-artifacts/studio-browser')
const ARTICLE = 'article.high-blood-pressure'
const ARTICLE_TITLE = 'High blood pressure: what the numbers mean'

let standin: ContentLakeStandin
let browser: Browser
let page: Page
let documents: StoredDocument[]
const consoleErrors: string[] = []
const queueRequests: string[] = []
let step = 0
/** How many articles each queue lists before the browser changes anything (the shared functions, run in Node). */
const initialCount: Record<string, number> = {}

beforeAll(async () => {
  ensureStudioBuild()
  rmSync(ARTIFACTS, {recursive: true, force: true})
  mkdirSync(ARTIFACTS, {recursive: true})
  documents = readNdjson(DATASET)
  // The stand-in's clock runs from the same moment as the browser's, so edits are stamped "just now".
  const started = Date.now()
  const now = () => new Date(Date.parse(`${AS_OF}T10:00:00Z`) + Date.now() - started)
  standin = await startContentLakeStandin({documents, user: DEMO_USERS.reviewer, studioDir: STUDIO_DIST, now})
  browser = await chromium.launch({executablePath: '/usr/bin/chromium', args: standin.chromiumArgs})
  const viewport = {width: 1440, height: 900}
  const context = await browser.newContext({ignoreHTTPSErrors: true, viewport, timezoneId: 'UTC'})
  page = await context.newPage()
  await page.clock.install({time: new Date(`${AS_OF}T10:00:00Z`)})
  await page.clock.resume()
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => consoleErrors.push(String(error)))
  page.on('request', (request) => {
    if (request.url().includes('vetted.review-queue')) queueRequests.push(new URL(request.url()).pathname)
  })
}, 240_000)

afterEach(async (context) => {
  if (context.task.result?.state === 'fail') await screenshot('failed')
})

afterAll(async () => {
  await browser?.close()
  await standin?.close()
  removeTempDirs()
})

/** Polls a condition of the page until it holds (the Studio settles at its own pace on a busy machine). */
const until = <T>(read: () => Promise<T> | T) => expect.poll(read, {timeout: 30_000, interval: 100})

async function screenshot(name: string): Promise<void> {
  step += 1
  await page.screenshot({path: join(ARTIFACTS, `${String(step).padStart(2, '0')}-${name}.png`)})
}

const footer = () => page.getByTestId('pane-footer')
const visible = (locator: Locator) => locator.filter({visible: true}).first()

/** Moves the Studio to another path without reloading it (its router follows the history, as on a link click). */
async function navigate(path: string): Promise<void> {
  await page.evaluate((url) => {
    window.history.pushState(null, '', url)
    window.dispatchEvent(new PopStateEvent('popstate'))
  }, `/${path}`)
}

async function openQueueList(title: string): Promise<void> {
  await page.getByRole('link', {name: title, exact: true}).click()
}

async function openActionsMenu(): Promise<void> {
  await footer().getByTestId('action-menu-button').click()
}

describe('the Studio in Chromium against the Content Lake stand-in', {timeout: 120_000}, () => {
  it('counts each review queue as of the pinned date, listening once for all lists', async () => {
    const data = await groqFetch<ReviewQueueQueryResult>(documents, reviewQueueQuery)
    const entries = await reviewQueueEntries(data, AS_OF)
    await page.goto(`${standin.studioUrl}structure/review-queue`)
    for (const queue of REVIEW_QUEUES) {
      await openQueueList(queue.title)
      const count = entriesInQueue(entries, queue.status).length
      initialCount[queue.id] = count
      await until(() => page.getByText(`${queue.title} (${count})`, {exact: true}).isVisible()).toBe(true)
      await screenshot(`queue-${queue.id}`)
    }
    const overdue = entriesInQueue(entries, 'overdue').map((entry) => entry.id)
    expect(overdue).toEqual(['article.infant-mental-health', 'article.physical-activity-adults'])
    await openQueueList('Overdue')
    await page.getByText('Overdue (2)', {exact: true}).waitFor()
    expect(queueRequests.filter((path) => path.includes('/data/listen/'))).toHaveLength(1)
    expect(queueRequests.filter((path) => path.includes('/data/query/'))).toHaveLength(1)
  })

  it('shows the review badge and the Preview of an article', async () => {
    await openQueueList('Due soon')
    await page.getByRole('link', {name: new RegExp(ARTICLE_TITLE.slice(0, 20))}).click()
    await footer().getByText('Review due 2026-12-15').waitFor()
    await until(() => footer().getByRole('button', {name: 'Publish'}).isVisible()).toBe(true)
    await screenshot('badge')
    await page.getByRole('tab', {name: 'Preview'}).click()
    await page.frameLocator('iframe').getByRole('heading', {name: ARTICLE_TITLE, level: 1}).waitFor()
    await page.frameLocator('iframe').getByText('Medically reviewed by Daniel Okafor, PharmD').waitFor()
    await screenshot('preview')
    await page.getByRole('tab', {name: 'Editor'}).click()
    await page.getByTestId('field-title').waitFor()
  })

  it('records the reviewer’s sign-off with the signer and the content hash, and keeps the article open', async () => {
    const before = standin.store.transactions.length
    await footer().getByRole('button', {name: 'Publish'}).waitFor() // the main action stays Publish, also for reviewers
    await openActionsMenu()
    await page.getByRole('menuitem', {name: 'Sign off review'}).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByTestId('sign-off-reviewer').getByText('Morgan Blair, MA, LPCC').waitFor()
    await screenshot('sign-off-dialog')
    await dialog.getByRole('button', {name: 'Sign off', exact: true}).click()

    await page.getByText('Sign-off recorded').waitFor()
    const summary = `Morgan Blair approved “${ARTICLE_TITLE}” on ${AS_OF}. Signed in as Morgan Blair.`
    await page.getByText(summary).waitFor()
    await footer().getByText('Reviewed · next review 2027-11-26').waitFor()
    await page.getByText('Due soon (0)', {exact: true}).waitFor()
    await until(() => page.getByTestId('field-title').isVisible()).toBe(true) // the article pane stayed open
    await screenshot('signed-off')

    const created = standin.store.transactions.slice(before).flatMap((transaction) => transaction.changes)
    const review = created.find((change) => change.after?._type === 'review')?.after
    expect(review).toMatchObject({
      article: {_type: 'reference', _ref: ARTICLE},
      reviewer: {_type: 'reference', _ref: 'person.morgan-blair'},
      reviewedOn: AS_OF,
      outcome: 'approved',
      provenance: 'studio',
      signedBy: {userId: 'pMorganB1', name: 'Morgan Blair', email: 'morgan.blair@example.org'},
      contentHash: (await pipelineView(documents, ARTICLE)).contentHash,
    })

    const ndjson = join(makeTempDir('studio-browser-'), 'after-sign-off.ndjson')
    writeFileSync(
      ndjson,
      standin.store
        .snapshot()
        .map((document) => JSON.stringify(document))
        .join('\n') + '\n',
    )
    const args = ['pipeline/cli/main.ts', 'inspect', 'high-blood-pressure', '--json', '--as-of', AS_OF]
    args.push('--dataset', ndjson)
    const inspect = spawnSync(join(ROOT, 'node_modules/.bin/node'), args, {cwd: ROOT, encoding: 'utf8'})
    expect(inspect.stderr).toBe('')
    const inspection = JSON.parse(inspect.stdout) as {review: Record<string, unknown>}
    expect(inspection.review).toMatchObject({
      status: 'current',
      lastReviewed: AS_OF,
      approvedReview: {provenance: 'studio', signerId: 'pMorganB1'},
    })
    expect(consoleErrors.filter((error) => error.includes('PaneResolutionError'))).toEqual([])
  })

  it('moves an article into “Edited since review” on a live edit, and publishes it', async () => {
    const title = page.getByTestId('field-title').locator('input')
    await title.fill(`${ARTICLE_TITLE} today`)
    await footer().getByText('Edited since review · next review 2027-11-26').waitFor()
    await openQueueList('Edited since review')
    const edited = (initialCount['edited-since-review'] ?? 0) + 1
    await page.getByText(`Edited since review (${edited})`, {exact: true}).waitFor()
    await until(() => page.getByRole('link', {name: new RegExp(`${ARTICLE_TITLE} today`)}).isVisible()).toBe(true)
    await screenshot('edited-since-review')

    await page.getByRole('link', {name: new RegExp(`${ARTICLE_TITLE} today`)}).click()
    const publish = footer().getByRole('button', {name: 'Publish'})
    await until(() => publish.isEnabled()).toBe(true)
    await publish.click()
    await until(() => standin.store.documents.has(`drafts.${ARTICLE}`)).toBe(false)
    expect(standin.store.documents.get(ARTICLE)?.title).toBe(`${ARTICLE_TITLE} today`)
    await screenshot('published')
  })

  it('shows the shared rules’ words for a javascript: link and a bad DOI, blocking sign-off, publish', async () => {
    // Edits made elsewhere (another editor, through the API) reach the open Studio through its listener.
    const article = standin.store.documents.get(ARTICLE) as StoredDocument
    const body = structuredClone(article.body) as Array<{markDefs?: unknown[]; children?: Array<{marks?: string[]}>}>
    const first = body.find((block) => Array.isArray(block.children))
    if (!first?.children?.[0]) throw new Error('No paragraph to link')
    first.markDefs = [...(first.markDefs ?? []), {_type: 'link', _key: 'evil', href: 'javascript:alert(1)'}]
    first.children[0].marks = [...(first.children[0].marks ?? []), 'evil']
    standin.store.mutate([{createOrReplace: {...article, _id: `drafts.${ARTICLE}`, body}}], 'someone-else')

    await page
      .getByRole('button', {name: /validation/i})
      .first()
      .click({timeout: 60_000})
    const message =
      'This link uses “javascript:”, which runs code or hides content instead of opening a page. ' +
      'Replace it with an https:// address, or remove the link.'
    // The validation panel names the field (Body / Block / Mark definitions / Link / URL) above the rule's message.
    await visible(page.getByText(message, {exact: true})).waitFor({timeout: 60_000})
    await visible(page.getByText('Mark definitions', {exact: true})).waitFor()
    await until(() => footer().getByRole('button', {name: 'Publish'}).isDisabled()).toBe(true)
    await openActionsMenu()
    await until(() => page.getByRole('menuitem', {name: 'Sign off review'}).isDisabled()).toBe(true)
    await screenshot('javascript-link')
    await openActionsMenu() // closes it

    const citation = standin.store.documents.get('citation.he-2013') as StoredDocument
    const malformed = {...citation, _id: 'drafts.citation.he-2013', doi: '10.10/short'}
    standin.store.mutate([{createOrReplace: malformed}], 'someone-else')
    await navigate('structure/citations;citation.he-2013')
    await until(() => page.getByTestId('field-doi').locator('input').inputValue()).toBe('10.10/short')
    await page
      .getByRole('button', {name: /validation/i})
      .first()
      .click({timeout: 60_000})
    await visible(page.getByText(/^“10\.10\/short” is not a DOI\./)).waitFor({timeout: 60_000})
    await until(() => footer().getByRole('button', {name: 'Publish'}).isDisabled()).toBe(true)
    await screenshot('malformed-doi')
  })

  it('refuses the sign-off to a signed-in user linked to no medical reviewer, saying why', async () => {
    standin.setUser(DEMO_USERS.writer)
    await page.goto(`${standin.studioUrl}structure/review-queue;overdue;article.physical-activity-adults`)
    await footer()
      .getByText(/^Review overdue since/)
      .waitFor()
    await footer().getByRole('button', {name: 'Publish'}).waitFor() // a writer's main action stays Publish
    await openActionsMenu()
    const signOff = page.getByRole('menuitem', {name: 'Sign off review'})
    await until(() => signOff.isDisabled()).toBe(true)
    // A disabled item takes no hover; the pointer over it still opens the tooltip with the reason.
    const box = await signOff.boundingBox()
    if (!box) throw new Error('The sign-off item has no box')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    const why = /^Only a medical reviewer can sign off\. Your Studio account \(Lena Fischer, user id pLenaFis1\)/
    await visible(page.getByText(why)).waitFor()
    await screenshot('sign-off-refused')
    await page.keyboard.press('Escape')
    const changes = standin.store.transactions.flatMap((transaction) => transaction.changes)
    expect(changes.filter((change) => change.after?._type === 'review')).toHaveLength(1)
  })
})
