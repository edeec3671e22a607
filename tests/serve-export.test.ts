import {readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {cliExportCommand, createExportRunner} from '../pipeline/serve/export-runner.ts'
import type {ExportCommand} from '../pipeline/serve/export-runner.ts'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import type {RunningServer} from '../pipeline/serve/server.ts'
import {
  articleFiles,
  ARTICLE_SLUG,
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

const FAKE_EXPORT = fileURLToPath(new URL('./fixtures/serve/fake-export.ts', import.meta.url))
const TOKEN = 'sk-test-token-5d1e0c9b7a'

function fakeCommand(out: string): ExportCommand {
  return {command: process.execPath, args: [FAKE_EXPORT, 'export', '--out', out], cwd: path.dirname(FAKE_EXPORT)}
}

function liveOut(): string {
  const out = tempOut()
  writeRelease(out, 'r0', articleFiles())
  switchCurrent(out, 'r0')
  return out
}

const never = new AbortController().signal

describe('running an export in a child process', () => {
  it('reports a successful export and the release it switched to', async () => {
    const out = liveOut()
    const run = createExportRunner({
      command: fakeCommand(out),
      outDir: out,
      env: {...process.env, FAKE_EXPORT_ID: 'ok1'},
    })
    expect(await run(never)).toMatchObject({outcome: 'ok', exitCode: 0, release: 'r-ok1', switched: true})
  })

  it('counts exit code 1 with blocked or kept articles as a release with blocked content', async () => {
    const out = liveOut()
    const run = createExportRunner({
      command: fakeCommand(out),
      outDir: out,
      env: {...process.env, FAKE_EXPORT_MODE: 'blocked', FAKE_EXPORT_ID: 'b1'},
    })
    expect(await run(never)).toMatchObject({outcome: 'blocked', exitCode: 1, release: 'r-b1', switched: true})
  })

  it('reports a crash as failed with its message even when the live release lists kept articles', async () => {
    const out = liveOut()
    const runner = (env: Record<string, string>) =>
      createExportRunner({command: fakeCommand(out), outDir: out, env: {...process.env, ...env}})
    const blocked = await runner({FAKE_EXPORT_MODE: 'blocked', FAKE_EXPORT_ID: 'k1'})(never)
    expect(blocked).toMatchObject({outcome: 'blocked', release: 'r-k1'})
    // Node exits 1 on an uncaught error too; the previous release still lists a kept article.
    const message = expect.stringMatching(/exit code 1: .*render exploded/)
    const crashed = await runner({FAKE_EXPORT_MODE: 'crash'})(never)
    expect(crashed).toMatchObject({outcome: 'failed', exitCode: 1, release: 'r-k1', switched: false, message})
  })

  it('reports a crash, a usage error and a kill as failures and leaves the live release alone', async () => {
    const out = liveOut()
    for (const mode of ['crash', 'usage']) {
      const run = createExportRunner({
        command: fakeCommand(out),
        outDir: out,
        env: {...process.env, FAKE_EXPORT_MODE: mode, SANITY_API_TOKEN: TOKEN},
      })
      const result = await run(never)
      expect(result, mode).toMatchObject({outcome: 'failed', release: 'r0', switched: false})
      expect(result.message, mode).toMatch(
        mode === 'crash' ? /exit code 1: .*render exploded/ : /exit code 2: .*check SANITY_API_TOKEN/,
      )
      expect(result.message, mode).not.toContain(TOKEN)
    }
    const hanging = createExportRunner({
      command: fakeCommand(out),
      outDir: out,
      env: {...process.env, FAKE_EXPORT_MODE: 'hang'},
      timeoutMs: 500,
      killGraceMs: 200,
    })
    expect(await hanging(never)).toMatchObject({
      outcome: 'failed',
      signal: 'SIGTERM',
      release: 'r0',
      message: expect.stringContaining('timed out'),
    })
  })

  it('stops a running export when the server shuts down, leaving the live release alone', async () => {
    const out = liveOut()
    const run = createExportRunner({
      command: fakeCommand(out),
      outDir: out,
      env: {...process.env, FAKE_EXPORT_MODE: 'hang'},
      killGraceMs: 200,
    })
    const shutdown = new AbortController()
    const running = run(shutdown.signal)
    await new Promise((resolve) => setTimeout(resolve, 300))
    shutdown.abort()
    expect(await running).toMatchObject({
      outcome: 'failed',
      signal: 'SIGTERM',
      release: 'r0',
      switched: false,
      message: expect.stringContaining('stopped by server shutdown'),
    })
  })

  it('reports a command that cannot start', async () => {
    const out = liveOut()
    const run = createExportRunner({
      command: {command: path.join(out, 'no-such-node'), args: [], cwd: out},
      outDir: out,
      env: {},
    })
    expect(await run(never)).toMatchObject({
      outcome: 'failed',
      exitCode: null,
      release: 'r0',
      message: expect.stringContaining('could not start'),
    })
  })

  it('passes the environment on without the webhook secret', async () => {
    const out = liveOut()
    const envFile = path.join(out, 'env.json')
    const run = createExportRunner({
      command: fakeCommand(out),
      outDir: out,
      env: {
        ...process.env,
        FAKE_EXPORT_ENV_FILE: envFile,
        SANITY_WEBHOOK_SECRET: WEBHOOK_SECRET,
        SANITY_API_TOKEN: TOKEN,
      },
    })
    await run(never)
    const seen = JSON.parse(readFileSync(envFile, 'utf8')) as {args: string[]; names: string[]}
    expect(seen.names).toContain('SANITY_API_TOKEN')
    expect(seen.names).not.toContain('SANITY_WEBHOOK_SECRET')
    expect(seen.args).toEqual(['export', '--out', out])
  })

  it('builds the real CLI command with the pass-through options', () => {
    const command = cliExportCommand({
      outDir: '/srv/out',
      cwd: '/srv',
      passThrough: ['--dataset', 'data.ndjson', '--as-of', '2026-11-26'],
    })
    expect(command.command).toBe(process.execPath)
    expect(command.args.slice(1)).toEqual([
      'export',
      '--out',
      '/srv/out',
      '--dataset',
      'data.ndjson',
      '--as-of',
      '2026-11-26',
    ])
    expect(command.args[0]).toMatch(/bin[\\/]vetted\.js$/)
  })
})

describe('webhook-triggered exports', () => {
  let server: RunningServer | null = null
  afterEach(async () => {
    await server?.close({exportTimeoutMs: 2000, requestTimeoutMs: 100})
    server = null
  })

  async function serve(out: string, env: Record<string, string | undefined>) {
    const logs = collectLogs()
    const scheduler = createExportScheduler({
      run: createExportRunner({command: fakeCommand(out), outDir: out, env}),
      debounceMs: 20,
      maxWaitMs: 100,
      log: logs.log,
    })
    server = await startServer({outDir: out, scheduler, webhookSecret: WEBHOOK_SECRET, log: logs.log})
    return {scheduler, logs, url: server.url}
  }

  it('exports after a webhook and serves the new release, reporting it in /healthz', async () => {
    const out = liveOut()
    const {scheduler, logs, url} = await serve(out, {
      ...process.env,
      FAKE_EXPORT_ID: 'hook1',
      FAKE_EXPORT_TITLE: 'Published a moment ago',
    })
    const delivery = await signedDelivery(JSON.stringify({_id: 'article-1'}))
    expect((await send(url, '/hooks/sanity', {method: 'POST', ...delivery})).status).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await scheduler.idle()
    expect(json(await send(url, '/articles/infant-mental-health/article.json'))).toEqual({
      title: 'Published a moment ago',
    })
    const health = json(await send(url, '/healthz'))
    expect(health).toMatchObject({
      status: 'ok',
      release: {id: 'r-hook1', articles: 1},
      lastExport: {result: 'ok', exitCode: 0, release: 'r-hook1', switched: true, triggers: 1},
      exports: {running: false, pending: false, started: 1, finished: 1, failed: 0},
    })
    const exportLine = logs.lines.find((line) => line.event === 'export')
    expect(exportLine).toMatchObject({result: 'ok', release: 'r-hook1', exitCode: 0})
    expect(typeof exportLine?.ms).toBe('number')
  })

  it('keeps serving the current release when an export fails, and says so in /healthz and the logs', async () => {
    const out = liveOut()
    const {scheduler, logs, url} = await serve(out, {
      ...process.env,
      FAKE_EXPORT_MODE: 'usage',
      SANITY_API_TOKEN: TOKEN,
    })
    const delivery = await signedDelivery(JSON.stringify({_id: 'article-1'}))
    expect((await send(url, '/hooks/sanity', {method: 'POST', ...delivery})).status).toBe(202)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await scheduler.idle()
    const page = await send(url, `/articles/${ARTICLE_SLUG}/article.json`)
    expect(page.status).toBe(200)
    const health = json(await send(url, '/healthz'))
    expect(health).toMatchObject({
      status: 'ok',
      release: {id: 'r0'},
      lastExport: {result: 'failed', exitCode: 2, release: 'r0', switched: false},
      exports: {failed: 1},
    })
    expect(JSON.stringify(health)).not.toContain(TOKEN)
    expect(logs.lines.find((line) => line.event === 'export')).toMatchObject({result: 'failed', exitCode: 2})
    expect(logs.text()).not.toContain(TOKEN)
  })
})
