import {describe, expect, it} from 'vitest'
import {createProgress} from '../pipeline/export/report.ts'

/** Export progress on stderr: a redrawn bar on a terminal, plain lines in CI and pipes. */

function clock() {
  let now = 0
  return {now: () => now, advance: (ms: number) => void (now += ms)}
}

describe('export progress', () => {
  it('draws one bar on a terminal with done/total, rate and ETA, and clears it at the end', () => {
    const written: string[] = []
    const time = clock()
    const progress = createProgress({isTty: true, write: (text) => void written.push(text), now: time.now, width: 10})
    time.advance(2000)
    progress.update(50, 200)
    expect(written).toEqual(['\r[###.......] 50/200 articles · 25/s · ETA 6s\u001b[K'])
    time.advance(50)
    progress.update(51, 200)
    expect(written).toHaveLength(1) // at most ten redraws a second
    time.advance(6000)
    progress.update(200, 200)
    progress.finish()
    expect(written.at(-2)).toMatch(/^\r\[##########\] 200\/200 articles · 25\/s · ETA 0s/)
    expect(written.at(-1)).toBe('\r\u001b[K')
  })

  it('prints a plain line every N articles and at the end when not on a terminal', () => {
    const written: string[] = []
    const time = clock()
    const progress = createProgress({isTty: false, write: (text) => void written.push(text), now: time.now, every: 100})
    for (let done = 1; done <= 250; done++) {
      time.advance(10)
      progress.update(done, 250)
    }
    progress.finish()
    expect(written).toEqual([
      'export: 100/250 articles · 100/s · ETA 2s\n',
      'export: 200/250 articles · 100/s · ETA 1s\n',
      'export: 250/250 articles · 100/s · ETA 0s\n',
    ])
  })

  it('writes a plain line at the end of an interrupted count too', () => {
    const written: string[] = []
    const progress = createProgress({
      isTty: false,
      write: (text) => void written.push(text),
      every: 100,
      now: () => 1000,
    })
    progress.update(42, 300)
    progress.finish()
    expect(written).toEqual([expect.stringMatching(/^export: 42\/300 articles/)])
  })
})
