import {readFileSync} from 'node:fs'
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http'
import type {AddressInfo} from 'node:net'
import path from 'node:path'
import {createExportScheduler} from '../../pipeline/serve/scheduler.ts'
import {createServeHandler} from '../../pipeline/serve/server.ts'

/**
 * A release served over HTTP on 127.0.0.1 (ephemeral port) the way readers get it: the shipped `vetted serve`
 * handler, with its headers, reading `OUT/current`. Beside it, `/_host/<slug>/` is a minimal partner page with the
 * article's fragment.html pasted into it (as a partner embedding the fragment would), served without any
 * Content-Security-Policy: a fragment must be safe on a page that does not protect it.
 */
export const HOST_PREFIX = '/_host/'

export interface ReleaseServer {
  url: string
  close(): Promise<void>
}

export interface ReleaseServerOptions {
  /** Fixed pages served as given (no CSP), e.g. a page built to prove each check of the suite can fail. */
  pages?: Record<string, string>
}

export async function serveRelease(outDir: string, options: ReleaseServerOptions = {}): Promise<ReleaseServer> {
  const scheduler = createExportScheduler({
    run: async () => {
      throw new Error('The trust suite serves a finished release; it never exports from the server.')
    },
  })
  const {handle} = createServeHandler({outDir, scheduler})
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname
    const fixed = options.pages?.[pathname]
    if (fixed !== undefined) {
      res.writeHead(200, {'content-type': 'text/html; charset=utf-8'})
      res.end(fixed)
      return
    }
    if (pathname.startsWith(HOST_PREFIX)) return hostPage(outDir, pathname.slice(HOST_PREFIX.length), res)
    handle(req, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const {port} = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await scheduler.shutdown(1_000)
    },
  }
}

/** The partner page: its own language, title, h1 and landmark, then the fragment exactly as exported. */
export function hostPageHtml(slug: string, fragment: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Partner page embedding ${slug}</title></head>`,
    '<body><main>',
    `<h1>Partner page embedding ${slug}</h1>`,
    fragment,
    '</main></body>',
    '</html>',
    '',
  ].join('\n')
}

function hostPage(outDir: string, rest: string, res: ServerResponse<IncomingMessage>): void {
  const slug = rest.replace(/\/$/, '')
  // Only names the export itself would write: the host route must not become a way out of the release.
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) return notFound(res)
  let fragment: string
  try {
    fragment = readFileSync(path.join(outDir, 'current', 'articles', slug, 'fragment.html'), 'utf8')
  } catch {
    return notFound(res)
  }
  res.writeHead(200, {'content-type': 'text/html; charset=utf-8'})
  res.end(hostPageHtml(slug, fragment))
}

function notFound(res: ServerResponse<IncomingMessage>): void {
  res.writeHead(404, {'content-type': 'text/plain; charset=utf-8'})
  res.end('Not found\n')
}
