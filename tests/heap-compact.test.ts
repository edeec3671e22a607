import {getHeapStatistics} from 'node:v8'
import {runInNewContext} from 'node:vm'
import {describe, expect, it} from 'vitest'
import {compactHeap} from '../pipeline/heap/compact-heap.ts'

/** ~40 MB of objects nothing refers to once it returns. */
function makeGarbage(): number {
  const entries: Array<{index: number; text: string}> = []
  for (let index = 0; index < 400_000; index++) entries.push({index, text: `entry ${index}`})
  return entries.length
}

/**
 * `compactHeap`: what the export thread runs before the citation pre-pass's thread builds its engine beside it, so
 * that the heap it no longer uses is given back first rather than when it next allocates.
 */
describe('compacting the heap of a waiting thread', () => {
  it('collects the garbage now and gives back the pages it held', () => {
    makeGarbage()
    const before = getHeapStatistics()
    compactHeap()
    const after = getHeapStatistics()
    expect(before.used_heap_size - after.used_heap_size).toBeGreaterThan(20_000_000)
    expect(after.total_heap_size).toBeLessThan(before.total_heap_size)
  })

  it('gives other code no `gc` function it did not have', () => {
    const before = [runInNewContext('typeof gc'), typeof (globalThis as {gc?: unknown}).gc]
    compactHeap()
    expect([runInNewContext('typeof gc'), typeof (globalThis as {gc?: unknown}).gc]).toEqual(before)
  })
})
