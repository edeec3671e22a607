import {parentPort, workerData} from 'node:worker_threads'
import {exportCommand} from './commands/export.ts'
import type {ExportThreadData, ExportThreadMessage} from './export-bounded.ts'
import {UsageError} from './run.ts'

/**
 * The thread `vetted export` runs in (`export-bounded.ts`): the export command itself, with its output posted back
 * to the main thread, which writes it and exits with the code posted last.
 */
const {argv, io} = workerData as ExportThreadData
const post = (message: ExportThreadMessage): void => parentPort?.postMessage(message)

let exitCode: number
try {
  exitCode = await exportCommand.run(argv, {
    ...io,
    stdout: (text) => post({stdout: text}),
    stderr: (text) => post({stderr: text}),
  })
} catch (error) {
  // As `runCommand` does for a command run in its own thread.
  if (!(error instanceof UsageError)) throw error
  post({stderr: `vetted export: ${error.message}\n`})
  exitCode = 2
}
post({exitCode})
