/**
 * The `vetted` command dispatcher. Exit codes are a contract with publishing jobs:
 * 0 nothing blocks · 1 content blocked (findings printed) · 2 usage, configuration or source error.
 */

import {readFileSync} from 'node:fs'
import tty from 'node:tty'
import leven from 'leven'

export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  /** stderr is an interactive terminal (and not CI): progress may redraw a line. */
  isTty: boolean
  /** Whether each stream may carry colour escapes; absent means no colour. */
  color?: {stdout: boolean; stderr: boolean}
  /** stdout is a terminal: a bare `vetted` prints help as an answer (exit 0) rather than as a usage error. */
  stdoutIsTty?: boolean
  /** The terminal's width in columns, for the report (stdout) and the progress bar (stderr); absent when not one. */
  columns?: {stdout?: number; stderr?: number}
}

export interface Command {
  name: string
  summary: string
  usage: string
  run: (argv: string[], io: CommandIo) => Promise<number>
}

/**
 * A command known by name and summary whose module loads only when it runs: `vetted verify` must not pay for
 * importing the renderer and citation-js, and a publishing job's unchanged re-export counts its start-up time.
 */
export interface LazyCommand {
  name: string
  load: () => Promise<Command>
}

/** A usage or configuration mistake: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError'
}

export function defaultIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: Boolean(process.stderr.isTTY) && !process.env.CI,
    color: {stdout: streamHasColor(process.stdout, process.env), stderr: streamHasColor(process.stderr, process.env)},
    stdoutIsTty: Boolean(process.stdout.isTTY),
    columns: {
      ...(process.stdout.isTTY ? {stdout: process.stdout.columns} : {}),
      ...(process.stderr.isTTY ? {stderr: process.stderr.columns} : {}),
    },
  }
}

/**
 * Colour is decided per stream, by Node's own reading of the environment (`tty.WriteStream#getColorDepth`:
 * `NO_COLOR`, `NODE_DISABLE_COLORS`, `FORCE_COLOR`, `TERM=dumb`, CI variables): `FORCE_COLOR` turns it on even
 * in a pipe; otherwise only a terminal gets colour, so `vetted validate > report.txt` writes none.
 */
export function streamHasColor(stream: {isTTY?: boolean}, env: Record<string, string | undefined>): boolean {
  const depth = tty.WriteStream.prototype.getColorDepth.call(stream, env)
  if (env.FORCE_COLOR !== undefined) return depth > 1
  return stream.isTTY === true && depth > 1
}

/** The package's version, for `--version`. */
export function packageVersion(): string {
  const url = new URL('../../package.json', import.meta.url)
  return (JSON.parse(readFileSync(url, 'utf8')) as {version: string}).version
}

export async function runCommand(
  argv: string[],
  commands: ReadonlyArray<Command | LazyCommand>,
  io: CommandIo = defaultIo(),
): Promise<number> {
  const [name, ...rest] = argv
  if (name === '--version' || name === '-v') {
    io.stdout(`${packageVersion()}\n`)
    return 0
  }
  const [topic] = rest
  if (name === 'help' && topic !== undefined) return runCommand([topic, '--help'], commands, io)
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText(await Promise.all(commands.map(loadCommand))))
    // Asked for, or typed bare at a terminal, help is an answer; a script calling `vetted` with nothing is a mistake.
    return name || io.stdoutIsTty ? 0 : 2
  }
  const entry = commands.find((candidate) => candidate.name === name)
  if (!entry) {
    const suggestion = closest(
      name,
      commands.map((command) => command.name),
    )
    const hint = suggestion ? `Did you mean \`${suggestion}\`? ` : ''
    io.stderr(`vetted: unknown command \`${name}\`. ${hint}Run \`npx vetted --help\` for the list.\n`)
    return 2
  }
  const command = await loadCommand(entry)
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`vetted ${command.name}: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

/** The candidate within two edits of `word` (or a third of its length), nearest first; none when nothing is close. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: {name: string; distance: number} | undefined
  for (const name of candidates) {
    const distance = leven(word, name)
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && (!best || distance < best.distance)) {
      best = {name, distance}
    }
  }
  return best?.name
}

function loadCommand(entry: Command | LazyCommand): Promise<Command> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry)
}

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length))
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
  return `Usage: npx vetted <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`npx vetted help <command>\` for a command's options; \`npx vetted --version\` for the version.\n`
}
