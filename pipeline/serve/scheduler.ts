import type {Logger} from './log.ts'

/**
 * Coalesces change notifications (webhooks, listener events) into exports. A burst is debounced, but never for
 * longer than `maxWaitMs` after its first notification, so a continuous stream still exports every few seconds.
 * At most one export runs and one batch waits: a notification during a run joins the waiting batch, which starts
 * as soon as the run ends (and not before its own debounce), so no change is lost and none is exported twice.
 */

export type ExportOutcome = 'ok' | 'blocked' | 'failed'

export interface ExportResult {
  outcome: ExportOutcome
  exitCode: number | null
  signal: string | null
  durationMs: number
  /** The live release after the run (unchanged when the run failed). */
  release: string | null
  /** Whether `current` points somewhere else than before the run. */
  switched: boolean
  /** For a failure: why, in one line (secrets removed). */
  message?: string
}

export interface FinishedExport extends ExportResult {
  startedAt: string
  finishedAt: string
  /** How many notifications this run answered. */
  triggers: number
}

export type RunExport = (signal: AbortSignal) => Promise<ExportResult>

export interface SchedulerOptions {
  run: RunExport
  /** Quiet time after the latest notification before an export starts. @defaultValue 1000 */
  debounceMs?: number
  /** Longest time a notification waits for its export to start, when nothing is running. @defaultValue 5000 */
  maxWaitMs?: number
  log?: Logger
}

export type TriggerAnswer = 'scheduled' | 'coalesced' | 'rejected'

export interface SchedulerStatus {
  running: boolean
  pending: boolean
  stopping: boolean
  started: number
  finished: number
  failed: number
  last: FinishedExport | null
}

export interface ExportScheduler {
  /** A change was announced. `rejected` only once shutdown has begun. */
  trigger(source: string): TriggerAnswer
  status(): SchedulerStatus
  /** Resolves when nothing runs and nothing waits. */
  idle(): Promise<void>
  /**
   * Stops taking notifications, drops the waiting batch (logged), and waits up to `timeoutMs` for a running export;
   * after that the run is aborted (an export is atomic, so aborting it leaves the previous release live).
   */
  shutdown(timeoutMs: number): Promise<'idle' | 'aborted'>
}

interface Batch {
  triggers: number
  debounce: NodeJS.Timeout | null
  maxWait: NodeJS.Timeout | null
  due: boolean
}

export function createExportScheduler(options: SchedulerOptions): ExportScheduler {
  const {run, debounceMs = 1000, maxWaitMs = 5000, log = () => {}} = options
  let waiting: Batch | null = null
  let running: {promise: Promise<void>; abort: AbortController} | null = null
  let stopping = false
  let started = 0
  let finished = 0
  let failed = 0
  let last: FinishedExport | null = null
  let idleWaiters: Array<() => void> = []

  const clearTimers = (batch: Batch) => {
    if (batch.debounce) clearTimeout(batch.debounce)
    if (batch.maxWait) clearTimeout(batch.maxWait)
    batch.debounce = null
    batch.maxWait = null
  }

  const settleIdle = () => {
    if (running || waiting) return
    const waiters = idleWaiters
    idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  const ready = (batch: Batch) => {
    clearTimers(batch)
    batch.due = true
    if (!running) start()
  }

  const start = () => {
    const batch = waiting
    if (!batch || !batch.due || running || stopping) return
    waiting = null
    started += 1
    const abort = new AbortController()
    const startedAt = new Date()
    const promise = run(abort.signal)
      .catch((error: unknown): ExportResult => ({
        outcome: 'failed',
        exitCode: null,
        signal: null,
        durationMs: Date.now() - startedAt.getTime(),
        release: null,
        switched: false,
        message: error instanceof Error ? error.message : String(error),
      }))
      .then((result) => {
        finished += 1
        if (result.outcome === 'failed') failed += 1
        last = {
          ...result,
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          triggers: batch.triggers,
        }
        log('export', {
          result: result.outcome,
          exitCode: result.exitCode,
          signal: result.signal,
          ms: result.durationMs,
          release: result.release,
          switched: result.switched,
          triggers: batch.triggers,
          ...(result.message ? {message: result.message} : {}),
        })
        running = null
        start()
        settleIdle()
      })
    running = {promise, abort}
  }

  return {
    trigger(source) {
      if (stopping) return 'rejected'
      if (waiting) {
        waiting.triggers += 1
        // A due batch waits only for the running export; more notifications cannot delay it further.
        if (!waiting.due) {
          if (waiting.debounce) clearTimeout(waiting.debounce)
          const batch = waiting
          batch.debounce = setTimeout(() => ready(batch), debounceMs)
        }
        log('trigger', {source, answer: 'coalesced'})
        return 'coalesced'
      }
      const batch: Batch = {triggers: 1, debounce: null, maxWait: null, due: false}
      batch.debounce = setTimeout(() => ready(batch), debounceMs)
      batch.maxWait = setTimeout(() => ready(batch), maxWaitMs)
      waiting = batch
      log('trigger', {source, answer: 'scheduled'})
      return 'scheduled'
    },
    status() {
      return {running: running !== null, pending: waiting !== null, stopping, started, finished, failed, last}
    },
    idle() {
      if (!running && !waiting) return Promise.resolve()
      return new Promise((resolve) => idleWaiters.push(resolve))
    },
    async shutdown(timeoutMs) {
      stopping = true
      if (waiting) {
        clearTimers(waiting)
        log('export-dropped', {triggers: waiting.triggers, reason: 'shutting down before the export started'})
        waiting = null
      }
      const current = running
      if (!current) {
        settleIdle()
        return 'idle'
      }
      let timer: NodeJS.Timeout | undefined
      const timedOut = new Promise<'aborted'>((resolve) => {
        timer = setTimeout(() => resolve('aborted'), timeoutMs)
      })
      const answer = await Promise.race([current.promise.then(() => 'idle' as const), timedOut])
      clearTimeout(timer)
      if (answer === 'aborted') {
        current.abort.abort()
        await current.promise
      }
      return answer
    },
  }
}
