import {execFile} from 'node:child_process'
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {promisify} from 'node:util'
import {afterAll, describe, expect, it} from 'vitest'
import {runExport} from '../pipeline/export/index.ts'
import type {Manifest} from '../pipeline/export/release/manifest.ts'
import {createExportScheduler} from '../pipeline/serve/scheduler.ts'
import {startServer} from '../pipeline/serve/server.ts'
import {bundleId, bundleLink, linkedBundleId} from '../pipeline/store/bundle-store.ts'
import {readReleaseLinks} from '../pipeline/store/release-links.ts'
import {verifyRelease} from '../pipeline/verify/verify-release.ts'
import {testStages} from './helpers/export-doubles.ts'
import {
  articleIds,
  cleanerDone,
  editDocument,
  exportOptions,
  generatedDataset,
  readDocuments,
  tempDir,
  treeOf,
  writeDocuments,
} from './helpers/export-fixtures.ts'
import {send} from './helpers/serve-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * The release layout for one change (docs/export.md, "The output folder"): article folders are symlinks into a
 * content-addressed bundle store, deleting happens in a detached process after the command, and consumers get a
 * self-contained copy with `vetted copy` or `cp -rL`.
 */

const ROOT = path.resolve(fileURLToPath(new URL('..', import.meta.url)))

const options = exportOptions

const manifestOf = (release: string): Manifest =>
  JSON.parse(readFileSync(path.join(release, 'manifest.json'), 'utf8')) as Manifest

/** Edits the first article's title: one article changed. */
function touch(dataset: string, title: string): void {
  editDocument(dataset, articleIds(dataset)[0] as string, (document) => ({...document, title}))
}

describe('release layout: article folders link into the bundle store', () => {
  it('links every article folder to the store entry named after its files, the same targets in any folder', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 5)
    const result = await runExport(options(dir, dataset), testStages())
    const release = path.join(dir, 'out', result.release)
    for (const article of result.manifest.articles) {
      const folder = path.join(release, 'articles', article.slug as string)
      expect(lstatSync(folder).isSymbolicLink()).toBe(true)
      expect(readlinkSync(folder)).toBe(bundleLink(bundleId(article.files)))
      expect(existsSync(path.join(dir, 'out', 'store', bundleId(article.files), 'article.json'))).toBe(true)
    }
    expect(verifyRelease(release).problems).toEqual([])
    // Same input, another output folder: the same release id, the same links, the same store.
    const again = await runExport(options(dir, dataset, {outDir: path.join(dir, 'other')}), testStages())
    expect(again.releaseId).toBe(result.releaseId)
    expect(treeOf(path.join(dir, 'other'), 'releases')).toEqual(treeOf(path.join(dir, 'out'), 'releases'))
    expect(treeOf(path.join(dir, 'other'), 'store')).toEqual(treeOf(path.join(dir, 'out'), 'store'))
  })

  it('makes a one-article release of links: unchanged articles share the store entry, the changed one gets its own', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 4)
    const first = await runExport(options(dir, dataset), testStages())
    touch(dataset, 'A changed title')
    const second = await runExport(options(dir, dataset), testStages())
    expect(second.summary).toMatchObject({rendered: 1, reused: 3})
    const links = (result: typeof first) =>
      Object.fromEntries(
        result.manifest.articles.map((article) => [
          article.id,
          readlinkSync(path.join(dir, 'out', result.release, 'articles', article.slug as string)),
        ]),
      )
    const [before, after] = [links(first), links(second)]
    const changed = articleIds(dataset)[0] as string
    for (const id of articleIds(dataset)) expect(after[id] === before[id]).toBe(id !== changed)
    expect(readdirSync(path.join(dir, 'out', 'store'))).toHaveLength(5)
  })

  it('moves a live release of the layout before the store into it on the next run, by hard links', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const first = await runExport(options(dir, dataset), testStages())
    // Rewrite the live release as the old layout had it: real article folders, no store.
    const release = path.join(dir, 'out', first.release)
    for (const article of first.manifest.articles) {
      const folder = path.join(release, 'articles', article.slug as string)
      unlinkSync(folder)
      cpSync(path.join(dir, 'out', 'store', bundleId(article.files)), folder, {recursive: true})
    }
    rmSync(path.join(dir, 'out', 'store'), {recursive: true})
    expect(verifyRelease(release).problems).toEqual([])
    touch(dataset, 'After the upgrade')
    const second = await runExport(options(dir, dataset), testStages())
    expect(second.summary).toMatchObject({rendered: 1, reused: 2})
    expect(verifyRelease(path.join(dir, 'out', second.release)).problems).toEqual([])
    const kept = second.manifest.articles.find(
      (article) => article.id !== articleIds(dataset)[0],
    ) as Manifest['articles'][0]
    const stored = path.join(dir, 'out', 'store', bundleId(kept.files), 'article.json')
    expect(lstatSync(stored).ino).toBe(
      lstatSync(path.join(release, 'articles', kept.slug as string, 'article.json')).ino,
    )
  })
})

