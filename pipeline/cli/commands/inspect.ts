import {SourceError} from '../../source/errors.ts'
import {inspectArticle} from '../../source/inspect-article.ts'
import type {ArticleInspection} from '../../source/inspect-article.ts'
import {openSource} from '../../source/open.ts'
import {parseOptions, resolveAsOf} from '../options.ts'
import type {Command} from '../run.ts'

const usage = `Usage: npx vetted inspect <slug-or-id> [options]

Shows what the pipeline sees for one article: the published version the queries return, its content hash and
review status, and, when it will not be exported, why (only a draft, no slug, a missing citation, ...).

Options:
  -d, --dataset <file>   NDJSON dataset to read (default: studio/dataset/production.ndjson, or the Content Lake
                         when SANITY_PROJECT_ID and SANITY_DATASET are set)
  --as-of <YYYY-MM-DD>   date the review status is computed for (default: SOURCE_DATE_EPOCH, else today)
  --json                 print the inspection as JSON, the full query result included

Exit codes:
  0  nothing at the source stops the article
  1  it will not be exported
  2  usage or source error

Example:
  npx vetted inspect hand-washing --as-of 2026-11-26`

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'Show what the pipeline sees for one article, and why it is not exported',
  usage,
  async run(argv, io) {
    const options = parseOptions(argv, {
      accept: ['dataset', 'as-of', 'json'],
      positionals: {min: 1, max: 1, name: 'article slug or id'},
    })
    const asOf = resolveAsOf(options.asOf, io.env)
    let inspection: ArticleInspection
    try {
      const source = await openSource({dataset: options.dataset, env: io.env, cwd: io.cwd, damaged: 'report'})
      try {
        inspection = await inspectArticle(source, options.positionals[0] as string, asOf)
      } finally {
        await source.close()
      }
    } catch (error) {
      if (error instanceof SourceError) {
        io.stderr(`vetted inspect: ${error.message}\n`)
        return 2
      }
      throw error
    }
    io.stdout(options.json ? `${JSON.stringify(inspection, null, 2)}\n` : formatInspection(inspection))
    return inspection.notExported.length > 0 ? 1 : 0
  },
}

/** Where a review record comes from, as inspect shows it. */
function provenanceOf(review: NonNullable<ArticleInspection['article']>['reviews'][number]): string {
  if (review.provenance === 'imported') return 'imported record'
  if (review.provenance !== 'studio') return 'unsigned record'
  if (!review.signerId) return 'signed in Studio, no signer recorded'
  const linked = (review.reviewer?.sanityUserIds ?? []).includes(review.signerId)
  return `signed in Studio by ${review.signerId}${linked ? '' : ', a user NOT linked to the reviewer'}`
}

export function formatInspection(inspection: ArticleInspection): string {
  const lines: string[] = []
  const row = (name: string, value: string) => lines.push(`  ${name.padEnd(13)} ${value}`)
  const {article, review} = inspection
  if (article) {
    lines.push(`${article._id} (rev ${article._rev}) in ${inspection.source}`)
    row('title', article.title ?? '(none)')
    row('slug', article.slug ?? '(none)')
    row('language', `${article.language ?? '(none)'} · audience ${article.audience ?? '(none)'}`)
    row(
      'authors',
      (article.authors ?? [])
        .map((author) =>
          author
            ? `${author.name ?? author._id}${author.credentials ? `, ${author.credentials}` : ''}`
            : '(missing person)',
        )
        .join('; ') || '(none)',
    )
    row('body', `${article.body?.length ?? 0} blocks`)
    row(
      'citations',
      `${article.citations.length}: ${article.citations.map((citation) => citation._id).join(', ') || '(none)'}`,
    )
    for (const entry of article.reviews) {
      const same = entry.contentHash === inspection.contentHash
      const approved = entry.outcome === 'approved'
      const matches = approved
        ? same
          ? 'covers this text'
          : 'for an earlier text'
        : same
          ? 'of this text'
          : 'of an earlier text'
      const what = `${entry.reviewedOn ?? '(undated)'} ${entry.outcome ?? '(no outcome)'}`
      row('review', `${what} by ${entry.reviewer?.name ?? '(missing reviewer)'}, ${matches}, ${provenanceOf(entry)}`)
    }
    if (article.reviews.length === 0) row('review', '(none)')
    for (const check of inspection.signers ?? []) {
      const outcome = {
        verified: 'verified in the Content Lake history',
        mismatch: 'NOT the author in the Content Lake history',
        'no-history': 'no history',
      }
      const authors = check.authors.length > 0 ? ` (written by ${check.authors.join(', ')})` : ''
      row('signer', `${check.reviewId}: ${outcome[check.outcome]}${authors}`)
    }
    row('content hash', inspection.contentHash ?? '')
    if (review) {
      const due = review.nextReviewDue ? ` · next review due ${review.nextReviewDue}` : ''
      const last = review.lastReviewed ? ` · last reviewed ${review.lastReviewed}` : ''
      row('status', `${review.status}${last}${due} (as of ${inspection.asOf})`)
    }
  } else {
    lines.push(`\`${inspection.query}\` in ${inspection.source}: no published article`)
  }
  for (const entry of inspection.unpublished)
    row(entry.kind, `${entry._id}${entry.slug ? ` (slug ${entry.slug})` : ''}`)
  if (inspection.problems.length > 0) {
    lines.push('', 'Problems in the dataset:')
    for (const problem of inspection.problems) lines.push(`  - ${problem.message}`)
  }
  if (inspection.notes.length > 0) {
    lines.push('', 'Notes:')
    for (const note of inspection.notes) lines.push(`  - ${note}`)
  }
  lines.push('')
  if (inspection.notExported.length > 0) {
    lines.push('Not exported:')
    for (const reason of inspection.notExported) lines.push(`  - ${reason}`)
  } else {
    lines.push('Nothing at the source stops this article. Editorial checks decide the rest: run `npx vetted validate`.')
  }
  return `${lines.join('\n')}\n`
}
