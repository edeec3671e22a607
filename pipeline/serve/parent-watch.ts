/**
 * Calls `onOrphaned` once when this process loses the parent it started with.
 *
 * `npx vetted serve` and `npm run` start the server as `npm → sh -c → node`; a SIGTERM to npm reaches the shell,
 * which exits without passing it on, and the server would run on under PID 1, still serving. Node has no
 * parent-death signal (Linux's PR_SET_PDEATHSIG is not exposed), so the parent id is checked once a second: when it
 * changes, whoever launched the server is gone and it shuts down as on SIGTERM. Under a supervisor that starts
 * `node` directly (systemd, a container's CMD) the parent never changes and signals arrive as usual.
 */
export function watchParent(onOrphaned: () => void, intervalMs = 1000): () => void {
  const parent = process.ppid
  const timer = setInterval(() => {
    if (process.ppid === parent) return
    clearInterval(timer)
    onOrphaned()
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
