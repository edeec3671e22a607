import {parseArgs} from 'node:util'
import {Worker} from 'node:worker_threads'
import {tuneGarbageCollection} from '../heap/gc-flags.ts'
import {defaultMaxMemory, exportHeapLimits, parseMaxMemory} from './memory.ts'
import type {Command, CommandIo} from './run.ts'

/**
 * `vetted export` as the CLI runs it: in a worker thread whose V8 heap is bounded (`--max-memory`, `memory.ts`).
 * A worker rather than re-running Node with `--max-old-space-size`: one process (a publishing job or `vetted
 * serve` that stops the export stops all of it, and nothing is left holding the output folder's lock), the same
 * start-up, and a heap that runs out is an error this thread can report (exit 2, what to do) instead of V8
 * aborting the process. This module stays light: the export's modules load in the worker only.
 */

export const exportCommandBase: Omit<Command, 'run'> = {
  name: 'export',
  summary: 'Export every publishable article into a new verified release and switch output/current to it atomically',
  usage: `Usage: npx vetted export [options]

Validates and renders every publishable article into a new release (<out>/releases/<id>), verifies it, and
switches <out>/current to it atomically. Articles unchanged since the live release are reused.

Options:
  -d, --dataset <file>   local NDJSON dataset (default: the Content Lake when SANITY_PROJECT_ID and
                         SANITY_DATASET are set, else studio/dataset/production.ndjson)
  -o, --out <dir>        output folder; the live release is <dir>/current (default: output)
  --as-of <YYYY-MM-DD>   date review statuses are computed for (default: SOURCE_DATE_EPOCH, else today UTC)
  --strict               warnings block an article like errors
  --severity <s=level>   severity of a review status, over the settings' reviewSeverity (as on validate):
                         statuses unreviewed, overdue, edited-since-review, changes-requested, due-soon; levels
                         error, warning, info, off; repeat or separate with commas
  --policy <s=action>    what to publish for a review status, over the settings' publicationPolicy: actions
                         publish, publish-with-notice, keep-last-reviewed (keep the last bundle an approval
                         covers; blocked when there is none), block. Defaults: current and due-soon publish;
                         overdue, edited-since-review, changes-requested publish-with-notice. Every file states a
                         review claim only when an approval covers its text, whatever the policy.
  --formats <list>       comma-separated subset of html,json,txt,md (default: all)
  --keep <n>             how many releases to keep, the new one included (default: 3)
  --full                 render every article afresh (normally unchanged ones are reused from the live release)
  --allow-shrink         publish even if the release stops publishing more than 10 % of the live release's articles
  --workers <n>          worker threads for validation and rendering (default: 1, in this thread)
  --max-memory <MB>      memory the export may use, split into V8 heap limits for its threads (default: 400, and
                         350 more per extra worker; at least 256); an export that needs more stops with exit 2
  --no-fsync             skip fsync (faster; a killed run is still safe, a power loss may not be)
  --timings <file>       append each rendered article's validate+render+write time and each step's wall time
                         (JSON lines; for npm run bench)
  --report <which>       changed: report the findings of the articles this export checked (default); all: also
                         validate the reused articles again for the report (their render warnings are not redone)
  -q, --quiet            print only errors and the summary
  --verbose              print every finding (normally a warning or info rule that fires on 5 articles or more
                         is one line)
  --json                 print the summary as JSON on stdout

Exit codes:
  0  every article exported
  1  an article was blocked or kept at its last good version
  2  usage, source, lock or filesystem error, shrink refused, release does not verify, more memory needed than
     --max-memory (nothing was switched)

Example:
  npx vetted export --dataset studio/dataset/production.ndjson --out output --report all`,
}

/** The command `vetted export` runs (commands/index.ts); the export itself is `commands/export.ts`. */
export const boundedExportCommand: Command = {...exportCommandBase, run: runBounded}

/** What the thread is sent (the IO without its functions, which stay here). */
export interface ExportThreadData {
  argv: string[]
  io: Omit<CommandIo, 'stdout' | 'stderr'>
}

/** What the thread posts back: output, in order, then the exit code. */
export type ExportThreadMessage = {stdout: string} | {stderr: string} | {exitCode: number}

async function runBounded(argv: string[], io: CommandIo): Promise<number> {
  const {maxMemoryMb, workers} = memoryOptions(argv)
  const limits = exportHeapLimits(maxMemoryMb, workers).export
  const {stdout, stderr, ...data} = io
  tuneGarbageCollection()
  const worker = new Worker(new URL('./export-thread.ts', import.meta.url), {
    workerData: {argv, io: data} satisfies ExportThreadData,
    resourceLimits: limits,
    // Output goes through `io`, so the thread's own stdout is not used.
    stdout: false,
  })
  return new Promise<number>((resolve, reject) => {
    let exitCode: number | undefined
    worker.on('message', (message: ExportThreadMessage) => {
      if ('stdout' in message) stdout(message.stdout)
      else if ('stderr' in message) stderr(message.stderr)
      else exitCode = message.exitCode
    })
    worker.once('error', (error: Error & {code?: string}) => {
      if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return reject(error)
      stderr(
        `vetted export: the export needed more than the ${maxMemoryMb} MB it may use ` +
          `(${limits.maxOldGenerationSizeMb} MB of heap). No release was switched unless the summary above says so: ` +
          `run it again with a larger --max-memory.\n`,
      )
      exitCode = 2
    })
    worker.once('exit', () =>
      exitCode === undefined ? reject(new Error('the export thread stopped')) : resolve(exitCode),
    )
  })
}

/** `--max-memory` and `--workers` from the arguments; the thread checks every option again, with its messages. */
function memoryOptions(argv: string[]): {maxMemoryMb: number; workers: number} {
  const {values} = parseArgs({
    args: argv,
    options: {'max-memory': {type: 'string'}, workers: {type: 'string'}},
    strict: false,
    allowPositionals: true,
  })
  const workers = typeof values.workers === 'string' && /^\d+$/.test(values.workers) ? Number(values.workers) : 1
  const maxMemoryMb = parseMaxMemory(values['max-memory']) ?? defaultMaxMemory(workers)
  return {maxMemoryMb, workers}
}
