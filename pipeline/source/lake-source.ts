import {createClient} from '@sanity/client'
import type {SanityClient} from '@sanity/client'
import {articleIdsQuery, articleLookupQuery, articleQuery, settingsQuery} from './queries.ts'
import {decodeArticleResult, decodeIdPage, decodeSettingsResult, ResultShapeError} from './decode/decode-result.ts'
import {isPublishedId, isRecord} from './document-walk.ts'
import {lakeImageReader} from './lake-images.ts'
import {
  DEFAULT_RETRIES,
  defaultRetryDelay,
  realSleep,
  retryAfterMs as retryAfterHeader,
  TRANSIENT,
} from './lake-retry.ts'
import {SourceError} from './errors.ts'
import type {ArticleLookup, ArticleMatches} from './lookup.ts'
import {printable} from './printable.ts'
import {invalidSettingsMessage, sourceProblems} from './problems.ts'
import {verifySigners, type SignerCheckInput, type SignerVerification} from './signer-history.ts'
import type {ContentSource, SourceArticle, SourceProblem, SourceSettings} from './types.ts'

/** Pinned so a Content Lake change of defaults cannot change what is exported; 2025-02-19 reads `published` by default. */
export const LAKE_API_VERSION = '2025-02-19'

export interface LakeSourceOptions {
  projectId: string
  dataset: string
  /** A read token (SANITY_API_TOKEN). Needed for private datasets; never printed. */
  token?: string
  /** Another API host (SANITY_API_HOST), e.g. a local stand-in in tests; requests then go to `<apiHost>/v…` directly. */
  apiHost?: string
  /** Articles fetched per page of ids. Default 1000. */
  pageSize?: number
  /** Retries of a request that failed with 429, 5xx or a network error. Default 4. */
  retries?: number
  /** Delay before retry `attempt` (0-based), in ms; Retry-After wins when the server sends one. Default 500 · 2^attempt, at most 8 s. */
  retryDelay?: (attempt: number) => number
  /** Waiting, replaceable in tests. */
  sleep?: (ms: number) => Promise<void>
  /**
   * The deadline of each request, in ms: a Content Lake (or a proxy in front of it) that takes the connection and
   * never answers fails that request instead of holding the process. Not retried. Default 30,000
   * (`SANITY_REQUEST_TIMEOUT_MS`).
   */
  timeoutMs?: number
  /**
   * Where downloaded image files are kept, named by their sha1 (`OUT/.cache/images`), so a re-export downloads
   * nothing it has. None: every `readImage` downloads.
   */
  imageCacheDir?: string
  /**
   * The asset CDN, `https://cdn.sanity.io` by default (SANITY_IMAGE_HOST); with `apiHost` set and no image host,
   * the API host (a local stand-in serves both).
   */
  imageHost?: string
}

export const DEFAULT_LAKE_TIMEOUT_MS = 30_000

/**
 * The Content Lake as a ContentSource: the same typed queries, sent by @sanity/client with the published
 * perspective and without the CDN (exports must see what was just published). Ids are paged with `_id > $lastId`.
 * Anything it returns under `drafts.`/`versions.` is dropped and reported: the pipeline never exports unpublished
 * text, whatever the API version or perspective does.
 */
/** A source that can check Studio signers against the document history (only the Content Lake can). */
export interface SignerHistory {
  verifySigners: (reviews: readonly SignerCheckInput[]) => Promise<SignerVerification>
}