/** Two releases with `--keep 2`, their cleaner done, then a third export: it prunes the first. */
async function thirdReleaseAtKeepTwo() {
  const dir = tempDir()
  const dataset = await generatedDataset(dir, 30)
  const out = path.join(dir, 'out')
  for (const title of ['one', 'two']) {
    touch(dataset, title)
    await runExport(options(dir, dataset, {keep: 2}), testStages())
  }
  await cleanerDone(out)
  touch(dataset, 'three')
  const result = await runExport(options(dir, dataset, {keep: 2}), testStages())
  return {dir, dataset, out, result}
}

describe('pruning and store collection never delay the command', () => {
  it('renames pruned releases to trash, returns before they are deleted, and a detached cleaner deletes them', async () => {
    const {out, result} = await thirdReleaseAtKeepTwo()
    expect(result.prunedReleases).toHaveLength(1)
    expect(result.cleaner).toEqual(expect.any(Number))
    // The command has returned; the pruned release is out of releases/ but not deleted yet (the cleaner is a new
    // Node process, still starting), and the store entry only it linked to is in the trash with it.
    const releases = readdirSync(path.join(out, 'releases'))
    expect(releases.sort()).toEqual([result.releaseId, ...releases.filter((id) => id !== result.releaseId)].sort())
    expect(releases).toHaveLength(2)
    expect(releases).not.toContain(result.prunedReleases[0])
    expect(readdirSync(out).filter((name) => name.startsWith('.trash-'))).toHaveLength(2)
    await cleanerDone(out)
    const referenced = new Set(
      releases.flatMap((id) => manifestOf(path.join(out, 'releases', id)).articles.map((a) => bundleId(a.files))),
    )
    expect(new Set(readdirSync(path.join(out, 'store')))).toEqual(referenced)
    for (const id of releases) expect(verifyRelease(path.join(out, 'releases', id)).problems).toEqual([])
  })

  it('survives a cleaner killed mid-way: the half-deleted trash is never a release, and the next run cleans it', async () => {
    const {dir, dataset, out, result: pruning} = await thirdReleaseAtKeepTwo()
    process.kill(pruning.cleaner as number, 'SIGKILL')
    // What a cleaner killed mid-delete leaves: a trash folder with part of a release in it.
    const trash = readdirSync(out).filter((name) => name.startsWith('.trash-'))
    expect(trash.length).toBeGreaterThan(0)
    const half = path.join(out, trash[0] as string)
    if (existsSync(path.join(half, 'articles'))) rmSync(path.join(half, 'articles'), {recursive: true})
    expect(readdirSync(path.join(out, 'releases'))).toHaveLength(2)
    expect(verifyRelease(path.join(out, 'current')).problems).toEqual([])
    touch(dataset, 'four')
    const next = await runExport(options(dir, dataset, {keep: 2}), testStages())
    expect(next.removedLeftovers).toEqual(expect.arrayContaining(trash))
    await cleanerDone(out)
    expect(readdirSync(out).sort()).toEqual(['.cache', 'current', 'releases', 'store'])
    expect(readdirSync(path.join(out, 'releases'))).toHaveLength(2)
  })

  it('keeps a killed run from counting a half-built release: its staging folder is trashed, never kept', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 5)
    const out = path.join(dir, 'out')
    await runExport(options(dir, dataset, {keep: 1}), testStages())
    const dead = 4_194_305
    // A staging release a killed run left beside the releases, with its own links already.
    const staging = path.join(out, 'releases', `.staging-${dead}-1`)
    mkdirSync(path.join(staging, 'articles'), {recursive: true})
    touch(dataset, 'after the kill')
    const result = await runExport(options(dir, dataset, {keep: 1}), testStages())
    expect(result.removedLeftovers).toContain(`releases/.staging-${dead}-1`)
    expect(readdirSync(path.join(out, 'releases'))).toEqual([result.releaseId])
    await cleanerDone(out)
  })
})

