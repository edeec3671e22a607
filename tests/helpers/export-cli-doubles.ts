import {createExportCommand} from '../../pipeline/cli/commands/export.ts'
import {runCommand} from '../../pipeline/cli/run.ts'
import {testStages} from './export-doubles.ts'

/**
 * `vetted export` exactly as shipped (options, progress, report, exit codes, release mechanics) with the
 * validation and render stand-ins, for the kill test: it kills hundreds of exports and is about atomicity, not
 * about rendering. Run as `node tests/helpers/export-cli-doubles.ts export [options]`.
 */
process.exitCode = await runCommand(process.argv.slice(2), [createExportCommand({stages: async () => testStages()})])
