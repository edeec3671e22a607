import {execFileSync} from 'node:child_process'
import {readFileSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {plugins} from '@citation-js/core'
import {toHtml} from 'hast-util-to-html'
import {afterAll, describe, expect, it, vi} from 'vitest'
import {citationToCsl, type CslItem} from '../pipeline/render/citations/csl-json.ts'
import {formatReferences} from '../pipeline/render/citations/format-reference-list.ts'
import {formatReference} from '../pipeline/render/citations/format-references.ts'
import {
  findCitationCacheEntries,
  readCitationCacheFile,
  seedOnce,
  writeCitationCacheFile,
  type CitationCacheStage,
} from '../pipeline/export/citation-cache.ts'
import {
  cacheItemJson,
  citationFormatter,
  exportCitationCache,
  seedCitationCache,
  type CitationCacheEntry,
} from '../pipeline/render/citations/reference-cache.ts'
import type {CitationStyle} from '../pipeline/render/types.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {sourceCitation} from './helpers/citation-documents.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'
import {REPO_ROOT} from './render-support.ts'

afterAll(removeTempDirs)

type SourceCitation = SourceArticle['citations'][number]

const STYLES: CitationStyle[] = ['apa', 'vancouver', 'ama']
const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/citations')
/** The reference article dataset's formatted sources, and hand-written ones for every type and the cross-entry traps. */
function realSources(): SourceCitation[] {
  const production = readFileSync(path.join(REPO_ROOT, 'studio/dataset/production.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((document) => document._type === 'citation' && typeof document.title === 'string')
  const extra = JSON.parse(readFileSync(path.join(FIXTURES, 'sources.json'), 'utf8')) as Record<string, unknown>[]
  return [...production, ...extra].map(sourceCitation)
}

interface ExpectedEntry {
  id: string
  style: CitationStyle
  text: string
  html: string
}

/**
 * tests/fixtures/citations/expected.json was written by the formatter before the cache (one fresh citeproc
 * registry per entry, commit 9c92440), so these tests pin today's output to it. `UPDATE=1` rewrites it from the
 * current formatter: only do that for an intended change of output, and review the diff.
 */
const EXPECTED_FILE = path.join(FIXTURES, 'expected.json')

function byTitle(title: string): CslItem {
  return citationToCsl({
    ...sourceCitation({_id: `citation.${title}`}),
    cslType: 'article-journal',
    title,
    authors: [{family: 'Probe', given: 'A.'}],
    issued: '2001',
  })
}

describe('formatted references match the formatter before the cache', () => {
  const sources = realSources()

  const expected = JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as ExpectedEntry[]

  for (const style of STYLES) {
    it(`formats every source in ${style} exactly as before, all of them in one call`, async () => {
      // One call with every source: same-author same-year pairs (Smith 2010 ×3, WHO 2020 ×2, two undated
      // pages with one title) would get "2010a"/"n.d.-b" if they shared a bibliography.
      const formatted = await formatReferences(sources.map(citationToCsl), style, 'en-US')
      const actual = sources.map((source, index) => ({
        id: source._id,
        style,
        text: formatted[index]!.text,
        html: toHtml({type: 'root', children: [...formatted[index]!.children]}),
      }))
      if (process.env.UPDATE === '1') {
        const others = (JSON.parse(readFileSync(EXPECTED_FILE, 'utf8')) as ExpectedEntry[]).filter(
          (entry) => entry.style !== style,
        )
        const all = [...others, ...actual].sort((x, y) => STYLES.indexOf(x.style) - STYLES.indexOf(y.style))
        writeFileSync(EXPECTED_FILE, `${JSON.stringify(all, null, 2)}\n`)
      } else {
        expect(actual).toEqual(expected.filter((entry) => entry.style === style))
      }
    })
  }

  it('gives the synchronous formatReference the same entries', () => {
    for (const entry of expected.filter(
      (expectedEntry) => expectedEntry.id === 'citation.seven-authors' || expectedEntry.id === 'citation.who-2020-b',
    )) {
      const source = sources.find((candidate) => candidate._id === entry.id)!
      expect(formatReference(citationToCsl(source), entry.style, 'en-US').text).toBe(entry.text)
    }
  })

  it('formats the misses of one call with one engine, and a source cited twice once', async () => {
    const csl = plugins.config.get('@csl')
    const engine = vi.spyOn(csl, 'engine')
    try {
      const items = ['engine one', 'engine two', 'engine three'].map(byTitle)
      const formatted = await formatReferences(
        [...items, {...items[0]!, id: 'citation.same-content-other-id'}],
        'vancouver',
        'en-US',
      )
      expect(engine).toHaveBeenCalledTimes(1)
      expect(formatted[3]).toEqual(formatted[0])
      await formatReferences(items, 'vancouver', 'en-US')
      expect(engine).toHaveBeenCalledTimes(1)
    } finally {
      engine.mockRestore()
    }
  })
})

describe('the formatted-reference cache', () => {
  const item = byTitle('a source seeded with a marker text')

  function seededEntry(style: CitationStyle, locale: string, text: string): CitationCacheEntry {
    return {
      formatter: citationFormatter(),
      style,
      locale,
      item: cacheItemJson(item),
      text,
      children: [{type: 'text', value: text}],
    }
  }

  it('answers from a seeded entry, keyed by content, style and locale', async () => {
    expect(seedCitationCache([seededEntry('apa', 'en-US', 'SEEDED apa en-US')])).toBe(1)
    const [apa] = await formatReferences([{...item, id: 'citation.any-other-id'}], 'apa', 'en-US')
    expect(apa!.text).toBe('SEEDED apa en-US')
    const [vancouver] = await formatReferences([item], 'vancouver', 'en-US')
    expect(vancouver!.text).toMatch(/^Probe A\. a source seeded with a marker text\./)
    const [british] = await formatReferences([item], 'apa', 'en-GB')
    expect(british!.text).toMatch(/^Probe, A\. \(2001\)\. a source seeded with a marker text\./)
    const [otherContent] = await formatReferences([{...item, volume: '2'}], 'apa', 'en-US')
    expect(otherContent!.text).not.toContain('SEEDED')
  })

  it('skips entries of another formatter and entries that are not shaped like one', () => {
    const other = {...seededEntry('ama', 'en-US', 'from another citeproc'), formatter: 'citeproc 0.0.1; …'}
    const broken = {...seededEntry('ama', 'en-US', 'broken'), children: [{type: 'element', tagName: 'i'}]}
    expect(seedCitationCache([other, broken, {style: 'ama'}, null, 'text'])).toBe(0)
  })

  it('hands out frozen nodes, so an article cannot change another article’s entry', async () => {
    const [entry] = await formatReferences([byTitle('frozen entry')], 'apa', 'en-US')
    const first = entry!.children[0]!
    expect(() => {
      ;(first as {type: string}).type = 'comment'
    }).toThrow(TypeError)
    expect(() => (entry!.children as unknown[]).push({type: 'text', value: 'x'})).toThrow(TypeError)
  })

  it('exports its entries sorted, and they survive a round trip through a file', async () => {
    await formatReferences([byTitle('zz exported last'), byTitle('aa exported first')], 'ama', 'en-US')
    const entries = exportCitationCache()
    const keys = entries.map((entry) => `${entry.style}\u0000${entry.locale}\u0000${entry.item}`)
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    expect(entries.filter((entry) => entry.style === 'ama' && /exported (first|last)/.test(entry.text))).toHaveLength(2)

    const file = path.join(makeTempDir('citation-cache-'), 'citations.ndjson')
    await writeCitationCacheFile(file, [...entries].reverse())
    const first = readFileSync(file, 'utf8')
    expect(await readCitationCacheFile(file)).toEqual(entries)
    await writeCitationCacheFile(file, [...entries, ...entries])
    expect(readFileSync(file, 'utf8')).toBe(first)
  })

  it('only exports what was used when asked to', async () => {
    const unused = {
      ...seededEntry('vancouver', 'en-US', 'seeded, never asked for'),
      item: cacheItemJson(byTitle('never rendered')),
    }
    seedCitationCache([unused])
    expect(exportCitationCache().map((entry) => entry.text)).toContain('seeded, never asked for')
    expect(exportCitationCache({usedOnly: true}).map((entry) => entry.text)).not.toContain('seeded, never asked for')
  })
})

describe('a citation cache file', () => {
  const entry: CitationCacheEntry = {
    formatter: citationFormatter(),
    style: 'apa',
    locale: 'en-US',
    item: '{"title":"x","type":"webpage"}',
    text: 'x. (n.d.).',
    children: [{type: 'text', value: 'x. (n.d.).'}],
  }
  /** A cache file of 200 sources, a third of them in AMA and the rest in APA: the entries, the file, and its read. */
  async function cacheOf200Sources() {
    const many = Array.from({length: 200}, (_, index) => ({
      ...entry,
      style: (index % 3 === 0 ? 'ama' : 'apa') as CitationStyle,
      item: JSON.stringify({title: `source ${String(index).padStart(3, '0')}`, type: 'webpage'}),
      text: `text ${index}`,
    }))
    const file = path.join(makeTempDir('citation-cache-'), 'citations.ndjson')
    await writeCitationCacheFile(file, many)
    return {many, file, all: await readCitationCacheFile(file)}
  }

  async function readWithReasons(file: string) {
    const reasons: string[] = []
    const entries = await readCitationCacheFile(file, {onIgnored: (reason) => reasons.push(reason)})
    return {entries, reasons}
  }

  it('is empty, without a word, when it does not exist yet', async () => {
    expect(await readWithReasons(path.join(makeTempDir('citation-cache-'), 'missing.ndjson'))).toEqual({
      entries: [],
      reasons: [],
    })
  })

  it('is ignored, with a reason, when damaged or written by another formatter', async () => {
    const folder = makeTempDir('citation-cache-')
    const good = path.join(folder, 'good.ndjson')
    await writeCitationCacheFile(good, [entry])
    expect(await readWithReasons(good)).toEqual({entries: [entry], reasons: []})
    const [header, line] = readFileSync(good, 'utf8').split('\n')

    const cases: Record<string, string> = {
      'not json': 'this is not a cache\n',
      empty: '',
      'truncated entry': `${header}\n${line!.slice(0, 40)}\n`,
      'entry without nodes': `${header}\n${JSON.stringify({...entry, children: 'x'})}\n`,
      'another formatter': `${header!.replace(citationFormatter(), 'citeproc 9.9.9')}\n${line}\n`,
      'another file version': `${header!.replace('"version":1', '"version":2')}\n${line}\n`,
      'an entry of another formatter': `${header}\n${JSON.stringify({...entry, formatter: 'citeproc 9.9.9'})}\n`,
    }
    for (const [name, content] of Object.entries(cases)) {
      const file = path.join(folder, `${name}.ndjson`)
      writeFileSync(file, content)
      const {entries, reasons} = await readWithReasons(file)
      expect({name, entries}).toEqual({name, entries: []})
      expect(reasons, name).toHaveLength(1)
    }
  })

  it('gives the entries of the sources asked for, as the whole file read does, parsing only the lines it probes', async () => {
    const {many, file, all} = await cacheOf200Sources()
    const wanted = [many[0]!, many[1]!, many[77]!, many[199]!, many[100]!].map((one) => one.item)
    wanted.push('{"title":"never formatted","type":"webpage"}')
    const expected = wanted.flatMap((item) => all.filter((one) => one.style === 'apa' && one.item === item))
    expect(expected).toHaveLength(4)
    expect(await findCitationCacheEntries(file, 'apa', 'en-US', wanted)).toEqual(expected)
    expect(await findCitationCacheEntries(file, 'apa', 'en-GB', wanted)).toEqual([])
    expect(
      await findCitationCacheEntries(path.join(path.dirname(file), 'missing.ndjson'), 'apa', 'en-US', wanted),
    ).toEqual([])

    // A damaged line is never taken: a source whose search meets it is left out (formatted again by the caller),
    // the others are still found.
    const lines = readFileSync(file, 'utf8').split('\n')
    const middle = Math.floor((lines.length - 2) / 2) + 1
    const damagedItem = (JSON.parse(lines[middle]!) as CitationCacheEntry).item
    lines[middle] = lines[middle]!.slice(0, 40)
    writeFileSync(file, lines.join('\n'))
    const found = await findCitationCacheEntries(file, 'apa', 'en-US', [...wanted, damagedItem])
    expect(found.map((one) => one.item)).not.toContain(damagedItem)
    expect(found.map((one) => one.item)).toContain(many[1]!.item)
    expect(found.every((one) => all.some((known) => JSON.stringify(known) === JSON.stringify(one)))).toBe(true)
    // A file of another formatter gives nothing.
    writeFileSync(file, lines.join('\n').replace(citationFormatter(), 'citeproc 9.9.9'))
    expect(await findCitationCacheEntries(file, 'apa', 'en-US', wanted)).toEqual([])
  })

  it('gives the same entries when most of the file is asked for (each line read once instead of searched)', async () => {
    const {many, file, all} = await cacheOf200Sources()
    // Every source, in an order of their own, and one never formatted: as many as the file has lines.
    const wanted = [...many].reverse().map((one) => one.item)
    wanted.push('{"title":"never formatted","type":"webpage"}')
    const expected = wanted.flatMap((item) => all.filter((one) => one.style === 'apa' && one.item === item))
    expect(expected).toHaveLength(133)
    expect(await findCitationCacheEntries(file, 'apa', 'en-US', wanted)).toEqual(expected)
    // A damaged line loses its own source only (an APA one, so that one is asked for).
    const lines = readFileSync(file, 'utf8').split('\n')
    const damaged = lines.findIndex((line, index) => index > 0 && line.includes('"style":"apa"'))
    const damagedItem = (JSON.parse(lines[damaged]!) as CitationCacheEntry).item
    lines[damaged] = lines[damaged]!.slice(0, 40)
    writeFileSync(file, lines.join('\n'))
    const found = await findCitationCacheEntries(file, 'apa', 'en-US', wanted)
    expect(found).toHaveLength(expected.length - 1)
    expect(found).toEqual(expected.filter((one) => one.item !== damagedItem))
  })

  it('is replaced whole: no temporary file is left beside it', async () => {
    const folder = makeTempDir('citation-cache-')
    const file = path.join(folder, 'citations.ndjson')
    await writeCitationCacheFile(file, [entry])
    await writeCitationCacheFile(file, [])
    expect(await readCitationCacheFile(file)).toEqual([])
    expect(execFileSync('ls', ['-A', folder], {encoding: 'utf8'}).trim()).toBe('citations.ndjson')
  })
})

describe('a render thread seeded from the cache file', () => {
  it('is seeded once, and a job that arrives during the seeding waits for it (a worker given two jobs at once)', async () => {
    const steps: string[] = []
    let finish = (): void => {}
    const stage: CitationCacheStage = {
      seed: () => new Promise<void>((resolve) => (finish = () => (steps.push('seeded'), resolve()))),
      add: async () => void steps.push('added'),
      takeNew: async () => [],
    }
    const file = path.join(makeTempDir('vetted-seed-'), 'citations.ndjson')
    const first = seedOnce(stage, file, undefined).then(() => steps.push('first job'))
    const second = seedOnce(stage, file, undefined).then(() => steps.push('second job'))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(steps).toEqual([])
    finish()
    await Promise.all([first, second])
    expect(steps).toEqual(['seeded', 'first job', 'second job'])
  })
})

describe('a later process that renders with a seeded cache', () => {
  const PROBE = path.join(REPO_ROOT, 'tests/helpers/citation-cache-probe.ts')
  const CASES = ['citation-style-apa', 'citation-style-vancouver', 'citation-style-ama']

  interface ProbeResult {
    seeded: number
    files: Record<string, {fragment: string; page: string}>
    texts: string[]
    loaded: Record<'start' | 'seeded' | 'rendered' | 'formatted', string[]>
  }

  function probe(folder: string, name: string, request: object): ProbeResult {
    const file = path.join(folder, `${name}.json`)
    writeFileSync(file, JSON.stringify({cacheFile: path.join(folder, 'citations.ndjson'), ...request}))
    return JSON.parse(execFileSync(process.execPath, [PROBE, file], {cwd: REPO_ROOT, encoding: 'utf8'})) as ProbeResult
  }

  it('loads neither citation-js nor citeproc, and renders the same pages', () => {
    const folder = makeTempDir('citation-cache-')
    const first = probe(folder, 'first', {seed: false, render: CASES})
    // The detector sees citation-js when it is loaded: without this the next assertions could not fail.
    expect(first.loaded.start).toEqual([])
    expect(first.loaded.rendered).toEqual(
      expect.arrayContaining([
        '@citation-js/core/lib/index.js',
        'citeproc/citeproc_commonjs.js',
        'render/citations/citeproc-formatter.ts',
      ]),
    )

    const later = probe(folder, 'later', {seed: true, render: CASES})
    expect(later.seeded).toBeGreaterThan(0)
    expect(later.loaded.rendered).toEqual([])
    for (const name of CASES) {
      expect(later.files[name]!.fragment).toBe(
        readFileSync(path.join(REPO_ROOT, 'tests/fixtures/render', name, 'expected/fragment.html'), 'utf8'),
      )
      expect(later.files[name]!.page).toBe(first.files[name]!.page)
    }

    // A source the cache has not seen loads the formatter on demand, in the same process.
    const miss = probe(folder, 'miss', {
      seed: true,
      render: [],
      format: {style: 'apa', items: [byTitle('not in the cache yet')]},
    })
    expect(miss.loaded.seeded).toEqual([])
    expect(miss.texts).toEqual(['Probe, A. (2001). not in the cache yet.'])
    expect(miss.loaded.formatted).toContain('citeproc/citeproc_commonjs.js')
  })
})
