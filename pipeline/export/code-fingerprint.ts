import {createHash} from 'node:crypto'
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * A fingerprint of the code that decides what an article's files contain (render, validation, the shared rules).
 * It joins RENDERER_VERSION in the incremental cache key, so a code change that forgot to bump the version still
 * re-renders everything instead of reusing stale files. Paths are hashed relative to the project, so the
 * fingerprint is the same on every machine.
 */
export function codeFingerprint(directories: readonly string[], root = fileURLToPath(new URL('../..', import.meta.url))): string {
  const hash = createHash('sha256')
  for (const directory of directories) {
    for (const file of sourceFiles(path.join(root, directory))) {
      hash.update(`${path.relative(root, file).split(path.sep).join('/')}\0`)
      hash.update(readFileSync(file))
      hash.update('\0')
    }
  }
  return hash.digest('hex').slice(0, 12)
}

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && /\.(ts|json|js|csl|xml)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
}
