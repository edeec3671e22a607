import type {Release} from './release.ts'
import type {SchedulerStatus} from './scheduler.ts'

/** What `GET /healthz` answers: the live release, the last export and the scheduler's state. */
export interface Health {
  status: 'ok' | 'no-release'
  release: {
    id: string
    articles: number
    byStatus: Record<string, number>
    asOf: string | null
    dataset: string | null
    generator: string | null
    manifestProblem: string | null
  } | null
  lastExport: {
    result: string
    exitCode: number | null
    signal: string | null
    startedAt: string
    finishedAt: string
    durationMs: number
    release: string | null
    switched: boolean
    triggers: number
    message?: string
  } | null
  exports: {running: boolean; pending: boolean; started: number; finished: number; failed: number}
  triggers: {webhook: boolean; listener: boolean}
}

export function describeHealth(
  release: Release | null,
  scheduler: SchedulerStatus,
  triggers: Health['triggers'],
): Health {
  const last = scheduler.last
  return {
    status: release ? 'ok' : 'no-release',
    release: release
      ? {
          id: release.id,
          articles: release.summary?.articles ?? 0,
          byStatus: release.summary?.byStatus ?? {},
          asOf: release.summary?.asOf ?? null,
          dataset: release.summary?.dataset ?? null,
          generator: release.summary?.generator ?? null,
          manifestProblem: release.manifestProblem,
        }
      : null,
    lastExport: last
      ? {
          result: last.outcome,
          exitCode: last.exitCode,
          signal: last.signal,
          startedAt: last.startedAt,
          finishedAt: last.finishedAt,
          durationMs: last.durationMs,
          release: last.release,
          switched: last.switched,
          triggers: last.triggers,
          ...(last.message ? {message: last.message} : {}),
        }
      : null,
    exports: {
      running: scheduler.running,
      pending: scheduler.pending,
      started: scheduler.started,
      finished: scheduler.finished,
      failed: scheduler.failed,
    },
    triggers,
  }
}
