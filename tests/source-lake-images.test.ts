import {createHash} from 'node:crypto'
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterEach, beforeEach, describe, expect, it} from 'vitest'
import {SourceError} from '../pipeline/source/errors.ts'
import {openLakeSource, type LakeSourceOptions} from '../pipeline/source/lake-source.ts'
import {openSource} from '../pipeline/source/open.ts'
import {startContentLakeStub, type ContentLakeStub} from './fixtures/source/content-lake-stub.ts'

/**
 * The Content Lake's `readImage` (issue 21): the original file from the asset CDN, under the deadline and retry
 * rules of the queries, checked against the sha1 in the asset id, cached by content so a re-export downloads
 * nothing it has. The stub stands in for the CDN (`/images/<project>/<dataset>/<file>`) and records every request.
 */

const IMAGES_DIR = new URL('../studio/dataset/images/', import.meta.url)
const FILE = readdirSync(IMAGES_DIR).find((name) => name.endsWith('.png')) as string
const BYTES = readFileSync(new URL(FILE, IMAGES_DIR))
const [, SHA1, SIZE, EXTENSION] = /^([0-9a-f]{40})-(\d+x\d+)\.([a-z]+)$/.exec(FILE) ?? []
const ASSET_ID = `image-${SHA1}-${SIZE}-${EXTENSION}`
const TOKEN = 'sk-image-token-do-not-print'

let stub: ContentLakeStub
let cacheDir: string
const waits: number[] = []

beforeEach(async () => {
  stub = await startContentLakeStub([], {token: TOKEN, images: {[FILE]: BYTES}})
  cacheDir = mkdtempSync(path.join(tmpdir(), 'vetted-images-'))
  waits.length = 0
})
afterEach(async () => {
  await stub.close()
  rmSync(cacheDir, {recursive: true, force: true})
})

function lake(options: Partial<LakeSourceOptions> = {}) {
  return openLakeSource({
    projectId: 'abc123',
    dataset: 'production',
    token: TOKEN,
    apiHost: stub.apiHost,
    imageCacheDir: cacheDir,
    sleep: async (ms) => void waits.push(ms),
    ...options,
  })
}

async function refusal(run: () => Promise<unknown>): Promise<SourceError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(SourceError)
  expect((error as Error).message).not.toContain(TOKEN)
  return error as SourceError
}

const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')

describe('readImage from the Content Lake', () => {
  it('downloads the original file from the address @sanity/image-url builds, with the token and dlRaw', async () => {
    const bytes = await lake().readImage(ASSET_ID)
    expect(sha1(bytes)).toBe(SHA1)
    expect(stub.requests).toHaveLength(1)
    const [request] = stub.requests
    expect(request?.path).toBe(`/images/abc123/production/${FILE}`)
    expect(request?.searchParams.get('dlRaw')).toBe('true')
    expect(request?.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('keeps the file in the cache under its content name, and a second read (a re-export) sends no request', async () => {
    await lake().readImage(ASSET_ID)
    expect(readdirSync(cacheDir)).toEqual([FILE])
    const again = await lake().readImage(ASSET_ID)
    expect(sha1(again)).toBe(SHA1)
    expect(stub.requests).toHaveLength(1)
  })

  it('downloads again over a cached file that no longer matches its name', async () => {
    writeFileSync(path.join(cacheDir, FILE), 'damaged')
    expect(sha1(await lake().readImage(ASSET_ID))).toBe(SHA1)
    expect(stub.requests).toHaveLength(1)
    expect(sha1(readFileSync(path.join(cacheDir, FILE)))).toBe(SHA1)
  })

  it('retries 429 and 5xx as queries do, honouring Retry-After', async () => {
    stub.failNext(503)
    stub.failNext(429, 1, {'retry-after': '2'})
    stub.failNext(502)
    expect(sha1(await lake().readImage(ASSET_ID))).toBe(SHA1)
    expect(stub.requests).toHaveLength(4)
    expect(waits).toEqual([500, 2000, 2000])
  })

  it('gives up after the retries with one line that says what failed', async () => {
    stub.failNext(500, 10)
    const error = await refusal(() => lake({retries: 2}).readImage(ASSET_ID))
    expect(error.message).toBe(
      `The asset CDN kept failing for project abc123 / production at ${stub.apiHost} while downloading image ${FILE} (HTTP 500, 3 attempts): try again later.`,
    )
    expect(stub.requests).toHaveLength(3)
    expect(existsSync(path.join(cacheDir, FILE))).toBe(false)
  })

  it('does not retry an image the CDN does not have', async () => {
    const missing = `image-${'0'.repeat(40)}-10x10-png`
    const error = await refusal(() => lake().readImage(missing))
    expect(error.message).toMatch(/HTTP 404\): the image was deleted; choose another in the Studio\.$/)
    expect(stub.requests).toHaveLength(1)
  })

  it('fails a download that does not answer within the deadline, without retrying it', async () => {
    stub.hangNext()
    const error = await refusal(() => lake({timeoutMs: 200}).readImage(ASSET_ID))
    expect(error.message).toMatch(/^The asset CDN did not answer within 0\.2 s for project abc123 \/ production/)
    expect(stub.requests).toHaveLength(1)
  })

  it('refuses bytes whose sha1 is not the one in the asset id, and caches nothing', async () => {
    await stub.close()
    stub = await startContentLakeStub([], {token: TOKEN, images: {[FILE]: Buffer.from('not the image')}})
    const error = await refusal(() => lake().readImage(ASSET_ID))
    expect(error.message).toContain(
      `with a file whose sha1 is ${sha1(Buffer.from('not the image'))} for image ${FILE}: refused.`,
    )
    expect(readdirSync(cacheDir)).toEqual([])
  })

  it('refuses what is not an image asset id, before any request', async () => {
    const error = await refusal(() => lake().readImage('file-abc-pdf'))
    expect(error.message).toBe('Not an image asset id: file-abc-pdf.')
    expect(stub.requests).toEqual([])
  })

  it('caches under the output’s .cache/images when opened as commands open it', async () => {
    const source = await openSource({
      env: {
        SANITY_PROJECT_ID: 'abc123',
        SANITY_DATASET: 'production',
        SANITY_API_TOKEN: TOKEN,
        SANITY_API_HOST: stub.apiHost,
      },
      cwd: cacheDir,
      cacheDir: path.join(cacheDir, '.cache'),
    })
    await source.readImage(ASSET_ID)
    expect(readdirSync(path.join(cacheDir, '.cache', 'images'))).toEqual([FILE])
  })
})
