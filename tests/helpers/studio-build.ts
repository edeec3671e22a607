import {spawnSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {existsSync, readdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

/**
 * The built Studio for the browser suite: `npm run studio:build` once, skipped when `studio/dist` was built from
 * exactly the current sources (a fingerprint of every file the build reads, kept in the build folder).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const STUDIO_DIST = join(ROOT, 'studio', 'dist')
const FINGERPRINT = join(STUDIO_DIST, '.vetted-sources')
const SOURCES = ['studio', 'schemas', 'pipeline/render', 'package-lock.json']
const SKIPPED = new Set(['dist', '.sanity', 'node_modules', 'dataset', 'demo.ts'])

function files(path: string): string[] {
  const full = join(ROOT, path)
  if (!existsSync(full)) return []
  if (!statSync(full).isDirectory()) return [full]
  return readdirSync(full, {withFileTypes: true, recursive: true})
    .filter((entry) => entry.isFile() && !entry.name.endsWith('.md'))
    .filter(
      (entry) =>
        !relative(full, join(entry.parentPath, entry.name))
          .split('/')
          .some((part) => SKIPPED.has(part)),
    )
    .map((entry) => join(entry.parentPath, entry.name))
}

function sourcesFingerprint(): string {
  const hash = createHash('sha256')
  for (const file of SOURCES.flatMap(files).sort()) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0')
  }
  return hash.digest('hex')
}

export function ensureStudioBuild(): {built: boolean; milliseconds: number} {
  const started = Date.now()
  const fingerprint = sourcesFingerprint()
  if (existsSync(FINGERPRINT) && readFileSync(FINGERPRINT, 'utf8') === fingerprint) {
    return {built: false, milliseconds: Date.now() - started}
  }
  const env = {...process.env, CI: 'true'}
  const result = spawnSync('npm', ['run', 'studio:build'], {cwd: ROOT, env, encoding: 'utf8', stdio: 'pipe'})
  if (result.status !== 0) throw new Error(`npm run studio:build failed:\n${result.stdout}\n${result.stderr}`)
  writeFileSync(FINGERPRINT, fingerprint)
  return {built: true, milliseconds: Date.now() - started}
}
