import {copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync} from 'node:fs'
import path from 'node:path'
import {verifyRelease, type VerifyProblem} from '../verify/verify-release.ts'

/**
 * A self-contained copy of a release: every article folder that links into the output's bundle store becomes a real
 * folder with real files, so the copy can be moved, uploaded or archived on its own (`cp -rL` does the same). The
 * copy is made beside `dest` under a temporary name, verified as a release outside an output folder (no links
 * allowed), and only then renamed to `dest`: a copy that exists is a complete, verified release.
 */
export function copyRelease(releaseDir: string, dest: string): {problems: VerifyProblem[]; files: number} {
  if (existsSync(dest)) throw new Error(`${dest} exists already; give a new folder`)
  const partial = path.join(path.dirname(dest), `.${path.basename(dest)}.partial-${process.pid}`)
  rmSync(partial, {recursive: true, force: true})
  try {
    copyFollowing(releaseDir, partial)
    const {problems, files} = verifyRelease(partial, {store: null})
    if (problems.length > 0) {
      rmSync(partial, {recursive: true, force: true})
      return {problems, files}
    }
    renameSync(partial, dest)
    return {problems, files}
  } catch (error) {
    rmSync(partial, {recursive: true, force: true})
    throw error
  }
}

/**
 * Copies a tree, following symbolic links at every depth (a link becomes a real folder or file). Written out here
 * because `fs.cpSync`'s `dereference` follows only the source itself and copies links inside the tree as links.
 * The release was verified or will be: the copy checks what it wrote, so nothing here needs to trust the links.
 */
function copyFollowing(from: string, to: string): void {
  mkdirSync(to)
  for (const name of readdirSync(from)) {
    const source = path.join(from, name)
    const stats = statSync(source)
    if (stats.isDirectory()) copyFollowing(source, path.join(to, name))
    else if (stats.isFile()) copyFileSync(source, path.join(to, name))
  }
}
