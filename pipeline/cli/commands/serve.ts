import path from 'node:path'
import {contentLakeListen, LISTEN_ENV, missingListenEnv} from '../../serve/content-lake.ts'
import {cliExportCommand, createExportRunner} from '../../serve/export-runner.ts'
import {startContentLakeListener} from '../../serve/listener.ts'
import type {ContentLakeListener} from '../../serve/listener.ts'
import {createJsonLogger, redactSecrets} from '../../serve/log.ts'
import {watchParent} from '../../serve/parent-watch.ts'
import {createExportScheduler} from '../../serve/scheduler.ts'
import {startServer} from '../../serve/server.ts'
import {parseOptions} from '../options.ts'
import type {Command} from '../run.ts'
import {UsageError} from '../run.ts'

const usage = `Usage: npx vetted serve [options]

Serves the live release (<out>/current) over HTTP and re-exports when content changes. Endpoints: GET /... (the
release), GET /manifest.json, GET /healthz, POST /hooks/sanity (when SANITY_WEBHOOK_SECRET is set; signed by
Sanity). Logs are JSON lines on stdout. SIGTERM or SIGINT stops it gracefully, and so does the exit of whatever
launched it (npx, npm run), so it never runs on orphaned.

Options:
  -o, --out <dir>        output folder with releases/ and current (default: output)
  --port <p>             port to listen on; 0 picks a free one (default: 8787)
  --host <h>             address to bind (default: 127.0.0.1)
  --listen               also follow Content Lake changes with client.listen (needs
                         ${LISTEN_ENV.join(', ')})
  --debounce-ms <ms>     quiet time after a change before exporting (default: 1000)
  --max-wait-ms <ms>     longest a change waits for its export to start (default: 5000)
  -d, --dataset <file>, --as-of <YYYY-MM-DD>, --strict, --formats <list>
                         passed to every export this server runs

Exit codes:
  0  stopped by a signal or by its launcher's exit
  2  usage error (a bad option, --listen without the Content Lake configured)

Example:
  SANITY_WEBHOOK_SECRET=… npx vetted serve --out output --port 8787`

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the current release over HTTP and re-export on Sanity webhooks or Content Lake changes',
  usage,
  async run(argv, io) {
    const options = parseOptions(argv, {
      accept: ['dataset', 'as-of', 'strict', 'out'],
      extra: {
        port: {type: 'string'},
        host: {type: 'string'},
        listen: {type: 'boolean', default: false},
        formats: {type: 'string'},
        'debounce-ms': {type: 'string'},
        'max-wait-ms': {type: 'string'},
      },
    })
    const port = integerOption('--port', options.extra.port, 8787, 0, 65535)
    const debounceMs = integerOption('--debounce-ms', options.extra['debounce-ms'], 1000, 0, 600_000)
    const maxWaitMs = integerOption('--max-wait-ms', options.extra['max-wait-ms'], 5000, 0, 3_600_000)
    if (maxWaitMs < debounceMs) throw new UsageError('--max-wait-ms must be at least --debounce-ms.')
    const host = typeof options.extra.host === 'string' ? options.extra.host : '127.0.0.1'
    const listen = options.extra.listen === true
    if (listen) {
      const missing = missingListenEnv(io.env)
      if (missing.length > 0)
        throw new UsageError(`--listen needs the Content Lake configured: set ${missing.join(', ')}.`)
    }
    const outDir = path.resolve(io.cwd, options.out ?? 'output')
    const passThrough = [
      ...(options.dataset ? ['--dataset', options.dataset] : []),
      ...(options.asOf ? ['--as-of', options.asOf] : []),
      ...(options.strict ? ['--strict'] : []),
      ...(typeof options.extra.formats === 'string' ? ['--formats', options.extra.formats] : []),
    ]

    // Every line passes the redaction net, whatever a field turned out to contain.
    const log = createJsonLogger((line) => io.stdout(redactSecrets(line, io.env)))
    const secret = io.env.SANITY_WEBHOOK_SECRET || null
    const scheduler = createExportScheduler({
      run: createExportRunner({command: cliExportCommand({outDir, cwd: io.cwd, passThrough}), outDir, env: io.env}),
      debounceMs,
      maxWaitMs,
      log,
    })
    const server = await startServer({outDir, host, port, scheduler, webhookSecret: secret, listening: listen, log})
    log('listening', {url: server.url, out: options.out ?? 'output', webhook: Boolean(secret), listener: listen})
    if (!secret && !listen)
      log('notice', {message: 'No SANITY_WEBHOOK_SECRET and no --listen: serving only, nothing triggers exports.'})

    let listener: ContentLakeListener | null = null
    if (listen) listener = startContentLakeListener({listen: contentLakeListen(io.env), scheduler, log})

    const signal = await new Promise<NodeJS.Signals | 'launcher-exited'>((resolve) => {
      const stopWatching = watchParent(() => onSignal('launcher-exited'))
      function onSignal(name: NodeJS.Signals | 'launcher-exited') {
        process.off('SIGTERM', onSignal)
        process.off('SIGINT', onSignal)
        stopWatching()
        resolve(name)
      }
      process.on('SIGTERM', onSignal)
      process.on('SIGINT', onSignal)
    })
    log('signal', {signal})
    listener?.stop()
    await server.close()
    return 0
  },
}

function integerOption(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got \`${String(value)}\`.`)
  }
  return number
}
