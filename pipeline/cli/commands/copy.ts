import path from 'node:path'
import {copyRelease} from '../../store/copy-release.ts'
import {resolveReleaseDir} from '../../verify/verify-release.ts'
import {parseOptions} from '../options.ts'
import type {Command} from '../run.ts'

export const copyCommand: Command = {
  name: 'copy',
  summary: 'Copy a release as a self-contained folder of real files (article folders are links into OUT/store)',
  usage: `Usage: npx vetted copy <release-or-out> <dest>

Copies the live release of an output folder (its current) or a release directory to dest, a new folder, with real
files in place of the links its article folders are (they point into the output folder's bundle store), then
verifies the copy as \`vetted verify\` does. \`cp -rL OUT/current dest\` gives the same tree, unverified.

Options:
  --help   this text

Exit codes:
  0  copied and verified
  1  the copy does not verify (it is removed; the problems are listed)
  2  no release at the source, dest exists, or the copy could not be written

Example:
  npx vetted copy output site-2026-12-03`,
  async run(argv, io) {
    const options = parseOptions(argv, {
      accept: [],
      positionals: {min: 2, max: 2, name: 'source release (or output folder) and the destination'},
    })
    const [given, target] = options.positionals as [string, string]
    const releaseDir = resolveReleaseDir(path.resolve(io.cwd, given))
    if (releaseDir === null) {
      io.stderr(
        `vetted copy: no release at ${given}: expected ${given}/current/manifest.json or ${given}/manifest.json.\n`,
      )
      return 2
    }
    let result: ReturnType<typeof copyRelease>
    try {
      result = copyRelease(releaseDir, path.resolve(io.cwd, target))
    } catch (error) {
      io.stderr(`vetted copy: ${(error as Error).message}\n`)
      return 2
    }
    for (const problem of result.problems) io.stdout(`${target}/${problem.file}: ${problem.message}\n`)
    if (result.problems.length > 0) {
      io.stdout(`${target}: the copy does not verify (${result.problems.length} problems); removed\n`)
      return 1
    }
    io.stdout(`${target}: copied from ${given}, ${result.files} files verified\n`)
    return 0
  },
}