export function openLakeSource(options: LakeSourceOptions): ContentSource & ArticleLookup & SignerHistory {
  const label = `project ${options.projectId} / ${options.dataset}`
  const pageSize = options.pageSize ?? 1000
  const retries = options.retries ?? DEFAULT_RETRIES
  const retryDelay = options.retryDelay ?? defaultRetryDelay
  const sleep = options.sleep ?? realSleep
  const timeoutMs = options.timeoutMs ?? DEFAULT_LAKE_TIMEOUT_MS
  const where = `${label}${options.apiHost ? ` at ${options.apiHost}` : ''}`
  const problems: SourceProblem[] = []
  let client: SanityClient
  try {
    client = createClient({
      projectId: options.projectId,
      dataset: options.dataset,
      apiVersion: LAKE_API_VERSION,
      perspective: 'published',
      useCdn: false,
      token: options.token,
      // Retries are ours: the client's own give up silently on 500/504 and cannot say what to check.
      maxRetries: 0,
      timeout: timeoutMs,
      ...(options.apiHost ? {apiHost: options.apiHost, useProjectHostname: false} : {}),
    })
  } catch (error) {
    throw new SourceError(
      `The Content Lake settings are not valid (${redact(String((error as Error).message), options.token)}): check SANITY_PROJECT_ID and SANITY_DATASET.`,
    )
  }

  /**
   * One query with its deadline and retries. The answer must be the API's envelope (`{result, ms, query}`): a 200
   * with anything else (an HTML page from a proxy, a captive portal or a wrong SANITY_API_HOST) is one line.
   */
  async function request(what: string, send: (signal: AbortSignal) => Promise<unknown>): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      let response: unknown
      try {
        response = await send(AbortSignal.timeout(timeoutMs))
      } catch (error) {
        if (isRecord(error) && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
          const host = options.apiHost ? ' and SANITY_API_HOST' : ''
          throw new SourceError(
            `The Content Lake did not answer within ${timeoutMs / 1000} s for ${where} while ${what}: ` +
              `check the network${host}, or allow more time with SANITY_REQUEST_TIMEOUT_MS.`,
          )
        }
        const status = statusOf(error)
        const transient = status === undefined || TRANSIENT.has(status)
        if (!transient || attempt >= retries) throw lakeError(error, status, what, attempt + 1)
        await sleep(retryAfterMs(error) ?? retryDelay(attempt))
        continue
      }
      if (!isRecord(response) || !('result' in response)) throw shapeError(what, describeAnswer(response))
      return response.result
    }
  }

  function shapeError(what: string, answer: string): SourceError {
    return new SourceError(
      `The Content Lake answered ${where} while ${what} with ${answer} instead of a query result: ` +
        'check SANITY_API_HOST, and any proxy or login page between this machine and the API.',
    )
  }

  /** Runs `decode` on an answer; an answer of the wrong shape is a source error, not a crash later. */
  function checked<T>(what: string, decode: () => T): T {
    try {
      return decode()
    } catch (error) {
      if (error instanceof ResultShapeError) throw shapeError(what, printable(error.message))
      throw error
    }
  }

  function lakeError(error: unknown, status: number | undefined, what: string, attempts: number): SourceError {
    switch (status) {
      case 401:
        return new SourceError(
          `The Content Lake refused the credentials for ${where} (HTTP 401): check SANITY_API_TOKEN.`,
        )
      case 403:
        return new SourceError(
          `The token may not read ${where} (HTTP 403): give SANITY_API_TOKEN the Viewer role, or check SANITY_DATASET.`,
        )
      case 404:
        return new SourceError(
          `The Content Lake has no ${where} (HTTP 404): check SANITY_PROJECT_ID and SANITY_DATASET.`,
        )
      case undefined:
        return new SourceError(
          `Cannot reach the Content Lake for ${where} while ${what} (${networkCode(error)}, ${attempts} attempts): check the network${options.apiHost ? ' and SANITY_API_HOST' : ''}.`,
        )
      default:
        return TRANSIENT.has(status)
          ? new SourceError(
              `The Content Lake kept failing for ${where} while ${what} (HTTP ${status}, ${attempts} attempts): try again later.`,
            )
          : new SourceError(
              `The Content Lake answered HTTP ${status} for ${where} while ${what}: check SANITY_PROJECT_ID, SANITY_DATASET and SANITY_API_TOKEN.`,
            )
    }
  }

  function keepPublished<T extends {_id: string}>(items: readonly T[]): T[] {
    return items.filter((item: T | null) => {
      // A dangling reference dereferences to null (GROQ's answer, typegen's types notwithstanding): keep it, the
      // validation reports it.
      if (item === null || isPublishedId(item._id)) return true
      problems.push(sourceProblems.publishedIdExpected(label, item._id))
      return false
    })
  }

  return {
    label,
    async *listArticles() {
      let lastId = ''
      for (;;) {
        const params = {lastId, limit: pageSize}
        const answer = await request('listing articles', (signal) =>
          client.fetch(articleIdsQuery, params, {filterResponse: false, signal}),
        )
        const page = checked('listing articles', () => decodeIdPage(answer))
        yield* keepPublished(page)
        const last = page.at(-1)
        if (!last || page.length < pageSize) return
        lastId = last._id
      }
    },
    async getArticle(id) {
      if (!isPublishedId(id)) return null
      const what = `reading article ${printable(id)}`
      const answer = await request(what, (signal) => client.fetch(articleQuery, {id}, {filterResponse: false, signal}))
      const article = checked(what, () => decodeArticleResult(answer))
      if (!article) return null
      if (keepPublished([article]).length === 0) return null
      return publishedOnly(article, keepPublished)
    },
    async getSettings() {
      const answer = await request('reading settings', (signal) =>
        client.fetch(settingsQuery, {}, {filterResponse: false, signal}),
      )
      const {settings, findings} = checked('reading settings', () => decodeSettingsResult(answer))
      if (findings.length > 0) throw new SourceError(invalidSettingsMessage(label, findings))
      return settings as SourceSettings | null
    },
    async lookupArticle(slugOrId): Promise<ArticleMatches> {
      // `raw` shows drafts and versions to a token that may read them: only to explain, never to export.
      const what = `looking up ${printable(slugOrId)}`
      const answer = await request(what, (signal) =>
        client.fetch(articleLookupQuery, {ref: slugOrId}, {perspective: 'raw', filterResponse: false, signal}),
      )
      const matches = checked(what, () => lookupRows(answer))
      return {
        published: matches.filter((match) => isPublishedId(match._id)),
        unpublished: matches
          .filter((match) => !isPublishedId(match._id))
          .map((match) => ({
            _id: match._id,
            kind: match._id.startsWith('drafts.') ? ('draft' as const) : ('version' as const),
            slug: match.slug,
          })),
      }
    },
    verifySigners(reviews) {
      const host = options.apiHost ?? `https://${options.projectId}.api.sanity.io`
      const baseUrl = `${host.replace(/\/$/, '')}/v${LAKE_API_VERSION}`
      return verifySigners({baseUrl, dataset: options.dataset, token: options.token}, reviews)
    },
    readImage: lakeImageReader({
      projectId: options.projectId,
      dataset: options.dataset,
      token: options.token,
      imageHost: options.imageHost ?? options.apiHost,
      cacheDir: options.imageCacheDir,
      retries,
      retryDelay,
      sleep,
      timeoutMs,
      where,
    }),
    problems: () => [...problems],
    close: async () => {},
  }
}

