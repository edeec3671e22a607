import {appendFileSync} from 'node:fs'

/**
 * The wall time of each step of an export, for `--timings` (the bench's profile behind each figure): `lap(name)`
 * appends `{"stage": name, "ms": …}` with the time since the previous lap; the first lap, `start-up`, is the time
 * since the process started (Node, the CLI and the export thread loading their modules). Without a file it does
 * nothing.
 */
export function stageClock(file: string | undefined): (stage: string) => void {
  if (file === undefined) return () => {}
  let last = performance.now() - process.uptime() * 1000
  return (stage) => {
    const now = performance.now()
    appendFileSync(file, `${JSON.stringify({stage, ms: Math.round((now - last) * 10) / 10})}\n`)
    last = now
  }
}
