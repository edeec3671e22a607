import type {ReportOptions} from '../diagnostic-report.ts'
import {UsageError, type CommandIo} from './run.ts'

/** `--quiet` and `--verbose`, as `validate` and `export` spell them (parseArgs form, for `extra`). */
export const reportFlags = {
  quiet: {type: 'boolean', short: 'q'},
  verbose: {type: 'boolean'},
} as const

/**
 * How the printed report looks: as wide as the terminal (160 characters when stdout is not one), coloured when
 * stdout may carry colour, and how much it shows (`--quiet`: errors and the summary; `--verbose`: every finding).
 */
export function reportOptions(extra: Record<string, unknown>, io: CommandIo): ReportOptions {
  if (extra.quiet === true && extra.verbose === true) {
    throw new UsageError('--quiet and --verbose cannot be used together: pick one.')
  }
  const columns = io.columns?.stdout
  return {
    color: io.color?.stdout ?? false,
    ...(columns !== undefined && columns > 0 ? {width: columns} : {}),
    level: extra.quiet === true ? 'quiet' : extra.verbose === true ? 'verbose' : 'normal',
  }
}
