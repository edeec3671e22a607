import {mkdirSync, readdirSync, readFileSync, rmSync} from 'node:fs'
import path from 'node:path'
import {writeFileAtomic} from '../atomic-file.ts'
import {BUNDLE_ID} from './bundle-store.ts'

/**
 * Which store entry each article folder of a release links to, kept beside the releases in the export's cache
 * folder (`links-<release>`, a line `<slug> <store id>` per folder): what `readlink` on 10,000 folders says, read in
 * a few milliseconds. Written for each release a run publishes; read when the oldest release is recycled and when
 * the store is collected. A release's id fingerprints its manifest and its links follow from the manifest (the
 * `bundleId` of each article's files), so the file of an id is right for as long as that release exists; a missing
 * or unreadable one only means reading the links themselves.
 */

const PREFIX = 'links-'

function fileOf(cacheDir: string, release: string): string {
  return path.join(cacheDir, `${PREFIX}${release}`)
}

/** Records a release's links, unless they are recorded already. A failure is not the export's (only a cache). */
export function writeReleaseLinks(cacheDir: string, release: string, links: ReadonlyMap<string, string>): void {
  try {
    if (readReleaseLinks(cacheDir, release) !== null) return
    mkdirSync(cacheDir, {recursive: true})
    let text = ''
    for (const [slug, id] of links) text += `${slug} ${id}\n`
    writeFileAtomic(fileOf(cacheDir, release), `${text}${links.size}\n`)
  } catch {
    // The next run reads the links themselves.
  }
}

/** A release's links by slug, or null when they are not recorded (or the record is not whole). */
export function readReleaseLinks(cacheDir: string, release: string): Map<string, string> | null {
  let text: string
  try {
    text = readFileSync(fileOf(cacheDir, release), 'utf8')
  } catch {
    return null
  }
  const lines = text.split('\n')
  // The last line is the count: a record cut short is never taken for a release with fewer articles.
  if (lines.pop() !== '' || Number(lines.pop()) !== lines.length) return null
  const links = new Map<string, string>()
  for (const line of lines) {
    const space = line.indexOf(' ')
    const id = line.slice(space + 1)
    if (space <= 0 || !BUNDLE_ID.test(id)) return null
    links.set(line.slice(0, space), id)
  }
  return links
}

/** Removes the records of releases that are gone. */
export function dropReleaseLinks(cacheDir: string, releases: ReadonlySet<string>): void {
  let names: string[]
  try {
    names = readdirSync(cacheDir)
  } catch {
    return
  }
  for (const name of names) {
    if (name.startsWith(PREFIX) && !name.endsWith('.tmp') && !releases.has(name.slice(PREFIX.length)))
      rmSync(path.join(cacheDir, name), {force: true})
  }
}