describe('recycling the release the prune would remove', () => {
  /** Each release under `releases/` with its article folders' link targets and every other file's bytes. */
  const releaseTree = (out: string, id: string): Record<string, string> => treeOf(path.join(out, 'releases', id))

  it('takes its links over, fixing only those that differ: the same release as with every link made afresh', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 12)
    const out = path.join(dir, 'out')
    const ids = articleIds(dataset)
    const made: string[] = []
    for (const title of ['one', 'two', 'three']) {
      touch(dataset, title)
      made.push((await runExport(options(dir, dataset), testStages())).releaseId)
    }
    await cleanerDone(out)
    const oldest = made[0] as string
    const oldestManifest = manifestOf(path.join(out, 'releases', oldest))
    const entryOf = (id: string): Manifest['articles'][number] =>
      oldestManifest.articles.find((article) => article.id === id) as Manifest['articles'][number]
    const unchanged = entryOf(ids[6] as string).slug as string
    const inode = lstatSync(path.join(out, 'releases', oldest, 'articles', unchanged)).ino
    // The same output folder, for the same run without recycling (--keep 1).
    const plain = path.join(dir, 'plain')
    cpSync(out, plain, {recursive: true, verbatimSymlinks: true})
    // One changed, one moved to another slug, one gone, one blocked (its last good files kept): links to fix, add,
    // remove and keep, beside the unchanged ones.
    touch(dataset, 'four')
    editDocument(dataset, ids[1] as string, (document) => ({...document, slug: {_type: 'slug', current: 'moved-here'}}))
    writeDocuments(
      dataset,
      readDocuments(dataset).filter((document) => document._id !== ids[2]),
    )
    editDocument(dataset, ids[3] as string, (document) => ({...document, title: 'BROKEN on purpose'}))
    const result = await runExport(options(dir, dataset), testStages())
    expect(result.summary).toMatchObject({rendered: 2, kept: 1})
    // The oldest release went before the switch: reported pruned, its store entries collected with it.
    expect(result.prunedReleases).toEqual([oldest])
    const releases = readdirSync(path.join(out, 'releases')).sort()
    expect(releases).toEqual([result.releaseId, made[1], made[2]].sort())
    // The unchanged article's link is the oldest release's own symlink, moved over, not a new one.
    expect(lstatSync(path.join(out, 'releases', result.releaseId, 'articles', unchanged)).ino).toBe(inode)
    expect(
      existsSync(path.join(out, 'releases', result.releaseId, 'articles', entryOf(ids[2] as string).slug as string)),
    ).toBe(false)
    // The same release, byte for byte and link for link, as the run that made every link afresh.
    const fresh = await runExport(options(dir, dataset, {outDir: plain, keep: 1}), testStages())
    expect(fresh.releaseId).toBe(result.releaseId)
    expect(releaseTree(out, result.releaseId)).toEqual(releaseTree(plain, fresh.releaseId))
    await cleanerDone(out)
    for (const id of releases) expect(verifyRelease(path.join(out, 'releases', id)).problems).toEqual([])
    const referenced = new Set(
      releases.flatMap((id) =>
        manifestOf(path.join(out, 'releases', id))
          .articles.filter((article) => Object.keys(article.files).length > 0)
          .map((article) => bundleId(article.files)),
      ),
    )
    expect(new Set(readdirSync(path.join(out, 'store')))).toEqual(referenced)
  })

  it("records each release's links for the next runs, drops the records of releases gone, and reads the links when one is missing", async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 8)
    const out = path.join(dir, 'out')
    const cache = path.join(out, '.cache')
    const made: string[] = []
    for (const title of ['one', 'two', 'three']) {
      touch(dataset, title)
      made.push((await runExport(options(dir, dataset), testStages())).releaseId)
    }
    for (const id of made) {
      const release = path.join(out, 'releases', id, 'articles')
      const links = new Map(
        readdirSync(release).map((slug) => [slug, linkedBundleId(readlinkSync(path.join(release, slug)))]),
      )
      expect(readReleaseLinks(cache, id)).toEqual(links)
    }
    // A record cut short is not one.
    const record = path.join(cache, `links-${made[1]}`)
    const text = readFileSync(record, 'utf8')
    writeFileSync(record, text.slice(0, text.indexOf('\n') + 1))
    expect(readReleaseLinks(cache, made[1] as string)).toBeNull()
    // Without records, recycling and the store's collection read the links themselves, to the same result.
    for (const id of made) rmSync(path.join(cache, `links-${id}`))
    touch(dataset, 'four')
    const result = await runExport(options(dir, dataset), testStages())
    expect(result.prunedReleases).toEqual([made[0]])
    await cleanerDone(out)
    const releases = readdirSync(path.join(out, 'releases'))
    const referenced = releases.flatMap((id) =>
      manifestOf(path.join(out, 'releases', id)).articles.map((article) => bundleId(article.files)),
    )
    expect(new Set(readdirSync(path.join(out, 'store')))).toEqual(new Set(referenced))
    for (const id of releases) expect(verifyRelease(path.join(out, 'releases', id)).problems).toEqual([])
    touch(dataset, 'five')
    const next = await runExport(options(dir, dataset), testStages())
    expect(
      readdirSync(cache)
        .filter((name) => name.startsWith('links-'))
        .sort(),
    ).toEqual([`links-${next.releaseId}`, `links-${result.releaseId}`].sort())
    await cleanerDone(out)
  })

  it('recycles nothing with --keep 1 (the release to prune is the live one), nor when fewer releases than --keep', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 6)
    const out = path.join(dir, 'out')
    touch(dataset, 'one')
    const first = await runExport(options(dir, dataset, {keep: 1}), testStages())
    const slug = manifestOf(path.join(out, 'current')).articles[3]?.slug as string
    const inode = lstatSync(path.join(out, 'releases', first.releaseId, 'articles', slug)).ino
    touch(dataset, 'two')
    const second = await runExport(options(dir, dataset, {keep: 1}), testStages())
    expect(second.prunedReleases).toEqual([first.releaseId])
    expect(lstatSync(path.join(out, 'releases', second.releaseId, 'articles', slug)).ino).not.toBe(inode)
    touch(dataset, 'three')
    const third = await runExport(options(dir, dataset, {keep: 3}), testStages())
    expect(third.prunedReleases).toEqual([])
    expect(readdirSync(path.join(out, 'releases')).sort()).toEqual([second.releaseId, third.releaseId].sort())
    await cleanerDone(out)
  })

  it('leaves the live release and every kept one verifying when the run fails after recycling; the next run recovers', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 12)
    const out = path.join(dir, 'out')
    for (const title of ['one', 'two', 'three']) {
      touch(dataset, title)
      await runExport(options(dir, dataset), testStages())
    }
    await cleanerDone(out)
    const live = readlinkSync(path.join(out, 'current'))
    touch(dataset, 'four')
    // Stopped mid-work, after the oldest release's links moved into the staging release and some were fixed.
    const failing = runExport(options(dir, dataset), testStages(), {
      onProgress: (done) => {
        if (done === 6) throw new Error('stopped mid-way')
      },
    })
    await expect(failing).rejects.toThrow('stopped mid-way')
    expect(readlinkSync(path.join(out, 'current'))).toBe(live)
    // The oldest release is gone whole (the trade-off: one release fewer until the next export), never half.
    const kept = readdirSync(path.join(out, 'releases'))
    expect(kept).toHaveLength(2)
    for (const id of kept) expect(verifyRelease(path.join(out, 'releases', id)).problems).toEqual([])
    const next = await runExport(options(dir, dataset), testStages())
    await cleanerDone(out)
    expect(readdirSync(out).sort()).toEqual(['.cache', 'current', 'releases', 'store'])
    const releases = readdirSync(path.join(out, 'releases'))
    expect(releases).toHaveLength(3)
    expect(releases).toContain(next.releaseId)
    for (const id of releases) expect(verifyRelease(path.join(out, 'releases', id)).problems).toEqual([])
  })
})

