import {spawn} from 'node:child_process'
import {readFile, realpath} from 'node:fs/promises'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {redactSecrets} from './log.ts'
import type {ExportResult, RunExport} from './scheduler.ts'

/**
 * Runs an export as a child process: a crash, a hang or a memory blow-up in the export cannot take the server down,
 * and the server's own secrets stay out of its environment. The export switches `OUT/current` itself, atomically;
 * the server only reads the outcome.
 */

export interface ExportCommand {
  command: string
  args: string[]
  cwd: string
}

const BIN = fileURLToPath(new URL('../../bin/vetted.js', import.meta.url))

/** `node bin/vetted.js export --out <dir> [pass-through options]` with this Node. */
export function cliExportCommand(input: {outDir: string; cwd: string; passThrough?: readonly string[]}): ExportCommand {
  return {
    command: process.execPath,
    args: [BIN, 'export', '--out', input.outDir, ...(input.passThrough ?? [])],
    cwd: input.cwd,
  }
}

export interface ExportRunnerOptions {
  command: ExportCommand
  outDir: string
  env: Record<string, string | undefined>
  /** A run taking longer is stopped and counted as failed. @defaultValue 10 minutes */
  timeoutMs?: number
  /** Time between SIGTERM and SIGKILL when a run is stopped. @defaultValue 5000 */
  killGraceMs?: number
}

/** Variables the export must not receive: it reads content, it never verifies webhooks. */
const WITHHELD = new Set(['SANITY_WEBHOOK_SECRET'])
const TAIL_BYTES = 2048

export function createExportRunner(options: ExportRunnerOptions): RunExport {
  const {command, outDir, env, timeoutMs = 10 * 60 * 1000, killGraceMs = 5000} = options
  const childEnv: Record<string, string> = {}
  for (const [name, value] of Object.entries(env))
    if (value !== undefined && !WITHHELD.has(name)) childEnv[name] = value
  // Plain progress lines, no terminal control sequences.
  childEnv.CI = childEnv.CI ?? '1'

  return async (signal) => {
    const startedAt = Date.now()
    const before = await liveRelease(outDir)
    let tail = ''
    /** Whether the export printed its summary (`Release: …`): a run that crashed never does. */
    let reported = false
    let stdoutTail = ''
    let stopReason: string | null = null
    const exit = await new Promise<{code: number | null; signal: string | null; spawnError?: string}>((resolve) => {
      const child = spawn(command.command, command.args, {
        cwd: command.cwd,
        env: childEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const keepTail = (chunk: Buffer) => {
        tail = (tail + chunk.toString('utf8')).slice(-TAIL_BYTES)
      }
      child.stdout.on('data', (chunk: Buffer) => {
        keepTail(chunk)
        stdoutTail = (stdoutTail + chunk.toString('utf8')).slice(-TAIL_BYTES)
        reported ||= /^Release: /m.test(stdoutTail)
      })
      child.stderr.on('data', keepTail)
      let killTimer: NodeJS.Timeout | undefined
      const stop = (reason: string) => {
        if (stopReason || child.exitCode !== null) return
        stopReason = reason
        child.kill('SIGTERM')
        killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs)
      }
      const deadline = setTimeout(() => stop(`timed out after ${timeoutMs} ms`), timeoutMs)
      const onAbort = () => stop('stopped by server shutdown')
      signal.addEventListener('abort', onAbort, {once: true})
      child.on('error', (error) => {
        clearTimeout(deadline)
        signal.removeEventListener('abort', onAbort)
        resolve({code: null, signal: null, spawnError: error.message})
      })
      child.on('close', (code, exitSignal) => {
        clearTimeout(deadline)
        clearTimeout(killTimer)
        signal.removeEventListener('abort', onAbort)
        resolve({code, signal: exitSignal})
      })
    })
    const after = await liveRelease(outDir)
    const base = {
      exitCode: exit.code,
      signal: exit.signal,
      durationMs: Date.now() - startedAt,
      release: after,
      switched: after !== before,
    }
    if (exit.code === 0 && !stopReason) return {...base, outcome: 'ok'}
    // Exit 1 is the export's "released, but some article was blocked or kept". Node also exits 1 on an uncaught
    // error, so a 1 counts as blocked only when the export printed its summary and the live release does list
    // blocked or kept articles (a crash leaves the previous release, which may well list some).
    const released = exit.code === 1 && !stopReason && reported && after !== null
    if (released && (await listsBlocked(outDir))) return {...base, outcome: 'blocked'}
    const why = stopReason ?? exit.spawnError ?? lastLine(tail) ?? 'no output'
    const how = exit.signal
      ? `killed by ${exit.signal}`
      : exit.code !== null
        ? `exit code ${exit.code}`
        : 'could not start'
    return {...base, outcome: 'failed', message: redactSecrets(`${how}: ${why}`, env)} satisfies ExportResult
  }
}

async function liveRelease(outDir: string): Promise<string | null> {
  try {
    return path.basename(await realpath(path.join(outDir, 'current')))
  } catch {
    return null
  }
}

async function listsBlocked(outDir: string): Promise<boolean> {
  try {
    const manifest: unknown = JSON.parse(await readFile(path.join(outDir, 'current', 'manifest.json'), 'utf8'))
    if (
      typeof manifest !== 'object' ||
      manifest === null ||
      !('articles' in manifest) ||
      !Array.isArray(manifest.articles)
    )
      return false
    return manifest.articles.some(
      (article: unknown) =>
        typeof article === 'object' &&
        article !== null &&
        'status' in article &&
        (article.status === 'blocked' || article.status === 'kept'),
    )
  } catch {
    return false
  }
}

/** The last line that says something: stack frames, caret marks and Node's version banner are skipped. */
function lastLine(text: string): string | null {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !/^at\s/.test(line) && !/^Node\.js v\d/.test(line) && !/^\^+$/.test(line))
  return lines.at(-1)?.slice(0, 300) ?? null
}
