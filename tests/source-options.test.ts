import {describe, expect, it} from 'vitest'
import {parseOptions, resolveAsOf} from '../pipeline/cli/options.ts'
import type {ParseOptionsConfig} from '../pipeline/cli/options.ts'
import {UsageError} from '../pipeline/cli/run.ts'

describe('shared CLI options', () => {
  it('reads the common options and positionals', () => {
    expect(
      parseOptions(['x', '--dataset', 'd.ndjson', '--as-of', '2026-11-26', '--strict', '--json', '--out', 'out'], {
        positionals: {max: 1},
      }),
    ).toEqual({
      dataset: 'd.ndjson',
      asOf: '2026-11-26',
      strict: true,
      json: true,
      out: 'out',
      positionals: ['x'],
      extra: {},
    })
  })

  it("returns a command's own options under extra", () => {
    expect(parseOptions(['--formats', 'html,json'], {extra: {formats: {type: 'string'}}}).extra).toEqual({
      formats: 'html,json',
    })
  })

  it.each<[string[], RegExp, ParseOptionsConfig?]>([
    [['--bogus'], /Unknown option '--bogus'/],
    [['--json'], /Unknown option '--json'/, {accept: ['dataset']}],
    [['--as-of', '2026-02-30'], /--as-of must be a calendar date written YYYY-MM-DD, got `2026-02-30`/],
    [['--out'], /argument missing/],
    [['a', 'b'], /Unexpected argument `b`/, {positionals: {max: 1}}],
    [[], /Missing the article slug/, {positionals: {min: 1, max: 1, name: 'article slug'}}],
  ])('turns %j into a UsageError that names the problem', (argv, message, config = {}) => {
    expect(() => parseOptions(argv, config)).toThrow(UsageError)
    expect(() => parseOptions(argv, config)).toThrow(message)
  })

  it('takes the as-of date from --as-of, then SOURCE_DATE_EPOCH, then the clock', () => {
    const now = () => new Date('2030-05-06T23:59:59Z')
    expect(resolveAsOf('2026-11-26', {SOURCE_DATE_EPOCH: '0'}, now)).toBe('2026-11-26')
    expect(resolveAsOf(undefined, {SOURCE_DATE_EPOCH: '1795651200'}, now)).toBe('2026-11-26')
    expect(resolveAsOf(undefined, {}, now)).toBe('2030-05-06')
    expect(() => resolveAsOf(undefined, {SOURCE_DATE_EPOCH: 'yesterday'}, now)).toThrow(/whole seconds/)
  })
})
