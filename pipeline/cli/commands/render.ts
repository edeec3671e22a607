import {mkdir, writeFile} from 'node:fs/promises'
import path from 'node:path'
import {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {contentHash} from '../../../domain/content-hash.ts'
import {reviewState} from '../../../domain/review-status.ts'
import {renderArticle} from '../../render/index.ts'
import type {CitationStyle, RenderedFileName} from '../../render/index.ts'
import {SourceError} from '../../source/errors.ts'
import {openSource} from '../../source/open.ts'
import type {ContentSource, SourceArticle} from '../../source/types.ts'
import {parseOptions, resolveAsOf} from '../options.ts'
import {UsageError, type Command} from '../run.ts'

const STYLES: readonly CitationStyle[] = ['apa', 'vancouver', 'ama']

const usage = `Usage: npx vetted render <slug-or-id> [options]

Renders one published article into the five bundle files (index.html, fragment.html, article.json, article.txt,
article.md) without validating or exporting it: for previewing a change or checking the renderer. Render warnings
(unknown block types, citations that point nowhere, unsafe links) are printed on stderr; they do not change the
exit code.

Options:
  -o, --out <dir>        directory to write the files into (default: output/render/<slug>)
  --as-of <YYYY-MM-DD>   date the review status is computed for (default: SOURCE_DATE_EPOCH, else today)
  -d, --dataset <file>   NDJSON dataset to read (default: studio/dataset/production.ndjson, or the Content Lake
                         when SANITY_PROJECT_ID and SANITY_DATASET are set)
  --style <name>         citation style, overriding the settings: apa, vancouver or ama

Exit codes:
  0  written
  2  usage error, unknown article or unreadable source

Example:
  npx vetted render hand-washing --out /tmp/preview --style vancouver`

export const renderCommand: Command = {
  name: 'render',
  summary: 'Render one article into its five files (HTML page and fragment, JSON, text, Markdown)',
  usage,
  async run(argv, io) {
    const options = parseOptions(argv, {
      accept: ['dataset', 'as-of', 'out'],
      extra: {style: {type: 'string'}},
      positionals: {min: 1, max: 1, name: 'article slug or id'},
    })
    const style = options.extra.style
    if (style !== undefined && !STYLES.includes(style as CitationStyle)) {
      throw new UsageError(`--style must be one of ${STYLES.join(', ')}, got \`${String(style)}\`.`)
    }
    const asOf = resolveAsOf(options.asOf, io.env)
    const wanted = options.positionals[0]!
    let source: ContentSource
    try {
      source = await openSource({dataset: options.dataset, env: io.env, cwd: io.cwd})
    } catch (error) {
      if (error instanceof SourceError) {
        io.stderr(`vetted render: ${error.message}\n`)
        return 2
      }
      throw error
    }
    try {
      const article = await findArticle(source, wanted)
      if (!article) {
        io.stderr(
          `vetted render: no published article has the slug or id \`${wanted}\` in ${source.label}. Run \`npx vetted inspect ${wanted}\` to see why.\n`,
        )
        return 2
      }
      const settings = await source.getSettings()
      const hash = await contentHash(article, (id) => article.citations.find((citation) => citation._id === id))
      const review = reviewState({contentHash: hash, reviews: article.reviews, policy: settings, asOf})
      const rendered = await renderArticle({
        article,
        settings,
        review,
        contentHash: hash,
        asOf,
        datasetLabel: source.label,
        ...(style ? {citationStyle: style as CitationStyle} : {}),
      })
      const out = path.resolve(io.cwd, options.out ?? path.join('output', 'render', article.slug ?? article._id))
      await mkdir(out, {recursive: true})
      for (const name of Object.keys(rendered.files).sort() as RenderedFileName[]) {
        await writeFile(path.join(out, name), rendered.files[name])
      }
      if (rendered.messages.length > 0) {
        const report = new VFile({path: article._id})
        report.messages.push(...rendered.messages)
        io.stderr(`${reporter(report)}\n`)
      }
      io.stdout(`Rendered ${article._id} (${review.status}, as of ${asOf}) into ${path.relative(io.cwd, out) || '.'}\n`)
      return 0
    } finally {
      await source.close()
    }
  },
}

async function findArticle(source: ContentSource, wanted: string): Promise<SourceArticle | null> {
  const direct = await source.getArticle(wanted)
  if (direct) return direct
  for await (const {_id} of source.listArticles()) {
    const article = await source.getArticle(_id)
    if (article?.slug === wanted) return article
  }
  return null
}
