import {stripVTControlCharacters} from 'node:util'
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
    expect(written).toEqual(['\r[###.......] 50/200 articles · ?/s · ETA ?\u001b[K'])
    time.advance(50)
    progress.update(51, 200)
    expect(written).toHaveLength(1) // at most ten redraws a second
    time.advance(1950)
    progress.update(100, 200)
    expect(written.at(-1)).toBe('\r[#####.....] 100/200 articles · 25/s · ETA 4s\u001b[K')
    time.advance(4000)
    progress.update(200, 200)
    progress.finish()
    expect(written.at(-2)).toMatch(/^\r\[##########\] 200\/200 articles · 25\/s · ETA 0s/)
    expect(written.at(-1)).toBe('\r\u001b[K')
  })

  it('counts the rate and ETA from the first finished article, not from the start-up before it', () => {
    const written: string[] = []
    const time = clock()
    const progress = createProgress({isTty: false, write: (text) => void written.push(text), now: time.now, every: 10})
    time.advance(20_000) // opening the source and loading the renderer
    for (let done = 1; done <= 20; done++) {
      time.advance(100)
      progress.update(done, 1000)
    }
    expect(written.at(-1)).toBe('export: 20/1000 articles · 10/s · ETA 1m38s\n')
  })

  it('fits the bar to the terminal, and drops it when the terminal is too narrow', () => {
    for (const columns of [120, 60, 44, 30]) {
      const written: string[] = []
      const time = clock()
      const progress = createProgress({isTty: true, write: (text) => void written.push(text), now: time.now, columns})
      progress.update(1, 1000)
      time.advance(1000)
      progress.update(500, 1000)
      for (const text of written) {
        const visible = stripVTControlCharacters(text.replace(/^\r/, ''))
        expect(visible.length).toBeLessThan(columns)
      }
      if (columns >= 60) expect(written.at(-1)).toMatch(/^\r\[#+\.+\] 500\/1000/)
    }
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
