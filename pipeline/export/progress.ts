/**
 * Export progress on stderr. On a terminal: one redrawn bar (done/total, rate, ETA), at most ten times a second.
 * In CI or a pipe: a plain line every `every` articles and at the end, so logs stay short and greppable.
 * Times here are for people watching; nothing measured here reaches a release.
 */

export interface ProgressOptions {
  isTty: boolean
  write: (text: string) => void
  /** Plain mode: print a line every this many articles. @defaultValue 100 */
  every?: number
  /** Injectable clock (milliseconds) for tests. @defaultValue performance.now */
  now?: () => number
  /** Bar width in characters. @defaultValue 30 */
  width?: number
}

export interface Progress {
  update: (done: number, total: number) => void
  finish: () => void
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now())
  const every = options.every ?? 100
  const width = options.width ?? 30
  const started = now()
  let lastDraw = -Infinity
  let drawn = false
  let last = {done: 0, total: 0}

  const line = (done: number, total: number): string => {
    const seconds = Math.max((now() - started) / 1000, 1e-3)
    const rate = done / seconds
    const eta = rate > 0 ? Math.ceil((total - done) / rate) : null
    return `${done}/${total} articles · ${rate.toFixed(rate < 10 ? 1 : 0)}/s · ETA ${eta === null ? '?' : formatSeconds(eta)}`
  }

  return {
    update(done, total) {
      last = {done, total}
      if (options.isTty) {
        const time = now()
        if (time - lastDraw < 100 && done < total) return
        lastDraw = time
        const filled = total > 0 ? Math.round((done / total) * width) : width
        options.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${line(done, total)}\u001b[K`)
        drawn = true
      } else if (done % every === 0 || done === total) {
        options.write(`export: ${line(done, total)}\n`)
      }
    },
    finish() {
      if (options.isTty && drawn) options.write('\r\u001b[K')
      else if (!options.isTty && last.done % every !== 0 && last.done !== last.total) options.write(`export: ${line(last.done, last.total)}\n`)
    },
  }
}

function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
}
