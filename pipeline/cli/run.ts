/**
 * The `vetted` command dispatcher. Exit codes are a contract with publishing jobs:
 * 0 nothing blocks · 1 content blocked (findings printed) · 2 usage, configuration or source error.
 */

export interface CommandIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  cwd: string
  isTty: boolean
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
  }
}

export async function runCommand(argv: string[], commands: ReadonlyArray<Command | LazyCommand>, io: CommandIo = defaultIo()): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(helpText(await Promise.all(commands.map(loadCommand))))
    return name ? 0 : 2
  }
  const entry = commands.find((candidate) => candidate.name === name)
  if (!entry) {
    io.stderr(`vetted: unknown command \`${name}\`. Run \`npx vetted --help\` for the list.\n`)
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

function loadCommand(entry: Command | LazyCommand): Promise<Command> {
  return 'load' in entry ? entry.load() : Promise.resolve(entry)
}

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((command) => command.name.length))
  const lines = commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`)
  return `Usage: npx vetted <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun \`npx vetted <command> --help\` for a command's options.\n`
}
