import {readFile} from 'node:fs/promises'
import path from 'node:path'
import {parseArgs} from 'node:util'
import {reporter} from 'vfile-reporter'
import {
  importMarkdownFiles,
  parseNdjson,
  validateImported,
  writeDatasetAtomically,
  writeImages,
  type DatasetDocument,
  type MarkdownInput,
} from '../../import/index.ts'
import {resolveAsOf} from '../options.ts'
import {UsageError, type Command, type CommandIo} from '../run.ts'

const DEFAULT_DATASET = 'studio/dataset/production.ndjson'

const usage = `Usage: npx vetted import <file.md ...> (--into <dataset.ndjson> | --out <new.ndjson>) [options]

Turns Markdown articles (YAML front matter, body, and a "## References" numbered list) into Sanity documents:
the article, its people and its citations. People and citations already in the dataset are reused, and ids are
derived from slugs, DOIs and texts, so importing the same file twice changes nothing.

An import never grants trust: it never gives anyone the medical reviewer role (a reviewer named in the front
matter becomes, or matches, a person without it), and a reviewer with a date in the front matter is not a sign-off:
the article is imported as never reviewed. After writing, the import validates what it wrote and prints what would
block the export. What the Markdown holds that an article cannot (tables, raw HTML, code blocks, footnotes, ...)
is reported with file:line; its text is kept where it has any.

Images ![alt](path "caption") become figures: the file (PNG, JPEG, WebP, GIF or SVG; its path relative to the
Markdown file, inside the image root) is copied into the images/ folder beside the dataset as <sha1>-<w>x<h>.<ext>,
as \`sanity dataset export\` names it. A missing or refused file is an error; a remote (http) image is reported and
never downloaded. Credit and licence are never guessed: the validation printed after the import asks for them.

Options:
  --into <file>          merge into this NDJSON dataset (created if missing): documents are replaced by _id where
                         they stand, new ones appended, the file rewritten atomically
  -o, --out <file>       write only the documents the files give (reused ones included, so the file is complete)
                         to a new NDJSON file, for \`sanity dataset import\`; matched against --dataset
  -d, --dataset <file>   the dataset --out matches against (default: ${DEFAULT_DATASET})
  --dry-run              print what would be created, updated or left unchanged, and write nothing
  --image-root <dir>     read image files only from under this folder (default: the working directory)
  --accept-review-records
                         record a reviewer and \`lastReviewed\` from the front matter as an imported review (a
                         migrated past review, provenance "imported", of the text as imported), reported per
                         file; it supports a "Medically reviewed by" claim only when that person is a medical
                         reviewer in the dataset

Exit codes:
  0  imported
  1  a file could not be imported (its errors are printed; the others are)
  2  usage error or unreadable file

Example:
  npx vetted import drafts/hand-washing.md --into studio/dataset/production.ndjson --dry-run`

export const importCommand: Command = {
  name: 'import',
  summary: 'Import Markdown articles with their references into an NDJSON dataset',
  usage,
  async run(argv, io) {
    const options = parse(argv)
    const inputs: MarkdownInput[] = []
    for (const name of options.files) {
      const absolute = path.resolve(io.cwd, name)
      try {
        inputs.push({path: path.relative(io.cwd, absolute) || name, value: await readFile(absolute, 'utf8')})
      } catch (error) {
        io.stderr(`vetted import: ${name} ${readFailure(error)}. Check the path.\n`)
        return 2
      }
    }
    const base = options.into ?? options.dataset ?? DEFAULT_DATASET
    const dataset = await readDataset(path.resolve(io.cwd, base), base, io, options.into !== undefined)
    if (!dataset) return 2

    const result = await importMarkdownFiles(inputs, dataset, {
      acceptReviewRecords: options.acceptReviewRecords,
      cwd: io.cwd,
      imageRoot: path.resolve(io.cwd, options.imageRoot ?? '.'),
    })
    const withMessages = result.files.filter((file) => file.messages.length > 0)
    if (withMessages.length > 0) io.stderr(`${reporter(withMessages)}\n`)
    const failed = result.files.filter((file) => file.messages.some((message) => message.fatal === true))

    const verb = options.dryRun
      ? {create: 'would create', update: 'would update', unchanged: 'unchanged'}
      : {create: 'created', update: 'updated', unchanged: 'unchanged'}
    for (const change of result.changes)
      io.stdout(`${verb[change.kind].padEnd(12)} ${change.type.padEnd(8)} ${change.id}  (${change.file})\n`)
    const count = (kind: string) => result.changes.filter((change) => change.kind === kind).length
    // Images go where the written dataset's `_sanityAsset`s point: the images/ folder beside it. They are written
    // before the dataset, so it never names a file that is not there.
    const target = options.into ?? options.out ?? base
    const copies = await writeImages(path.resolve(io.cwd, target), result.images, {dryRun: options.dryRun})
    copies.forEach((copy, index) => {
      const verb = options.dryRun
        ? {create: 'would copy', unchanged: 'unchanged'}
        : {create: 'copied', unchanged: 'unchanged'}
      io.stdout(
        `${verb[copy.kind].padEnd(12)} ${'image'.padEnd(8)} images/${copy.name}  (${result.images[index]!.file})\n`,
      )
    })
    const copied = copies.filter((copy) => copy.kind === 'create').length
    const imageSummary =
      copies.length > 0
        ? `; ${copied} image(s) ${options.dryRun ? 'to copy' : 'copied'}, ${copies.length - copied} already there`
        : ''
    const summary = `${count('create')} ${options.dryRun ? 'to create' : 'created'}, ${count('update')} ${options.dryRun ? 'to update' : 'updated'}, ${count('unchanged')} unchanged${imageSummary}`
    const imported = inputs.length - failed.length

    if (options.dryRun) {
      io.stdout(`Dry run: ${imported} of ${inputs.length} file(s) importable; ${summary}. Nothing written.\n`)
    } else if (options.into !== undefined) {
      if (count('create') + count('update') > 0 || !(await exists(path.resolve(io.cwd, options.into)))) {
        await writeDatasetAtomically(path.resolve(io.cwd, options.into), result.documents)
      }
      io.stdout(`Imported ${imported} of ${inputs.length} file(s) into ${options.into}: ${summary}.\n`)
    } else if (options.out !== undefined) {
      await writeDatasetAtomically(path.resolve(io.cwd, options.out), result.imported)
      io.stdout(
        `Wrote ${result.imported.length} document(s) from ${imported} of ${inputs.length} file(s) to ${options.out} (${summary} against ${base}).\n`,
      )
    }
    // What validation (and so the export) would say of the imported articles, as written.
    const articleIds = [...new Set(result.articles.map((entry) => entry.articleId))]
    const validated = await validateImported(result.documents, articleIds, resolveAsOf(undefined, io.env))
    if (validated.length > 0) {
      const heading = 'Validation of the imported articles (what `npx vetted validate` and the export will report):'
      io.stdout(`\n${heading}\n${reporter(validated)}\n`)
    } else if (result.articles.length > 0) {
      io.stdout('Validation of the imported articles: nothing to report.\n')
    }
    return failed.length > 0 ? 1 : 0
  },
}

