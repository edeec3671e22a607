import {timingSafeEqual} from 'node:crypto'
import type {IncomingMessage} from 'node:http'
import {decodeSignatureHeader, encodeSignatureHeader, isSignatureError, SIGNATURE_HEADER_NAME} from '@sanity/webhook'

/**
 * Verifies a Sanity GROQ webhook delivery. `@sanity/webhook` computes the HMAC over the raw body and parses the
 * header, but its `isValidSignature` compares with `!==` and never looks at the timestamp's age; so the comparison
 * here is constant-time, and a signature older or newer than the tolerance is refused as a possible replay.
 */

export interface WebhookCheckOptions {
  secret: string
  /** How far the signed timestamp may be from this server's clock. @defaultValue 5 minutes */
  toleranceMs?: number
  now?: () => number
}

export type WebhookVerdict =
  {ok: true; payload: unknown; timestamp: number} | {ok: false; status: 400 | 401; error: string}

export const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000

export async function verifyWebhook(
  rawBody: Buffer,
  signatureHeader: string | string[] | undefined,
  options: WebhookCheckOptions,
): Promise<WebhookVerdict> {
  const {secret, toleranceMs = DEFAULT_TOLERANCE_MS, now = Date.now} = options
  if (typeof signatureHeader !== 'string' || signatureHeader === '') {
    return {ok: false, status: 401, error: `Missing ${SIGNATURE_HEADER_NAME} header`}
  }
  const body = rawBody.toString('utf8')
  let timestamp: number
  let expected: string
  try {
    timestamp = decodeSignatureHeader(signatureHeader).timestamp
    expected = await encodeSignatureHeader(body, timestamp, secret)
  } catch (error) {
    // Malformed header, empty body, timestamp before 2021: all mean the delivery cannot be authenticated.
    if (isSignatureError(error)) return {ok: false, status: 401, error: 'Invalid webhook signature'}
    throw error
  }
  if (!constantTimeEqual(expected, signatureHeader)) return {ok: false, status: 401, error: 'Invalid webhook signature'}
  // Checked after the signature, so an unauthenticated caller learns nothing about the clock.
  if (Math.abs(now() - timestamp) > toleranceMs) {
    return {ok: false, status: 401, error: 'Webhook signature timestamp is outside the accepted window'}
  }
  try {
    return {ok: true, payload: JSON.parse(body), timestamp}
  } catch {
    return {ok: false, status: 400, error: 'Webhook body is not JSON'}
  }
}

function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

export type BodyResult = {ok: true; body: Buffer} | {ok: false; reason: 'too-large' | 'aborted' | 'timeout' | 'evicted'}

export interface ReadBodyOptions {
  /** The whole body must arrive within this time, however it trickles in. */
  timeoutMs?: number
  /** Aborting stops the read (the server needs the slot for another delivery). */
  signal?: AbortSignal
}

/**
 * Reads a request body up to `maxBytes`, within `timeoutMs`; stops reading (and says why) as soon as the limit
 * is passed, the time is up or `signal` aborts.
 */
export function readBody(req: IncomingMessage, maxBytes: number, options: ReadBodyOptions = {}): Promise<BodyResult> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ok: false, reason: 'too-large'})
  if (options.signal?.aborted) return Promise.resolve({ok: false, reason: 'evicted'})
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const finish = (result: BodyResult) => {
      clearTimeout(timer)
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onAbort)
      req.off('aborted', onAbort)
      options.signal?.removeEventListener('abort', onEvict)
      if (!result.ok) req.pause()
      resolve(result)
    }
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) {
        finish({ok: false, reason: 'too-large'})
        return
      }
      chunks.push(chunk)
    }
    const onEnd = () => finish({ok: true, body: Buffer.concat(chunks, size)})
    const onAbort = () => finish({ok: false, reason: 'aborted'})
    const onEvict = () => finish({ok: false, reason: 'evicted'})
    const onTimeout = () => finish({ok: false, reason: 'timeout'})
    const timer = options.timeoutMs === undefined ? undefined : setTimeout(onTimeout, options.timeoutMs)
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onAbort)
    req.on('aborted', onAbort)
    options.signal?.addEventListener('abort', onEvict, {once: true})
  })
}
