import {toHTML} from '@portabletext/to-html'
import type {PortableTextBlock} from '@portabletext/types'
import {toHtml} from 'hast-util-to-html'
import type {Root as HastRoot} from 'hast'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {citationMarkerToHast} from '../pipeline/render/mdast-to-hast-handlers.ts'
import {portableTextToMdast} from '../pipeline/render/portable-text-to-mdast/index.ts'
import {readNdjsonLines} from '../pipeline/source/ndjson-lines.ts'

/**
 * The two baselines, run in a child process of `bench/run.ts` so each has its own CPU time and peak RSS:
 *
 * - `a`: `@portabletext/to-html` renders every published article's body to an HTML string (what a user might
 *   script instead of this project);
 * - `b`: this project's bare unified route, Portable Text → mdast → hast → HTML string, nothing else (no citation
 *   numbering, reference list, sanitizing, page, other formats or validation).
 *
 * Bodies are read straight from the NDJSON lines (no GROQ). Only the render calls are timed per article; their sum
 * of CPU time is `renderCpuMs`. Prints one JSON line.
 */

type Mode = 'a' | 'b'

function renderA(body: unknown[]): string {
  return toHTML(body as PortableTextBlock[], {
    components: {types: {citationMarker: () => '<sup class="citation">[*]</sup>'}},
    onMissingComponent: false,
  })
}

const processor = unified().use(remarkRehype, {handlers: {citationMarker: citationMarkerToHast}})

function renderB(body: unknown[]): string {
  const file = new VFile()
  const mdast = portableTextToMdast(body, file)
  return toHtml(processor.runSync(mdast, file) as HastRoot)
}

async function main(): Promise<void> {
  const [mode, file] = process.argv.slice(2) as [Mode, string]
  if ((mode !== 'a' && mode !== 'b') || !file) throw new Error('usage: node bench/baseline.ts a|b dataset.ndjson')
  const render = mode === 'a' ? renderA : renderB
  const times: number[] = []
  let renderCpu = 0
  let bytes = 0
  for await (const line of readNdjsonLines(file)) {
    if (line.bytes === null || line.length === 0) continue
    const doc = JSON.parse(line.bytes.toString('utf8')) as {_id: string; _type: string; body?: unknown[]}
    if (
      doc._type !== 'article' ||
      doc._id.includes('.') === false ||
      doc._id.startsWith('drafts.') ||
      doc._id.startsWith('versions.')
    )
      continue
    const cpu = process.cpuUsage()
    const start = performance.now()
    bytes += render(doc.body ?? []).length
    times.push(performance.now() - start)
    const used = process.cpuUsage(cpu)
    renderCpu += (used.user + used.system) / 1000
  }
  const usage = process.resourceUsage()
  process.stdout.write(
    `${JSON.stringify({mode, articles: times.length, renderCpuMs: renderCpu, renderWallMs: times.reduce((a, b) => a + b, 0), times, htmlBytes: bytes, processCpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS})}\n`,
  )
}

await main()
