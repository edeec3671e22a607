import path from 'node:path'
import {resolveReleaseDir, verifyRelease} from '../../verify/verify-release.ts'
import {parseOptions} from '../options.ts'
import type {Command} from '../run.ts'

export const verifyCommand: Command = {
  name: 'verify',
  summary:
    'Check a release: every file present with its size and sha256, nothing extra, manifest and article.json valid',
  usage: `Usage: npx vetted verify [dir] [options]

Checks dir/current (the live release) or dir itself when it is a release directory; dir defaults to output.
Every file the manifest lists must be there with its size and sha256, nothing else, and manifest.json and every
article.json must validate against their schemas. Prints one line per problem, then a verdict.

Options:
  --json   print {release, articles, files, problems} as JSON; each problem is {file, message}, the file
           relative to the release

Exit codes:
  0  the release is intact
  1  problems found
  2  no release at dir

Example:
  npx vetted verify output --json`,
  async run(argv, io) {
    const options = parseOptions(argv, {accept: ['json'], positionals: {max: 1, name: 'directory'}})
    const given = options.positionals[0] ?? 'output'
    const releaseDir = resolveReleaseDir(path.resolve(io.cwd, given))
    if (releaseDir === null) {
      io.stderr(
        `vetted verify: no release at ${given}: expected ${given}/current/manifest.json or ${given}/manifest.json. Run \`npx vetted export\` first.\n`,
      )
      return 2
    }
    const result = verifyRelease(releaseDir)
    const relative = path.relative(io.cwd, releaseDir)
    const shown = relative === '' ? '.' : relative.startsWith('..') ? releaseDir : relative
    if (options.json) {
      io.stdout(
        `${JSON.stringify({release: shown, articles: result.articles, files: result.files, problems: result.problems}, null, 2)}\n`,
      )
    } else {
      for (const problem of result.problems) io.stdout(`${shown}/${problem.file}: ${problem.message}\n`)
      io.stdout(
        result.problems.length === 0
          ? `${shown}: OK, ${result.articles} articles, ${result.files} files verified\n`
          : `${shown}: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}\n`,
      )
    }
    return result.problems.length === 0 ? 0 : 1
  },
}
