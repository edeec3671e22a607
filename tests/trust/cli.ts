import {spawn} from 'node:child_process'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root, and the CLI exactly as `npx vetted` runs it. */
export const ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
export const CLI = path.join(ROOT, 'bin', 'vetted.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs `vetted <args>` in a child process with exactly `env` (plus PATH), and collects what it prints. */
export function runCli(
  args: readonly string[],
  options: {cwd?: string; env?: Record<string, string>; timeoutMs?: number} = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: {PATH: process.env.PATH ?? '', ...options.env},
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({code, stdout, stderr})
    })
  })
}
