import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import type {ExportResult} from '../pipeline/serve/scheduler.ts'

const ok: ExportResult = {outcome: 'ok', exitCode: 0, signal: null, durationMs: 0, release: 'r', switched: true}

/** An export whose duration the test sets, recording when each run started and how many ran at once. */
function fakeExport(durationMs: number, result: ExportResult = ok) {
  const starts: number[] = []
  let active = 0
  let maxActive = 0
  const aborted: boolean[] = []
  const run = (signal: AbortSignal) => {
    starts.push(Date.now())
    active += 1
    maxActive = Math.max(maxActive, active)
    return new Promise<ExportResult>((resolve) => {
      const timer = setTimeout(() => {
        active -= 1
        resolve(result)
      }, durationMs)
      signal.addEventListener('abort', () => {
        clearTimeout(timer)
        active -= 1
        aborted.push(true)
        resolve({...result, outcome: 'failed', signal: 'SIGTERM', message: 'stopped'})
      })
    })
  }
  return {run, starts, aborted, maxActive: () => maxActive}
}

describe('export scheduling', () => {
  beforeEach(() => {
    vi.useFakeTimers({now: 0})
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('coalesces a burst into one export that starts after the quiet time', async () => {
    const exporter = fakeExport(100)
    const scheduler = createExportScheduler({run: exporter.run, debounceMs: 1000, maxWaitMs: 5000})
    expect(scheduler.trigger('webhook')).toBe('scheduled')
    await vi.advanceTimersByTimeAsync(300)
    expect(scheduler.trigger('webhook')).toBe('coalesced')
    await vi.advanceTimersByTimeAsync(300)
    expect(scheduler.trigger('webhook')).toBe('coalesced')
    await vi.advanceTimersByTimeAsync(999)
    expect(exporter.starts).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(exporter.starts).toEqual([1600])
    await vi.advanceTimersByTimeAsync(100)
    expect(scheduler.status()).toMatchObject({running: false, pending: false, started: 1, finished: 1, failed: 0})
    expect(scheduler.status().last).toMatchObject({outcome: 'ok', triggers: 3})
  })

  it('still exports at least every max-wait during a continuous stream, and once more after it', async () => {
    const exporter = fakeExport(300)
    const scheduler = createExportScheduler({run: exporter.run, debounceMs: 1000, maxWaitMs: 5000})
    const duration = 30_000
    for (let t = 0; t < duration; t += 100) {
      scheduler.trigger('webhook')
      await vi.advanceTimersByTimeAsync(100)
    }
    const lastTrigger = duration - 100
    await vi.advanceTimersByTimeAsync(2000)
    await scheduler.idle()
    // Never more than one export per max-wait window, plus the one that picks up the end of the stream.
    expect(exporter.starts.length).toBeLessThanOrEqual(duration / 5000 + 1)
    expect(exporter.starts.length).toBeGreaterThanOrEqual(duration / 5000)
    for (const [index, start] of exporter.starts.entries()) {
      if (index > 0) expect(start - (exporter.starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(5000)
    }
    expect(exporter.starts.at(-1)).toBeGreaterThan(lastTrigger)
  })

  it('runs at most one export at a time and keeps one waiting, whatever arrives meanwhile', async () => {
    const exporter = fakeExport(10_000)
    const scheduler = createExportScheduler({run: exporter.run, debounceMs: 100, maxWaitMs: 500})
    scheduler.trigger('webhook')
    await vi.advanceTimersByTimeAsync(100)
    expect(scheduler.status()).toMatchObject({running: true, pending: false})
    for (let i = 0; i < 50; i++) {
      expect(scheduler.trigger('webhook')).toBe(i === 0 ? 'scheduled' : 'coalesced')
      await vi.advanceTimersByTimeAsync(50)
    }
    expect(scheduler.status()).toMatchObject({running: true, pending: true, started: 1})
    await vi.advanceTimersByTimeAsync(10_000)
    // The waiting batch started the moment the first run ended.
    expect(exporter.starts).toEqual([100, 10_100])
    await vi.advanceTimersByTimeAsync(10_000)
    await scheduler.idle()
    expect(exporter.maxActive()).toBe(1)
    expect(scheduler.status().last?.triggers).toBe(50)
  })

  it('records a failed export and keeps scheduling the next ones', async () => {
    let fail = true
    const scheduler = createExportScheduler({
      debounceMs: 10,
      maxWaitMs: 10,
      run: async () => {
        if (fail) throw new Error('export crashed')
        return ok
      },
    })
    scheduler.trigger('webhook')
    await vi.advanceTimersByTimeAsync(10)
    await scheduler.idle()
    expect(scheduler.status()).toMatchObject({failed: 1, finished: 1})
    expect(scheduler.status().last).toMatchObject({outcome: 'failed', message: 'export crashed'})
    fail = false
    scheduler.trigger('webhook')
    await vi.advanceTimersByTimeAsync(10)
    await scheduler.idle()
    expect(scheduler.status()).toMatchObject({failed: 1, finished: 2, last: {outcome: 'ok'}})
  })

  it('on shutdown drops the waiting batch, refuses new ones, and waits for the running export', async () => {
    const exporter = fakeExport(1000)
    const logs: string[] = []
    const scheduler = createExportScheduler({
      run: exporter.run,
      debounceMs: 10,
      maxWaitMs: 10,
      log: (event) => logs.push(event),
    })
    scheduler.trigger('webhook')
    await vi.advanceTimersByTimeAsync(10)
    scheduler.trigger('webhook')
    const stopped = scheduler.shutdown(5000)
    expect(scheduler.trigger('webhook')).toBe('rejected')
    await vi.advanceTimersByTimeAsync(1000)
    expect(await stopped).toBe('idle')
    expect(exporter.starts).toHaveLength(1)
    expect(exporter.aborted).toEqual([])
    expect(logs).toContain('export-dropped')
  })

  it('on shutdown aborts an export that outlasts the limit', async () => {
    const exporter = fakeExport(60_000)
    const scheduler = createExportScheduler({run: exporter.run, debounceMs: 10, maxWaitMs: 10})
    scheduler.trigger('webhook')
    await vi.advanceTimersByTimeAsync(10)
    const stopped = scheduler.shutdown(2000)
    await vi.advanceTimersByTimeAsync(2000)
    expect(await stopped).toBe('aborted')
    expect(exporter.aborted).toEqual([true])
    expect(scheduler.status()).toMatchObject({running: false, last: {outcome: 'failed'}})
  })
})
