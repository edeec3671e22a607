import {setFlagsFromString} from 'node:v8'

/**
 * V8's garbage-collector settings for the threads of an export, set once before the export thread starts (V8 flags
 * are per process and read by every isolate's heap as it works, so the render workers and the citation pre-pass's
 * thread get them too). Node has no per-thread option for them: `worker_threads` takes only heap sizes
 * (`resourceLimits`, `memory.ts`).
 *
 * - No allocation-site pretenuring. V8 moves an allocation site's objects straight into the old generation once it
 *   sees many of them survive a scavenge; an export renders one article at a time, and what survives the
 *   scavenge in the middle of an article (its source, trees and file texts) is dead a few milliseconds later. So
 *   pretenured objects filled the old generation with garbage, and each full collection marked the whole live heap
 *   again: at 1,000 articles 46 full collections, 25 without pretenuring, for ~3 % more scavenged bytes
 *   (`--trace-gc-nvp`; CPU in bench/README.md).
 */
export function tuneGarbageCollection(): void {
  setFlagsFromString('--no-allocation-site-pretenuring')
}
