/**
 * Load test of `vetted serve` (issue 10), bounded in time, against 127.0.0.1 only.
 *
 *   npm run load            60 s of GETs at 50 connections, then a 30 s burst of signed webhooks
 *   npm run load -- --quick 5 s + 10 s, for a CI smoke run
 *   npm run load -- --get-seconds 10 --burst-seconds 120   other durations
 *
 * The server is the real CLI (`node bin/vetted.js serve`) on a copy of the embedded dataset, exporting with the real
 * `vetted export`. During the burst the dataset is edited every half second (one article's topics carry a counter);
 * afterwards the final release must hold the last edit, the number of exports must stay within
 * burst / max-wait + 1, and the server's resident memory (sampled every second) must stay flat.
 * Exit 0 when every check holds, 1 otherwise.
 */
import {spawn} from 'node:child_process'
import {copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {encodeSignatureHeader} from '@sanity/webhook'
import autocannon from 'autocannon'
import type {RequestSpec} from 'autocannon'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const BIN = path.join(ROOT, 'bin', 'vetted.js')
const quick = process.argv.includes('--quick')
const GET_SECONDS = numberArg('--get-seconds') ?? (quick ? 5 : 60)
const BURST_SECONDS = numberArg('--burst-seconds') ?? (quick ? 10 : 30)
const GET_CONNECTIONS = 50
const HOOK_CONNECTIONS = 10
const DEBOUNCE_MS = 1000
const MAX_WAIT_MS = 5000
const AS_OF = '2026-11-26'
const CHANGED_ARTICLE = 'article.hand-washing'
const SECRET = `load-test-secret-${process.pid}`

const work = mkdtempSync(path.join(tmpdir(), 'vetted-load-'))
const dataset = path.join(work, 'dataset.ndjson')
const out = path.join(work, 'out')
copyFileSync(path.join(ROOT, 'studio', 'dataset', 'production.ndjson'), dataset)
// The figures' files travel with the dataset (`images/` beside it), or their articles are blocked.
cpSync(path.join(ROOT, 'studio', 'dataset', 'images'), path.join(work, 'images'), {recursive: true})
const exportOptions = ['--dataset', dataset, '--as-of', AS_OF]

const checks: Array<{name: string; ok: boolean; detail: string}> = []
const check = (name: string, ok: boolean, detail: string) => {
  checks.push({name, ok, detail})
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}\n`)
}

// A first release, so the server has something to serve.
const initial = await runExport()
if (!existsSync(path.join(out, 'current', 'manifest.json')))
  throw new Error(`The initial export made no release (exit code ${initial}).`)

// A capped old generation makes V8 collect within the burst, so RSS shows live memory rather than its lazy heap
// growth (a 2-minute burst without the cap shows the same floor, reached only at the first major collection);
// a leak shows as a rising floor, or as the server dying out of memory.
const HEAP_MB = 64
const server = spawn(
  process.execPath,
  [
    `--max-old-space-size=${HEAP_MB}`,
    BIN,
    'serve',
    '--out',
    out,
    '--port',
    '0',
    '--debounce-ms',
    String(DEBOUNCE_MS),
    '--max-wait-ms',
    String(MAX_WAIT_MS),
    ...exportOptions,
  ],
  {
    cwd: ROOT,
    env: {...process.env, SANITY_WEBHOOK_SECRET: SECRET},
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const exportsLogged: Array<{at: number; line: Record<string, unknown>}> = []
let requestLines = 0
let pendingText = ''
const base = await new Promise<string>((resolve, reject) => {
  server.stdout.on('data', (chunk: Buffer) => {
    pendingText += chunk.toString('utf8')
    const lines = pendingText.split('\n')
    pendingText = lines.pop() ?? ''
    for (const line of lines) {
      // Request lines are only counted: parsing 100,000 of them would load the client, not the server.
      if (line.includes('"event":"request"')) {
        requestLines += 1
        continue
      }
      const parsed = JSON.parse(line) as Record<string, unknown>
      if (parsed.event === 'listening' && typeof parsed.url === 'string') resolve(parsed.url)
      if (parsed.event === 'export') exportsLogged.push({at: Date.now(), line: parsed})
    }
  })
  server.once('exit', (code) => reject(new Error(`serve exited early with code ${code}`)))
})

const rss: Array<{at: number; phase: string; kb: number}> = []
let phase = 'idle'
const sampler = setInterval(() => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8')
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN)
  rss.push({at: Date.now(), phase, kb})
}, 1000)

try {
  // Phase 1: GETs of every file of the release, half of them asking for compression.
  const manifest = (await (await fetch(`${base}/manifest.json`)).json()) as {
    articles: Array<{slug: string | null; files: Record<string, unknown>}>
  }
  const paths = ['/', '/manifest.json', '/healthz']
  for (const article of manifest.articles) {
    if (!article.slug) continue
    paths.push(`/articles/${article.slug}/`)
    for (const name of Object.keys(article.files)) paths.push(`/articles/${article.slug}/${name}`)
  }
  const requests: RequestSpec[] = paths.flatMap((p) => [
    {method: 'GET', path: p},
    {method: 'GET', path: p, headers: {'accept-encoding': 'br, gzip'}},
  ])
  phase = 'get'
  process.stdout.write(`GET phase: ${GET_SECONDS} s, ${GET_CONNECTIONS} connections, ${paths.length} paths\n`)
  const gets = await autocannon({url: base, connections: GET_CONNECTIONS, duration: GET_SECONDS, requests})
  check(
    'GETs without errors',
    gets.errors === 0 && gets.timeouts === 0 && gets.non2xx === 0,
    `${gets.requests.total} requests, ${gets.errors} errors, ${gets.timeouts} timeouts, ${gets.non2xx} non-2xx`,
  )
  process.stdout.write(
    `     latency p50 ${gets.latency.p50} ms, p99 ${gets.latency.p99} ms, max ${gets.latency.max} ms; ${Math.round(gets.requests.average)} req/s; ${(gets.throughput.average / 1e6).toFixed(1)} MB/s\n`,
  )

  // Phase 2: a burst of valid webhooks while the content keeps changing.
  const signed = await Promise.all(
    Array.from({length: 200}, async (_, i) => {
      const body = JSON.stringify({_id: CHANGED_ARTICLE, _type: 'article', _rev: `load-${i}`})
      return {body, signature: await encodeSignatureHeader(body, Date.now(), SECRET)}
    }),
  )
  let next = 0
  const hook: RequestSpec = {
    method: 'POST',
    path: '/hooks/sanity',
    setupRequest: (request) => {
      const delivery = signed[next++ % signed.length]
      return {
        ...request,
        body: delivery?.body,
        headers: {'content-type': 'application/json', 'sanity-webhook-signature': delivery?.signature ?? ''},
      }
    },
  }
  const exportsBefore = exportsLogged.length
  let change = 0
  const burstStart = Date.now()
  const stopChangingAt = burstStart + BURST_SECONDS * 1000 - 1000
  const editor = setInterval(() => {
    if (Date.now() >= stopChangingAt) return
    change += 1
    writeChange(change)
  }, 500)
  phase = 'burst'
  process.stdout.write(`Webhook burst: ${BURST_SECONDS} s, ${HOOK_CONNECTIONS} connections, an edit every 500 ms\n`)
  const hooks = await autocannon({url: base, connections: HOOK_CONNECTIONS, duration: BURST_SECONDS, requests: [hook]})
  clearInterval(editor)
  const lastChange = change
  const accepted = hooks.statusCodeStats['202']?.count ?? 0
  check(
    'webhooks accepted',
    hooks.errors === 0 && hooks.non2xx === 0,
    `${hooks.requests.total} deliveries, ${accepted} answered 202, ${hooks.non2xx} other, p99 ${hooks.latency.p99} ms`,
  )

  // Wait for the last export the burst asked for.
  phase = 'settle'
  const settled = await waitForIdle(base, 120_000)
  const burstExports = exportsLogged.slice(exportsBefore)
  const bound = Math.floor(BURST_SECONDS / (MAX_WAIT_MS / 1000)) + 1
  check(
    'exports coalesced',
    burstExports.length >= 1 && burstExports.length <= bound,
    `${burstExports.length} exports for ${hooks.requests.total} webhooks in ${BURST_SECONDS} s (bound ${bound}); results ${burstExports.map((e) => e.line.result).join(', ')}; ${settled}`,
  )
  const durations = burstExports.map((e) => Number(e.line.ms))
  process.stdout.write(`     export durations ${durations.join(', ')} ms\n`)
  const finalJson = await (await fetch(`${base}/articles/${slugOf(CHANGED_ARTICLE)}/article.json`)).text()
  check(
    'last change in the final release',
    finalJson.includes(marker(lastChange)),
    `${lastChange} edits; final release ${finalJson.includes(marker(lastChange)) ? 'has' : 'lacks'} ${marker(lastChange)}`,
  )

  const during = rss
    .filter((sample) => sample.phase === 'burst' || sample.phase === 'settle')
    .map((sample) => sample.kb)
  const getPhase = rss.filter((sample) => sample.phase === 'get').map((sample) => sample.kb)
  const third = Math.max(1, Math.floor(during.length / 3))
  const early = Math.max(...during.slice(0, third))
  const late = Math.max(...during.slice(-third))
  const growthMb = (late - early) / 1024
  check(
    'memory flat during the burst',
    growthMb < 30,
    `RSS ${mb(Math.min(...during))}–${mb(Math.max(...during))} MB (first third peak ${mb(early)}, last third peak ${mb(late)}, growth ${growthMb.toFixed(1)} MB); GET phase ${mb(Math.min(...getPhase))}–${mb(Math.max(...getPhase))} MB`,
  )
  process.stdout.write(
    `     RSS every 5 s (MB): ${rss
      .filter((_, i) => i % 5 === 0)
      .map((sample) => `${sample.phase} ${mb(sample.kb)}`)
      .join(', ')}\n`,
  )
  process.stdout.write(`     ${requestLines} request log lines\n`)
} finally {
  clearInterval(sampler)
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
  rmSync(work, {recursive: true, force: true})
}
process.stdout.write(`${checks.every((entry) => entry.ok) ? 'All checks passed.' : 'Some checks FAILED.'}\n`)
process.exitCode = checks.every((entry) => entry.ok) ? 0 : 1

function runExport(): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'export', '--out', out, ...exportOptions], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {...process.env, CI: '1'},
    })
    child.on('close', resolve)
  })
}

function marker(n: number): string {
  return `load-change-${n}`
}

/** Edits the article's topics in the dataset copy: outside the reviewed content, so the article stays exportable. */
function writeChange(n: number): void {
  const lines = readFileSync(dataset, 'utf8').split('\n')
  const edited = lines.map((line) => {
    if (!line.includes(`"_id":"${CHANGED_ARTICLE}"`)) return line
    const document = JSON.parse(line) as {topics?: string[]}
    document.topics = [...(document.topics ?? []).filter((topic) => !topic.startsWith('load-change-')), marker(n)]
    return JSON.stringify(document)
  })
  // Written aside and renamed: an export reading the file never sees half an edit.
  const temporary = `${dataset}.tmp`
  writeFileSync(temporary, edited.join('\n'))
  renameSync(temporary, dataset)
}

function slugOf(id: string): string {
  const line =
    readFileSync(dataset, 'utf8')
      .split('\n')
      .find((candidate) => candidate.includes(`"_id":"${id}"`)) ?? '{}'
  const document = JSON.parse(line) as {slug?: {current?: string}}
  return document.slug?.current ?? ''
}

async function waitForIdle(url: string, timeoutMs: number): Promise<string> {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as {exports: {running: boolean; pending: boolean}}
    if (!health.exports.running && !health.exports.pending)
      return `idle ${((Date.now() - started) / 1000).toFixed(1)} s after the burst`
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return 'still busy after the wait'
}

function numberArg(name: string): number | undefined {
  const index = process.argv.indexOf(name)
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN
  return Number.isFinite(value) && value > 0 ? value : undefined
}

function mb(kb: number): string {
  return (kb / 1024).toFixed(0)
}
