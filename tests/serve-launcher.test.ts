import {execFileSync, spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {articleFiles, switchCurrent, tempOut, writeRelease} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

const ROOT = fileURLToPath(new URL('..', import.meta.url))

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until<T>(probe: () => T | undefined, ms: number): Promise<T | undefined> {
  const deadline = Date.now() + ms
  for (;;) {
    const value = probe()
    if (value !== undefined || Date.now() > deadline) return value
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** The pid of the `node …/vetted serve` process serving `out`, found by its command line. */
function serverPid(out: string): number | undefined {
  try {
    const pids = execFileSync('pgrep', ['-f', `vetted serve --port 0 --out ${out}`], {encoding: 'utf8'})
    const own = pids
      .split('\n')
      .map(Number)
      .filter((pid) => pid > 0)
    // The newest match is the node process (npm exec and sh -c carry the same words and start first).
    return own.at(-1)
  } catch {
    return undefined
  }
}

describe('npx vetted serve under its launcher', () => {
  it('stops when the npx that launched it is sent SIGTERM, instead of serving on orphaned', async () => {
    const out = tempOut()
    writeRelease(out, 'r1', articleFiles())
    switchCurrent(out, 'r1')
    const npx = spawn('npx', ['vetted', 'serve', '--port', '0', '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let log = ''
    npx.stdout.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')))
    expect(await until(() => (log.includes('"listening"') ? true : undefined), 60_000)).toBe(true)
    const pid = serverPid(out)
    expect(pid).toBeDefined()
    expect(pid).not.toBe(npx.pid)
    npx.kill('SIGTERM')
    const stopped = await until(() => (alive(pid!) ? undefined : true), 10_000)
    if (!stopped) process.kill(pid!, 'SIGKILL')
    expect(stopped).toBe(true)
  }, 90_000)
})
