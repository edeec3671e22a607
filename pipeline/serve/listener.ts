import type {Logger} from './log.ts'
import type {ExportScheduler} from './scheduler.ts'

/**
 * Feeds Content Lake mutations into the export scheduler, as the webhook does. `listen` is `client.listen` of
 * `@sanity/client` (or anything Observable-like in tests). The listener only needs to know *that* something
 * changed (`includeResult: false`, `includeMutations: false`); the export reads the content itself. Events are asked for at query visibility, so the
 * export triggered by one already sees the change.
 */

export const LISTEN_QUERY = '*[_type in ["article", "citation", "person", "review", "settings"]]'

export const LISTEN_OPTIONS = {
  includeResult: false,
  includeMutations: false,
  visibility: 'query',
  events: ['welcome', 'mutation', 'reconnect'],
} as const

/** Refused credentials are not retried: one line that says what to fix. */
const REFUSED: Record<401 | 403, string> = {
  401:
    'The Content Lake refused the credentials (HTTP 401), so changes are not followed: ' +
    'check SANITY_API_TOKEN, then restart serve.',
  403:
    'The token may not listen to this dataset (HTTP 403), so changes are not followed: ' +
    'give SANITY_API_TOKEN the Viewer role or check SANITY_DATASET, then restart serve.',
}

export interface Subscribable {
  subscribe(observer: {next: (event: unknown) => void; error: (error: unknown) => void; complete: () => void}): {
    unsubscribe(): void
  }
}

export interface ListenerOptions {
  listen: (query: string, options: typeof LISTEN_OPTIONS) => Subscribable
  scheduler: ExportScheduler
  log: Logger
  /** First delay before subscribing again after an error; doubles up to 30 s. @defaultValue 1000 */
  retryMs?: number
}

export interface ContentLakeListener {
  stop(): void
}

export function startContentLakeListener(options: ListenerOptions): ContentLakeListener {
  const {listen, scheduler, log, retryMs = 1000} = options
  let subscription: {unsubscribe(): void} | null = null
  let retry: NodeJS.Timeout | null = null
  let delay = retryMs
  let stopped = false

  const resubscribe = (why: string) => {
    subscription = null
    if (stopped) return
    log('listener-retry', {reason: why, inMs: delay})
    retry = setTimeout(connect, delay)
    delay = Math.min(delay * 2, 30_000)
  }

  function connect() {
    retry = null
    subscription = listen(LISTEN_QUERY, LISTEN_OPTIONS).subscribe({
      next(event) {
        if (!isRecord(event)) return
        if (event.type === 'welcome') {
          delay = retryMs
          log('listener-connected', {})
          // Changes made while nobody listened (startup, reconnects) are only caught by exporting now.
          scheduler.trigger('listener:welcome')
        } else if (event.type === 'reconnect') {
          log('listener-reconnecting', {})
        } else if (event.type === 'mutation') {
          const id = typeof event.documentId === 'string' ? event.documentId : ''
          // Drafts and release versions are not published content: exporting for them would change nothing.
          if (id.startsWith('drafts.') || id.startsWith('versions.')) return
          scheduler.trigger(`listener:${id || 'mutation'}`)
        }
      },
      error(error) {
        const status = isRecord(error) && typeof error.status === 'number' ? error.status : undefined
        if (status === 401 || status === 403) {
          // The token is read once, at start: asking again with it cannot succeed.
          log('listener-refused', {status, message: REFUSED[status]})
          subscription?.unsubscribe()
          subscription = null
          return
        }
        log('listener-error', {message: error instanceof Error ? error.message : 'listener failed'})
        subscription?.unsubscribe()
        resubscribe('error')
      },
      complete() {
        subscription?.unsubscribe()
        resubscribe('closed by the server')
      },
    })
  }

  connect()
  return {
    stop() {
      stopped = true
      if (retry) clearTimeout(retry)
      subscription?.unsubscribe()
      subscription = null
    },
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}