interface ImportOptions {
  files: string[]
  into?: string
  out?: string
  dataset?: string
  dryRun: boolean
  acceptReviewRecords: boolean
  imageRoot?: string
}

function parse(argv: string[]): ImportOptions {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        into: {type: 'string'},
        out: {type: 'string', short: 'o'},
        dataset: {type: 'string', short: 'd'},
        'dry-run': {type: 'boolean', default: false},
        'accept-review-records': {type: 'boolean', default: false},
        'image-root': {type: 'string'},
      },
      strict: true,
      allowPositionals: true,
    })
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify a positional argument.*$/s, '')}. Run with --help for the options.`,
    )
  }
  const {into, out, dataset} = parsed.values
  const dryRun = parsed.values['dry-run'] === true
  if (parsed.positionals.length === 0)
    throw new UsageError('Name at least one Markdown file to import. Run with --help for the usage.')
  if (into !== undefined && out !== undefined)
    throw new UsageError('Use either --into (merge into a dataset) or --out (write a new file), not both.')
  if (into === undefined && out === undefined && !dryRun) {
    throw new UsageError(
      'Say where the documents go: --into <dataset.ndjson> or --out <new.ndjson> (or --dry-run to see what would change).',
    )
  }
  if (into !== undefined && dataset !== undefined)
    throw new UsageError('--dataset is for --out; with --into the dataset is the --into file.')
  const acceptReviewRecords = parsed.values['accept-review-records'] === true
  return {
    files: parsed.positionals,
    ...(into !== undefined ? {into} : {}),
    ...(out !== undefined ? {out} : {}),
    ...(dataset !== undefined ? {dataset} : {}),
    dryRun,
    acceptReviewRecords,
    ...(parsed.values['image-root'] !== undefined ? {imageRoot: parsed.values['image-root']} : {}),
  }
}

async function readDataset(
  absolute: string,
  label: string,
  io: CommandIo,
  mayBeMissing: boolean,
): Promise<DatasetDocument[] | null> {
  let text: string
  try {
    text = await readFile(absolute, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && mayBeMissing) return []
    io.stderr(`vetted import: the dataset ${label} ${readFailure(error)}. Check the path.\n`)
    return null
  }
  const {documents, problems} = parseNdjson(text)
  if (problems.length > 0) {
    io.stderr(
      `vetted import: ${label} line ${problems[0]!.line} is ${problems[0]!.message}; the dataset is not changed. Fix or restore the file.\n`,
    )
    return null
  }
  return documents
}

async function exists(file: string): Promise<boolean> {
  try {
    await readFile(file)
    return true
  } catch {
    return false
  }
}

/** Why a file could not be read, in words ("does not exist"), not an errno code. */
function readFailure(error: unknown): string {
  const {code, message} = error as NodeJS.ErrnoException
  if (code === 'ENOENT') return 'does not exist'
  if (code === 'EISDIR') return 'is a directory, expected a file'
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read: permission denied'
  return `cannot be read (${code ?? message})`
}
