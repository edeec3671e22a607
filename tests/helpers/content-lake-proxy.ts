import {createServer, type IncomingMessage} from 'node:http'
import type {AddressInfo} from 'node:net'
import type {Duplex} from 'node:stream'
import {createLocalGroqClient} from './groq-client.ts'

/**
 * A stand-in for the Content Lake's query endpoint, so `sanity documents validate` can run the rules that
 * query other documents without a network. The CLI is pointed at a made-up API host
 * (`SANITY_INTERNAL_ENV=http://<host>`) and at this server as its HTTP proxy (`HTTP_PROXY`,
 * `NODE_USE_ENV_PROXY=1`); the server answers `/data/query/<dataset>` with groq-js over the given documents.
 * Only 127.0.0.1 is ever contacted.
 */
export interface ContentLakeProxy {
  url: string
  /** The GROQ queries answered, in order, for assertions. */
  queries: string[]
  close(): Promise<void>
}

export async function startContentLakeProxy(
  documents: ReadonlyArray<{_id: string; _type: string}>,
): Promise<ContentLakeProxy> {
  const client = createLocalGroqClient(documents)
  const queries: string[] = []
  const server = createServer((request, response) => {
    answer(request)
      .then((body) => {
        response.writeHead(200, {'content-type': 'application/json'})
        response.end(JSON.stringify(body))
      })
      .catch((error: unknown) => {
        response.writeHead(400, {'content-type': 'application/json'})
        response.end(JSON.stringify({error: {description: error instanceof Error ? error.message : String(error)}}))
      })
  })

  // Node's fetch tunnels every proxied request through CONNECT, even to an http:// host. The tunnel carries
  // plain HTTP here, so it is handed back to this same server; nothing is forwarded anywhere.
  server.on('connect', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n')
    if (head.length > 0) socket.unshift(head)
    server.emit('connection', socket)
  })

  async function answer(request: IncomingMessage): Promise<unknown> {
    const url = new URL(request.url ?? '/', 'http://proxy.invalid')
    if (!/\/data\/query\/[^/]+$/.test(url.pathname))
      throw new Error(`Only the query endpoint is stubbed, not ${url.pathname}`)
    let query = url.searchParams.get('query') ?? ''
    const params: Record<string, unknown> = {}
    for (const [name, value] of url.searchParams) if (name.startsWith('$')) params[name.slice(1)] = JSON.parse(value)
    if (request.method === 'POST') {
      const chunks: Buffer[] = []
      for await (const chunk of request) chunks.push(chunk as Buffer)
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        query: string
        params?: Record<string, unknown>
      }
      query = body.query
      Object.assign(params, body.params)
    }
    queries.push(query)
    return {query, result: await client.fetch(query, params), ms: 0}
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
