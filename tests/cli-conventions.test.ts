import {spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {stripVTControlCharacters} from 'node:util'
import {describe, expect, it} from 'vitest'
import {commands} from '../pipeline/cli/commands/index.ts'
import {runCommand, streamHasColor, type CommandIo} from '../pipeline/cli/run.ts'

const REPO_ROOT = path.resolve(import.meta.dirname, '..')

async function run(argv: string[], io: Partial<CommandIo> = {}) {
  let stdout = ''
  let stderr = ''
  const code = await runCommand(argv, commands, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {},
    cwd: REPO_ROOT,
    isTty: false,
    ...io,
  })
  return {code, stdout, stderr}
}

const version = (JSON.parse(readFileSync(`${REPO_ROOT}/package.json`, 'utf8')) as {version: string}).version

describe('the vetted command line, as people expect a CLI to behave', () => {
  it('prints its version with --version and -v', async () => {
    for (const flag of ['--version', '-v'])
      expect(await run([flag])).toEqual({code: 0, stdout: `${version}\n`, stderr: ''})
  })

  it('prints one command’s help with `vetted help <command>`, the same as `<command> --help`', async () => {
    const viaHelp = await run(['help', 'verify'])
    expect(viaHelp.code).toBe(0)
    expect(viaHelp.stdout).toMatch(/^Usage: npx vetted verify/)
    expect(viaHelp).toEqual(await run(['verify', '--help']))
  })

  it('suggests the nearest command for a typo, with exit 2', async () => {
    const result = await run(['exprot'])
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'vetted: unknown command `exprot`. Did you mean `export`? Run `npx vetted --help` for the list.\n',
    )
    expect((await run(['zzzzzz'])).stderr).not.toContain('Did you mean')
  })

  it('suggests the nearest option for a typo, with exit 2', async () => {
    const result = await run(['validate', '--stric'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain("Unknown option '--stric'. Did you mean --strict?")
  })

  it('answers a bare `vetted` with help: exit 0 at a terminal, exit 2 in a script', async () => {
    const atTerminal = await run([], {stdoutIsTty: true})
    expect(atTerminal.code).toBe(0)
    expect(atTerminal.stdout).toMatch(/^Usage: npx vetted <command>/)
    expect((await run([], {stdoutIsTty: false})).code).toBe(2)
  })

  it('decides colour per stream from the environment: NO_COLOR, TERM=dumb and pipes off, FORCE_COLOR on', () => {
    const terminal = {isTTY: true}
    const pipe = {isTTY: false}
    expect(streamHasColor(terminal, {TERM: 'xterm-256color'})).toBe(true)
    expect(streamHasColor(terminal, {TERM: 'xterm-256color', NO_COLOR: '1'})).toBe(false)
    expect(streamHasColor(terminal, {TERM: 'dumb'})).toBe(false)
    expect(streamHasColor(pipe, {TERM: 'xterm-256color'})).toBe(false)
    expect(streamHasColor(pipe, {FORCE_COLOR: '1'})).toBe(true)
    expect(streamHasColor(terminal, {TERM: 'xterm-256color', FORCE_COLOR: '0'})).toBe(false)
  })

  it('writes no colour escapes into a file even when stderr is a terminal, and colour when forced', () => {
    // `script` gives the command a pseudo-terminal; only stdout is redirected to a file, as `vetted validate > f` is.
    const dir = mkdtempSync(path.join(tmpdir(), 'vetted-colour-'))
    const node = `${REPO_ROOT}/node_modules/.bin/node`
    const command = (env: string, file: string) =>
      `${env} ${node} bin/vetted.js validate --as-of 2026-11-26 > ${path.join(dir, file)}`
    const env = {...process.env, CI: '', FORCE_COLOR: undefined, NO_COLOR: undefined}
    spawnSync('script', ['-q', '-c', command('TERM=xterm-256color', 'plain.txt'), '/dev/null'], {cwd: REPO_ROOT, env})
    spawnSync('script', ['-q', '-c', command('FORCE_COLOR=1', 'forced.txt'), '/dev/null'], {cwd: REPO_ROOT, env})
    const plain = readFileSync(path.join(dir, 'plain.txt'), 'utf8')
    expect(plain).toContain('infant-mental-health')
    expect(plain.includes('\u001b[')).toBe(false)
    expect(readFileSync(path.join(dir, 'forced.txt'), 'utf8').includes('\u001b[')).toBe(true)
    rmSync(dir, {recursive: true, force: true})
  })

  it('fits the report to the terminal through a pseudo-terminal, and to 160 characters through a pipe', () => {
    const node = `${REPO_ROOT}/node_modules/.bin/node`
    const env: NodeJS.ProcessEnv = {...process.env, TERM: 'xterm-256color'}
    for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR', 'NODE_DISABLE_COLORS']) delete env[name]
    const widest = (text: string) =>
      Math.max(...text.split(/\r?\n/).map((line) => [...stripVTControlCharacters(line)].length))
    for (const columns of [72, 100]) {
      const command = `stty cols ${columns}; ${node} bin/vetted.js validate --as-of 2026-11-26 --verbose`
      const terminal = spawnSync('script', ['-q', '-c', command, '/dev/null'], {cwd: REPO_ROOT, env, encoding: 'utf8'})
      expect(terminal.stdout).toContain('infant-mental-health')
      expect(terminal.stdout).toContain('\u001b[') // a terminal gets colour
      expect(widest(terminal.stdout)).toBeLessThanOrEqual(columns)
    }
    const pipe = spawnSync(node, ['bin/vetted.js', 'validate', '--as-of', '2026-11-26', '--verbose'], {
      cwd: REPO_ROOT,
      env,
      encoding: 'utf8',
    })
    expect(pipe.stdout).toContain('infant-mental-health')
    expect(pipe.stdout.includes('\u001b[')).toBe(false)
    expect(widest(pipe.stdout)).toBeLessThanOrEqual(160)
    expect(widest(pipe.stdout)).toBeGreaterThan(100) // the pipe is not cut to a terminal's width
  })
})

describe('every command’s help, in one layout that the README agrees with', () => {
  const readme = readFileSync(`${REPO_ROOT}/README.md`, 'utf8')

  it.each(commands.map((entry) => entry.name))('%s: Usage, description, Options, Exit codes, Example', async (name) => {
    const {code, stdout} = await run([name, '--help'])
    expect(code).toBe(0)
    expect(stdout).toMatch(new RegExp(`^Usage: npx vetted ${name}[ \\n]`))
    const sections = stdout.split('\n\n')
    expect(sections.length).toBeGreaterThanOrEqual(5)
    const titles = sections.map((section) => section.split('\n')[0])
    expect(titles.filter((title) => /^(Options|Exit codes|Example):$/.test(title!))).toEqual([
      'Options:',
      'Exit codes:',
      'Example:',
    ])
    expect(sections[1]).toMatch(/^[A-Z]/) // the description
    const example = sections.find((section) => section.startsWith('Example:\n'))!
    expect(example).toMatch(new RegExp(`^Example:\\n {2}(\\S+=\\S+ )?npx vetted ${name}\\b`))
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(120)

    // The README's command table lists the same exit codes.
    const exitCodes = sections.find((section) => section.startsWith('Exit codes:\n'))!
    const helpCodes = [...exitCodes.matchAll(/^ {2}(\d) {2}/gm)].map((match) => match[1])
    const row = readme.split('\n').find((line) => line.startsWith(`| \`npx vetted ${name}`))
    expect(row, `README has a row for ${name}`).toBeDefined()
    const readmeCodes = [
      ...row!
        .split('|')
        .at(-2)!
        .matchAll(/(?<![\w-])(\d)(?![\w-])/g),
    ].map((match) => match[1])
    expect(readmeCodes).toEqual(helpCodes)
  })
})