describe('verify follows the links, and refuses links that escape', () => {
  async function exported(): Promise<{dir: string; release: string; slug: string; manifest: Manifest}> {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const result = await runExport(options(dir, dataset), testStages())
    const slug = result.manifest.articles[0]?.slug as string
    return {dir, release: path.join(dir, 'out', result.release), slug, manifest: result.manifest}
  }

  it('finds a changed file in the store through the link', async () => {
    const {release, slug} = await exported()
    writeFileSync(path.join(release, 'articles', slug, 'article.txt'), 'changed\n')
    expect(verifyRelease(release).problems).toEqual([
      {file: `articles/${slug}/article.txt`, message: expect.stringMatching(/bytes, manifest.json says|sha256/)},
    ])
  })

  it('reports a dangling link and a link leading outside the store', async () => {
    const {dir, release, slug, manifest} = await exported()
    const other = manifest.articles[1]?.slug as string
    rmSync(path.join(dir, 'out', 'store', bundleId(manifest.articles[0]?.files ?? {})), {recursive: true})
    const outside = path.join(dir, 'elsewhere')
    cpSync(path.join(release, 'articles', other), outside, {recursive: true, dereference: true})
    unlinkSync(path.join(release, 'articles', other))
    symlinkSync(outside, path.join(release, 'articles', other))
    const problems = verifyRelease(release).problems
    expect(problems).toContainEqual({file: `articles/${slug}/`, message: expect.stringMatching(/does not exist/)})
    expect(problems).toContainEqual({file: `articles/${other}/`, message: expect.stringMatching(/outside the output/)})
  })

  it('refuses links in a release outside an output folder: a copy must hold real files', async () => {
    const {dir, release} = await exported()
    const moved = path.join(dir, 'moved')
    renameSync(release, moved)
    expect(verifyRelease(moved).problems.length).toBeGreaterThan(0)
  })
})

