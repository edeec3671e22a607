import {setFlagsFromString} from 'node:v8'
import {runInNewContext} from 'node:vm'

/**
 * A full, memory-reducing garbage collection of this thread's heap, now: V8 collects when a thread allocates, so
 * a thread that waits (the export thread while the citation pre-pass's thread builds its engine) keeps what it
 * no longer uses — at 10,000 articles ~35 MB of the source's opening pass and ~70 MB of heap it does not give
 * back — until it allocates again. Node has no API for it: V8's `gc` function is made once for a fresh context
 * (`--expose-gc` is read when a context is created) and the flag is set back, so no other context gets a `gc`.
 * The "last-resort" flavour is V8's memory-reducing collection, which also returns the freed pages.
 */
export function compactHeap(): void {
  setFlagsFromString('--expose-gc')
  try {
    const gc = runInNewContext('gc') as (options: {type: 'major'; execution: 'sync'; flavor: 'last-resort'}) => void
    gc({type: 'major', execution: 'sync', flavor: 'last-resort'})
  } finally {
    setFlagsFromString('--no-expose-gc')
  }
}
