import {SourceError} from '../../source/errors.ts'
import {openSource} from '../../source/open.ts'
import {formatReport, formatRules, jsonFindings, summaryLine} from '../../validate/report.ts'
import {validateSource, type SourceValidation} from '../../validate/validate-source.ts'
import {parseOptions, resolveAsOf} from '../options.ts'
import {reportFlags, reportOptions} from '../report-options.ts'
import {parseSeverity} from '../review-options.ts'
import type {Command} from '../run.ts'

const usage = `Usage: npx vetted validate [options]
       npx vetted validate --rules

Checks every published article: authors, dates and the medical review (is it current?), sources, structure and
language. Prints the findings per article, then a line counting articles by review status.

Options:
  -d, --dataset <file>   NDJSON dataset to read (default: studio/dataset/production.ndjson, or the Content Lake
                         when SANITY_PROJECT_ID and SANITY_DATASET are set)
  --as-of <YYYY-MM-DD>   date review status is computed for (default: SOURCE_DATE_EPOCH, else today)
  --strict               warnings block too
  --severity <s=level>   severity of a review status, over the settings' reviewSeverity: statuses unreviewed,
                         overdue, edited-since-review, changes-requested, due-soon; levels error, warning, info,
                         off. Repeat the option or separate pairs with commas: --severity overdue=error,due-soon=off
  -q, --quiet            print only errors and the summary
  --verbose              print every finding (normally a warning or info rule that fires on 5 articles or more
                         is one line)
  --json                 one JSON object per line for each finding: ruleId, severity, documentId, slug, path,
                         message (the summary goes to stderr)
  --rules                list every rule: its id, default severity and what it checks

Exit codes:
  0  nothing blocks
  1  at least one article is blocked
  2  usage or source error (a malformed dataset line, too, after everything is reported)

Example:
  npx vetted validate --as-of 2026-11-26 --severity overdue=error --quiet`

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check every published article and report what blocks publishing',
  usage,
  async run(argv, io) {
    const options = parseOptions(argv, {
      accept: ['dataset', 'as-of', 'strict', 'json'],
      extra: {severity: {type: 'string', multiple: true}, rules: {type: 'boolean'}, ...reportFlags},
    })
    const report = reportOptions(options.extra, io)
    if (options.extra.rules === true) {
      io.stdout(formatRules())
      return 0
    }
    const severity = parseSeverity(options.extra.severity)
    const asOf = resolveAsOf(options.asOf, io.env)
    let result: SourceValidation
    try {
      const source = await openSource({dataset: options.dataset, env: io.env, cwd: io.cwd, damaged: 'report'})
      try {
        result = await validateSource(source, {asOf, strict: options.strict, severity})
      } finally {
        await source.close()
      }
    } catch (error) {
      if (error instanceof SourceError) {
        io.stderr(`vetted validate: ${error.message}\n`)
        return 2
      }
      throw error
    }
    if (options.json) {
      io.stdout(
        jsonFindings(result)
          .map((finding) => `${JSON.stringify(finding)}\n`)
          .join(''),
      )
      io.stderr(`${summaryLine(result)}\n`)
    } else {
      io.stdout(formatReport(result, report))
    }
    return exitCode(result)
  },
}

/** Source problems win: findings from a dataset that could not be read whole are not the whole story. */
export function exitCode(result: SourceValidation): number {
  if (result.problems.length > 0) return 2
  return result.articles.some((entry) => entry.validation.blocked) ? 1 : 0
}
