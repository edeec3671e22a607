import {execFile} from 'node:child_process'
import {mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'

/**
 * Sanity's own CLI over the Studio, as a user or CI runs it: the schema must validate and the Studio must
 * bundle (a missing icon export or a Node-only import in a Studio module fails here, not in vitest).
 * Slow (tens of seconds each on a busy machine), hence the long timeouts.
 */

const studioDir = fileURLToPath(new URL('../studio/', import.meta.url))
const cli = fileURLToPath(new URL('../node_modules/@sanity/cli/bin/run.js', import.meta.url))
const outDir = mkdtempSync(path.join(tmpdir(), 'vetted-studio-build-'))

async function sanity(args: string[]): Promise<string> {
  const {stdout, stderr} = await promisify(execFile)(process.execPath, [cli, ...args], {
    cwd: studioDir,
    // CI=true: no telemetry prompt, no update check, no spinner waiting for a terminal.
    env: {...process.env, CI: 'true'},
    maxBuffer: 16 * 1024 * 1024,
    timeout: 280_000,
  })
  return `${stdout}\n${stderr}`
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  )
}

afterAll(() => rmSync(outDir, {recursive: true, force: true}))

describe('Sanity CLI', () => {
  it('validates the schema with no errors', {timeout: 300_000}, async () => {
    const output = await sanity(['schema', 'validate'])
    expect(output).toMatch(/Errors:\s+0 errors/)
  })

  it(
    'builds the Studio with the review queue, the sign-off action and the review badge in the bundle',
    {timeout: 300_000},
    async () => {
      await sanity(['build', outDir, '--yes'])
      const files = filesBelow(outDir)
      expect(files.map((file) => path.relative(outDir, file))).toContain('index.html')
      const bundle = files
        .filter((file) => file.endsWith('.js'))
        .map((file) => readFileSync(file, 'utf8'))
        .join('\n')
      for (const text of ['Review queue', 'Never reviewed', 'Sign off review', 'Review overdue since'])
        expect(bundle).toContain(text)
    },
  )
})
