import {parseArgs} from 'node:util'
import type {ParseArgsOptionsConfig} from 'node:util'
import {isIsoDate, isoDateOf} from '../../domain/dates.ts'
import {closest, UsageError} from './run.ts'

/**
 * The options every `vetted` command spells the same way. A command picks the ones it accepts and may add its own
 * (`extra`, in `node:util` parseArgs form); anything else is a usage error (exit 2) naming the option.
 */
export const commonOptions = {
  dataset: {type: 'string', short: 'd'},
  'as-of': {type: 'string'},
  strict: {type: 'boolean', default: false},
  json: {type: 'boolean', default: false},
  out: {type: 'string', short: 'o'},
} as const satisfies ParseArgsOptionsConfig

export type CommonOptionName = keyof typeof commonOptions

export interface CommandOptions {
  /** `--dataset <file>`: a local NDJSON dataset; when absent the source is chosen from the environment. */
  dataset?: string
  /** `--as-of YYYY-MM-DD`, checked to be a real calendar date. Use `resolveAsOf` for the default. */
  asOf?: string
  /** `--strict`: warnings block like errors. */
  strict: boolean
  /** `--json`: machine-readable output on stdout. */
  json: boolean
  /** `--out <dir>` */
  out?: string
  positionals: string[]
  /** Values of the command's own `extra` options, as parseArgs returns them. */
  extra: Record<string, string | boolean | string[] | boolean[] | undefined>
}

export interface ParseOptionsConfig {
  /** Which common options this command accepts (default: all). */
  accept?: readonly CommonOptionName[]
  extra?: ParseArgsOptionsConfig
  /** How many positional arguments the command takes (default 0…0). */
  positionals?: {min?: number; max?: number; name?: string}
}

export function parseOptions(argv: string[], config: ParseOptionsConfig = {}): CommandOptions {
  const accepted = config.accept ?? (Object.keys(commonOptions) as CommonOptionName[])
  const options: ParseArgsOptionsConfig = {...config.extra}
  for (const name of accepted) options[name] = commonOptions[name]
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({args: argv, options, strict: true, allowPositionals: true})
  } catch (error) {
    // parseArgs messages already name the option ("Unknown option '--x'", "Option '--out <value>' argument missing").
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '')
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1]
    const suggestion = unknown === undefined ? undefined : closest(unknown, Object.keys(options))
    const hint = suggestion === undefined ? '' : ` Did you mean --${suggestion}?`
    throw new UsageError(`${message}.${hint} Run with --help for the options.`)
  }
  const values = parsed.values as CommandOptions['extra']
  const {min = 0, max = 0, name = 'argument'} = config.positionals ?? {}
  if (parsed.positionals.length < min) throw new UsageError(`Missing the ${name}. Run with --help for the usage.`)
  if (parsed.positionals.length > max) {
    throw new UsageError(`Unexpected argument \`${parsed.positionals[max]}\`. Run with --help for the usage.`)
  }
  const asOf = stringValue(values['as-of'])
  if (asOf !== undefined && !isIsoDate(asOf)) {
    throw new UsageError(`--as-of must be a calendar date written YYYY-MM-DD, got \`${asOf}\`.`)
  }
  const extra: CommandOptions['extra'] = {}
  for (const key of Object.keys(config.extra ?? {})) extra[key] = values[key]
  return {
    dataset: stringValue(values.dataset),
    asOf,
    strict: values.strict === true,
    json: values.json === true,
    out: stringValue(values.out),
    positionals: parsed.positionals,
    extra,
  }
}

/**
 * The date statuses are computed for: `--as-of`, else `SOURCE_DATE_EPOCH` (reproducible builds), else today in UTC.
 * `now` is injectable so tests never depend on the clock.
 */
export function resolveAsOf(
  asOf: string | undefined,
  env: Record<string, string | undefined>,
  now: () => Date = () => new Date(),
): string {
  if (asOf !== undefined) return asOf
  const epoch = env.SOURCE_DATE_EPOCH
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch))
      throw new UsageError(`SOURCE_DATE_EPOCH must be whole seconds since 1970, got \`${epoch}\`.`)
    return isoDateOf(Number(epoch))
  }
  return isoDateOf(now())
}

function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined
}
