import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

type GarbageCollector = (options: {type: 'major'; execution: 'sync'; flavor: 'last-resort'}) => void

/**
 * A full, memory-reducing garbage collection of this thread's heap, now. V8 collects when a thread allocates, so a
 * thread that waits keeps what it no longer uses until it allocates again: the export thread while the citation
 * pre-pass's thread builds its engine (at 10,000 articles, ~35 MB of the source's opening pass and ~60 MB of pages
 * beyond what is live), and what rendering left before the release is written and verified. Node has no API for it:
 * V8's `gc` function is made for one fresh context (`--expose-gc` is read when a context is created) and the flag is
 * set back, so no other context gets one. The "last-resort" flavour is V8's memory-reducing collection, which also
 * gives the freed pages back.
 */
export function compactHeap(): void {
  // Node run with --expose-gc (a profiling session) already has it, and keeps it.
  const exposed = (globalThis as {gc?: GarbageCollector}).gc
  if (exposed) return exposed({type: 'major', execution: 'sync', flavor: 'last-resort'})
  setFlagsFromString('--expose-gc')
  try {
    const gc = runInNewContext('gc') as GarbageCollector
    gc({type: 'major', execution: 'sync', flavor: 'last-resort'})
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}
