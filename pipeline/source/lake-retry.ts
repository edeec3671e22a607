/**
 * The Content Lake's rules for a failed request, written once for queries (`lake-source.ts`) and asset downloads
 * (`lake-images.ts`): which statuses are worth another attempt, how long to wait, and how far to trust Retry-After.
 */

/** 429 and the 5xx a CDN or the API answers while it recovers: retried. Anything else is an answer. */
export const TRANSIENT = new Set([429, 500, 502, 503, 504])

/** A Retry-After longer than this is capped: an export should not sleep for an hour on one header. */
export const MAX_RETRY_AFTER_MS = 60_000

/** Retries of a request that failed with a transient status or a network error. */
export const DEFAULT_RETRIES = 4

/** Delay before retry `attempt` (0-based): 500 ms · 2^attempt, at most 8 s. */
export const defaultRetryDelay = (attempt: number): number => Math.min(500 * 2 ** attempt, 8000)

export const realSleep = (ms: number): Promise<void> => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Retry-After in whole seconds (the form both the API and the CDN send), capped; undefined when absent or odd. */
export function retryAfterMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value.trim())) return undefined
  return Math.min(Number(value) * 1000, MAX_RETRY_AFTER_MS)
}