describe('a self-contained copy', () => {
  it('`vetted copy` materialises the live release with real files and verifies it; `cp -rL` gives the same tree', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 3)
    const result = await runExport(options(dir, dataset), testStages())
    const vetted = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.join(ROOT, 'bin', 'vetted.js'), ...args], {cwd: dir})
    const {stdout} = await vetted('copy', 'out', 'site')
    expect(stdout).toMatch(/^site: copied from out, \d+ files verified\n$/)
    const site = path.join(dir, 'site')
    for (const article of result.manifest.articles)
      expect(lstatSync(path.join(site, 'articles', article.slug as string)).isDirectory()).toBe(true)
    expect(verifyRelease(site, {store: null}).problems).toEqual([])
    // The documented shell way: `cp -rL OUT/current DEST`.
    await promisify(execFile)('cp', ['-rL', 'out/current', 'site-cp'], {cwd: dir})
    expect(treeOf(path.join(dir, 'site-cp'))).toEqual(treeOf(site))
    // A destination that exists is refused (exit 2), nothing written.
    await expect(vetted('copy', 'out', 'site')).rejects.toMatchObject({code: 2})
  })
})

describe('serve follows the links into the store, and no further', () => {
  it('serves article files through their links, and 404s a link leading elsewhere in the output folder', async () => {
    const dir = tempDir()
    const dataset = await generatedDataset(dir, 2)
    const result = await runExport(options(dir, dataset), testStages())
    const out = path.join(dir, 'out')
    const release = path.join(out, result.release)
    const slug = result.manifest.articles[0]?.slug as string
    writeFileSync(path.join(out, 'secret.txt'), 'outside the release\n')
    symlinkSync('../../../secret.txt', path.join(release, 'articles', 'leak'))
    symlinkSync('../../../.cache', path.join(release, 'articles', 'cache'))
    const run = () => Promise.reject(new Error('no export here'))
    const server = await startServer({outDir: out, scheduler: createExportScheduler({run})})
    try {
      const page = await send(server.url, `/articles/${slug}/`)
      expect(page.status).toBe(200)
      const sha = result.manifest.articles[0]?.files['index.html']?.sha256
      expect(page.headers.etag).toBe(`"${sha}"`)
      for (const attempt of ['/articles/leak', '/articles/cache/', '/store/'])
        expect((await send(server.url, attempt)).status, attempt).toBe(404)
    } finally {
      await server.close()
    }
  })
})
