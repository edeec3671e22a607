import {request} from 'node:http'
import {encodeSignatureHeader, isValidSignature} from '@sanity/webhook'
import fc from 'fast-check'
import {afterAll, afterEach, beforeEach, describe, expect, it} from 'vitest'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import type {ExportResult} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import {verifyWebhook} from '../pipeline/serve/webhook.ts'
import type {RunningServer, ServeOptions} from '../pipeline/serve/server.ts'
import {
  articleFiles,
  collectLogs,
  json,
  send,
  signedDelivery,
  switchCurrent,
  tempOut,
  WEBHOOK_SECRET,
  writeRelease,
} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

const HOOK = '/hooks/sanity'
const PAYLOAD = JSON.stringify({
  _id: 'article-infant-mental-health',
  _type: 'article',
  title: 'The importance of infant mental health',
})

describe('POST /hooks/sanity', () => {
  let out: string
  let server: RunningServer
  let runs: number
  let logs: ReturnType<typeof collectLogs>

  async function start(overrides: Partial<ServeOptions> = {}) {
    out = tempOut()
    writeRelease(out, 'r1', articleFiles())
    switchCurrent(out, 'r1')
    runs = 0
    logs = collectLogs()
    const scheduler = createExportScheduler({
      debounceMs: 20,
      maxWaitMs: 60,
      log: logs.log,
      run: async (): Promise<ExportResult> => {
        runs += 1
        return {outcome: 'ok', exitCode: 0, signal: null, durationMs: 1, release: 'r1', switched: false}
      },
    })
    server = await startServer({outDir: out, scheduler, webhookSecret: WEBHOOK_SECRET, log: logs.log, ...overrides})
    return scheduler
  }
  beforeEach(() => {
    runs = 0
  })
  afterEach(async () => {
    await server.close({exportTimeoutMs: 100, requestTimeoutMs: 100})
  })

  it('accepts a delivery signed with the secret (202) and schedules one export', async () => {
    const scheduler = await start()
    const delivery = await signedDelivery(PAYLOAD)
    const response = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(response.status).toBe(202)
    expect(json(response)).toEqual({
      status: 'accepted',
      export: 'scheduled',
      documentId: 'article-infant-mental-health',
    })
    await scheduler.idle()
    expect(runs).toBe(1)
  })

  it('refuses a delivery signed with another secret, a tampered body, or no signature (401)', async () => {
    await start()
    const wrongSecret = await signedDelivery(PAYLOAD, {secret: 'someone-elses-secret'})
    expect((await send(server.url, HOOK, {method: 'POST', ...wrongSecret})).status).toBe(401)
    const tampered = await signedDelivery(PAYLOAD)
    const response = await send(server.url, HOOK, {
      method: 'POST',
      headers: tampered.headers,
      body: PAYLOAD.replace('infant', 'adult'),
    })
    expect(response.status).toBe(401)
    expect(json(response)).toEqual({error: 'Invalid webhook signature', path: HOOK})
    const unsigned = await send(server.url, HOOK, {
      method: 'POST',
      headers: {'content-type': 'application/json'},
      body: PAYLOAD,
    })
    expect(unsigned.status).toBe(401)
    const garbled = await send(server.url, HOOK, {
      method: 'POST',
      headers: {'sanity-webhook-signature': 't=abc,v1=xyz'},
      body: PAYLOAD,
    })
    expect(garbled.status).toBe(401)
    expect(runs).toBe(0)
  })

  it('refuses a correctly signed delivery whose timestamp is more than 5 minutes off, either way (401)', async () => {
    await start()
    for (const offset of [-5 * 60 * 1000 - 1000, 5 * 60 * 1000 + 1000]) {
      const delivery = await signedDelivery(PAYLOAD, {timestamp: Date.now() + offset})
      const response = await send(server.url, HOOK, {method: 'POST', ...delivery})
      expect(response.status).toBe(401)
      expect(json(response)).toMatchObject({error: expect.stringContaining('outside the accepted window')})
    }
    const withinWindow = await signedDelivery(PAYLOAD, {timestamp: Date.now() - 4 * 60 * 1000})
    expect((await send(server.url, HOOK, {method: 'POST', ...withinWindow})).status).toBe(202)
  })

  it('refuses a signed body that is not JSON (400)', async () => {
    await start()
    const delivery = await signedDelivery('this is not json')
    const response = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(response.status).toBe(400)
    expect(json(response)).toEqual({error: 'Webhook body is not JSON', path: HOOK})
    expect(runs).toBe(0)
  })

  it('refuses a body over the limit (413), declared or streamed, without reading it all', async () => {
    await start({maxBodyBytes: 1024})
    const big = JSON.stringify({_id: 'article-x', text: 'x'.repeat(2048)})
    const delivery = await signedDelivery(big)
    const declared = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(declared.status).toBe(413)
    expect(declared.headers.connection).toBe('close')
    const streamed = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}${HOOK}`,
        {method: 'POST', headers: {...delivery.headers, 'transfer-encoding': 'chunked'}},
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write(big.slice(0, 800))
      setTimeout(() => req.end(big.slice(800)), 20)
    })
    expect(streamed).toBe(413)
    expect(runs).toBe(0)
  })

  it('when every slot is taken, the longest-waiting read gives way (503) and the new one gets in', async () => {
    await start({maxConcurrentHooks: 1})
    const delivery = await signedDelivery(PAYLOAD)
    // The first delivery sends its headers and half its body, and waits.
    let finishFirst: () => void = () => {}
    const first = new Promise<number>((resolve, reject) => {
      const req = request(
        `${server.url}${HOOK}`,
        {method: 'POST', headers: {...delivery.headers, 'content-length': String(Buffer.byteLength(delivery.body))}},
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      req.write(delivery.body.slice(0, 10))
      finishFirst = () => req.end(delivery.body.slice(10))
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const second = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(second.status).toBe(202)
    expect(await first).toBe(503)
    finishFirst()
  })

  it('answers 404 when webhooks are not configured, and 405 for other methods', async () => {
    await start({webhookSecret: null})
    const delivery = await signedDelivery(PAYLOAD)
    const response = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(response.status).toBe(404)
    expect(json(response)).toMatchObject({error: expect.stringContaining('SANITY_WEBHOOK_SECRET')})
    await server.close()
    await start()
    const get = await send(server.url, HOOK)
    expect(get.status).toBe(405)
    expect(get.headers.allow).toBe('POST')
  })

  it('never writes the secret or the signature to the logs', async () => {
    const scheduler = await start()
    const good = await signedDelivery(PAYLOAD)
    await send(server.url, HOOK, {method: 'POST', ...good})
    const bad = await signedDelivery(PAYLOAD, {secret: 'another-secret-value'})
    await send(server.url, HOOK, {method: 'POST', ...bad})
    await scheduler.idle()
    const text = logs.text()
    expect(text).toContain('"event":"webhook"')
    expect(text).toContain('"event":"export"')
    expect(text).not.toContain(WEBHOOK_SECRET)
    for (const signature of [good.headers['sanity-webhook-signature'], bad.headers['sanity-webhook-signature']]) {
      expect(text).not.toContain(signature?.split('v1=')[1])
    }
  })
})

describe('signature verification', () => {
  it('accepts exactly the deliveries @sanity/webhook isValidSignature accepts, within the time window', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({minLength: 1, maxLength: 200}),
        fc.string({minLength: 1, maxLength: 40}),
        fc.constantFrom('none', 'body', 'secret', 'signature', 'spaces'),
        async (text, secret, tamper) => {
          const body = JSON.stringify({_id: text})
          const timestamp = 1_764_115_200_000
          const signed = await encodeSignatureHeader(body, timestamp, secret)
          const header =
            tamper === 'signature'
              ? `${signed.slice(0, -1)}${signed.endsWith('A') ? 'B' : 'A'}`
              : tamper === 'spaces'
                ? ` ${signed}`
                : signed
          const sentBody = tamper === 'body' ? `${body} ` : body
          const usedSecret = tamper === 'secret' ? `${secret}x` : secret
          const expected = await isValidSignature(sentBody, header, usedSecret)
          const verdict = await verifyWebhook(Buffer.from(sentBody), header, {
            secret: usedSecret,
            now: () => timestamp + 1000,
          })
          expect(verdict.ok).toBe(expected)
          if (!verdict.ok) expect(verdict.status).toBe(401)
        },
      ),
      {numRuns: 200},
    )
  })
})
