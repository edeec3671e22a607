import {connect} from 'node:net'
import type {Socket} from 'node:net'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import type {ExportResult} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import type {RunningServer, ServeOptions} from '../pipeline/serve/server.ts'
import {articleFiles, collectLogs, send, signedDelivery, switchCurrent, tempOut} from './helpers/serve-fixtures.ts'
import {WEBHOOK_SECRET, writeRelease} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

/**
 * Unauthenticated clients that send webhook headers, a large Content-Length and a trickle of body must not keep
 * signed deliveries out. Everything runs on 127.0.0.1, bounded: 40 connections, a few seconds.
 */

afterAll(removeTempDirs)

const HOOK = '/hooks/sanity'
const PAYLOAD = JSON.stringify({_id: 'article-infant-mental-health', _type: 'article'})
const SLOW = 40

let server: RunningServer
let runs = 0
const sockets: Socket[] = []
const timers: NodeJS.Timeout[] = []

async function start(overrides: Partial<ServeOptions> = {}) {
  const out = tempOut()
  writeRelease(out, 'r1', articleFiles())
  switchCurrent(out, 'r1')
  runs = 0
  const logs = collectLogs()
  const scheduler = createExportScheduler({
    debounceMs: 10,
    maxWaitMs: 30,
    log: logs.log,
    run: async (): Promise<ExportResult> => {
      runs += 1
      return {outcome: 'ok', exitCode: 0, signal: null, durationMs: 1, release: 'r1', switched: false}
    },
  })
  server = await startServer({outDir: out, scheduler, webhookSecret: WEBHOOK_SECRET, log: logs.log, ...overrides})
}

afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer)
  for (const socket of sockets.splice(0)) socket.destroy()
  await server.close({exportTimeoutMs: 100, requestTimeoutMs: 100})
})

/** A connection that claims a 100 kB signed-looking body and sends a byte every 100 ms; resolves with its status. */
function slowDelivery(): Promise<number> {
  const {port} = new URL(server.url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1')
    sockets.push(socket)
    let answer = ''
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1')
    })
    socket.on('error', () => {})
    socket.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)))
    socket.write(
      `POST ${HOOK} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `sanity-webhook-signature: t=${Date.now()},v1=${'A'.repeat(43)}\r\nContent-Length: 100000\r\n\r\n{`,
    )
    timers.push(setInterval(() => socket.writable && socket.write(' '), 100))
  })
}

describe('webhook: slow unauthenticated bodies cannot starve signed deliveries', () => {
  it(`lets a signed delivery through while ${SLOW} slow connections trickle bodies; closes each in time`, async () => {
    await start({bodyTimeoutMs: 1500})
    const started = Date.now()
    const slow = Array.from({length: SLOW}, () => slowDelivery())
    await new Promise((resolve) => setTimeout(resolve, 300))
    const delivery = await signedDelivery(PAYLOAD)
    const signed = await send(server.url, HOOK, {method: 'POST', ...delivery})
    expect(signed.status).toBe(202)
    expect(Date.now() - started).toBeLessThan(1500)
    const statuses = await Promise.all(slow)
    // Each slow connection ends with 503 (gave way to a newer one) or 408 (body deadline), within the deadline.
    expect(new Set(statuses)).toEqual(new Set([503, 408]))
    expect(Date.now() - started).toBeLessThan(4000)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(runs).toBe(1)
  }, 15_000)

  it('refuses a delivery without a signature header before reading its body', async () => {
    await start()
    const headers = {'content-type': 'application/json'}
    const answer = await send(server.url, HOOK, {method: 'POST', body: PAYLOAD, headers})
    expect(answer.status).toBe(401)
    expect(answer.headers.connection).toBe('close')
  })
})
