import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {afterEach, describe, expect, it} from 'vitest'
import {LAKE_API_VERSION, openLakeSource} from '../pipeline/source/lake-source.ts'

/**
 * A Studio signer checked against the Content Lake's history API (who wrote each transaction on the review), read
 * with the token only when it may: without one, or when refused, the result says why instead.
 */

const TOKEN = 'sk-history-token'
const IDS = 'review.a,review.b,review.c'
let server: Server | undefined
const seen: Array<{url: string; authorization: string | undefined}> = []

afterEach(async () => {
  seen.length = 0
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
})

async function historyStub(answer: (url: string) => {status: number; body: string}): Promise<string> {
  server = createServer((request, response) => {
    seen.push({url: request.url ?? '', authorization: request.headers.authorization})
    const {status, body} = answer(request.url ?? '')
    response.writeHead(status, {'content-type': 'application/x-ndjson'})
    response.end(body)
  })
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`
}

const transactions = [
  {id: 't1', timestamp: '2026-06-10T15:30:00Z', author: 'user-daniel-okafor', documentIDs: ['review.a']},
  {id: 't2', timestamp: '2026-06-11T09:00:00Z', author: 'user-mallory', documentIDs: ['review.b']},
]
  .map((transaction) => JSON.stringify(transaction))
  .join('\n')

const lake = (apiHost: string, token: string | null = TOKEN) =>
  openLakeSource({projectId: 'abc123', dataset: 'production', apiHost, ...(token === null ? {} : {token})})

describe('signers against the Content Lake history', () => {
  it('reads the reviews’ transactions with the token and compares their authors with the signer', async () => {
    const host = await historyStub(() => ({status: 200, body: `${transactions}\n`}))
    const result = await lake(host).verifySigners([
      {reviewId: 'review.a', signerId: 'user-daniel-okafor'},
      {reviewId: 'review.b', signerId: 'user-priya-raman'},
      {reviewId: 'review.c', signerId: 'user-priya-raman'},
    ])
    expect(seen).toEqual([
      {
        url: `/v${LAKE_API_VERSION}/data/history/production/transactions/${IDS}?excludeContent=true`,
        authorization: `Bearer ${TOKEN}`,
      },
    ])
    expect(result).toEqual({
      available: true,
      checks: [
        {reviewId: 'review.a', outcome: 'verified', authors: ['user-daniel-okafor']},
        {reviewId: 'review.b', outcome: 'mismatch', authors: ['user-mallory']},
        {reviewId: 'review.c', outcome: 'no-history', authors: []},
      ],
    })
  })

  it('says why it cannot verify: no token (nothing is requested), or a token refused the history', async () => {
    const host = await historyStub(() => ({status: 403, body: '{"error":"Forbidden"}'}))
    expect(await lake(host, null).verifySigners([{reviewId: 'review.a', signerId: 'user-a'}])).toEqual({
      available: false,
      reason: 'no SANITY_API_TOKEN: the history API answers only authenticated requests',
    })
    expect(seen).toEqual([])
    expect(await lake(host).verifySigners([{reviewId: 'review.a', signerId: 'user-a'}])).toEqual({
      available: false,
      reason: 'the token may not read the document history (HTTP 403)',
    })
  })
})