/** Drops unpublished documents the Content Lake should never have joined in. New containers, never mutation. */
function publishedOnly(
  article: SourceArticle,
  keep: <T extends {_id: string}>(items: readonly T[]) => T[],
): SourceArticle {
  return {
    ...article,
    authors: article.authors ? keep(article.authors) : null,
    citations: keep(article.citations),
    reviews: keep(article.reviews).map((review) =>
      review.reviewer && !isPublishedId(review.reviewer._id)
        ? {...review, reviewer: keep([review.reviewer])[0] ?? null}
        : review,
    ),
  }
}

function lookupRows(answer: unknown): Array<{_id: string; slug: string | null}> {
  const isRow = (row: unknown) =>
    isRecord(row) && typeof row._id === 'string' && (row.slug === null || typeof row.slug === 'string')
  if (!Array.isArray(answer) || !answer.every(isRow)) {
    throw new ResultShapeError('a lookup result that is not a list of {_id, slug}')
  }
  return answer as Array<{_id: string; slug: string | null}>
}

/** What came instead of the API's JSON envelope, in a few words. */
function describeAnswer(answer: unknown): string {
  if (typeof answer === 'string') return /^\s*</.test(answer) ? 'an HTML page' : 'text that is not JSON'
  if (Array.isArray(answer)) return 'a JSON list'
  return isRecord(answer) ? 'a JSON object without a result' : `the ${typeof answer} ${printable(String(answer), 40)}`
}

function statusOf(error: unknown): number | undefined {
  return isRecord(error) && typeof error.statusCode === 'number' ? error.statusCode : undefined
}

function retryAfterMs(error: unknown): number | undefined {
  const response = isRecord(error) ? error.response : undefined
  const headers = isRecord(response) ? response.headers : undefined
  return retryAfterHeader(isRecord(headers) ? headers['retry-after'] : undefined)
}

function networkCode(error: unknown): string {
  const cause = isRecord(error) ? error.cause : undefined
  const code =
    isRecord(cause) && typeof cause.code === 'string'
      ? cause.code
      : isRecord(error) && typeof error.code === 'string'
        ? error.code
        : undefined
  return code ?? 'no answer'
}

/** Belt and braces: whatever text reaches a message, the token does not. */
function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('[token]') : text
}
