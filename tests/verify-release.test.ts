import {createHash} from 'node:crypto'
import {mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, unlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {afterAll, beforeEach, describe, expect, it} from 'vitest'
import {verifyCommand} from '../pipeline/cli/commands/verify.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {runExport} from '../pipeline/export/index.ts'
import {linkedFromLive, liveBundles, readPreviousRelease} from '../pipeline/export/release/staging.ts'
import {resolveReleaseDir, verifyRelease, type VerifyResult} from '../pipeline/verify/verify-release.ts'
import {testStages} from './helpers/export-doubles.ts'
import {exportOptions, generatedDataset, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/** `vetted verify`: a publishing job's check before it pulls. Each kind of damage gives one line naming the file. */

let out: string
let release: string
let slug: string

async function freshRelease(stages = testStages()): Promise<void> {
  const dir = tempDir('vetted-verify-')
  const dataset = await generatedDataset(dir, 3)
  const result = await runExport(exportOptions(dir, dataset), stages)
  out = path.join(dir, 'out')
  release = path.join(out, result.release)
  slug = String(result.manifest.articles[0]?.slug)
}

const file = (name: string) => path.join(release, 'articles', slug, name)

beforeEach(async () => {
  await freshRelease()
})

describe('verify', () => {
  it('accepts an intact release, found through the output folder or given directly', () => {
    expect(resolveReleaseDir(out)).toBe(release)
    expect(resolveReleaseDir(release)).toBe(release)
    expect(resolveReleaseDir(path.join(out, 'nowhere'))).toBeNull()
    expect(verifyRelease(release)).toMatchObject({articles: 3, files: 3 * 5 + 4, problems: []})
  })

  it('reports a file whose bytes changed but not its size', () => {
    const text = readFileSync(file('article.md'), 'utf8')
    writeFileSync(
      file('article.md'),
      text.replace(/.$/s, (char) => (char === 'x' ? 'y' : 'x')),
    )
    expect(problemLines(verifyRelease(release))).toEqual([
      `articles/${slug}/article.md: sha256 differs from manifest.json (the file was changed)`,
    ])
  })

  it('reports a file whose size changed', () => {
    writeFileSync(file('article.txt'), 'short\n')
    expect(problemLines(verifyRelease(release))).toEqual([
      expect.stringMatching(new RegExp(`^articles/${slug}/article\\.txt: 6 bytes, manifest\\.json says \\d+$`)),
    ])
  })

  it('reports missing files, extra files and extra folders', () => {
    unlinkSync(file('fragment.html'))
    writeFileSync(path.join(release, 'notes.txt'), 'left behind\n')
    mkdirSync(path.join(release, 'articles', 'stray'))
    expect(problemLines(verifyRelease(release))).toEqual([
      `articles/${slug}/fragment.html: listed in manifest.json but missing`,
      'articles/stray/: not listed in manifest.json',
      'notes.txt: not listed in manifest.json',
    ])
  })

  it('reports a file replaced by a symbolic link', () => {
    rmSync(file('article.txt'))
    symlinkSync('/etc/hostname', file('article.txt'))
    expect(problemLines(verifyRelease(release))).toEqual([
      `articles/${slug}/article.txt: is a symbolic link; a release holds only regular files`,
    ])
  })

  it('checks the top-level files too (catalogue and schemas)', () => {
    writeFileSync(path.join(release, 'index.html'), '<!doctype html><title>x</title>\n')
    expect(problemLines(verifyRelease(release))).toEqual([
      expect.stringMatching(/^index\.html: \d+ bytes, manifest\.json says \d+$/),
    ])
  })

  it('validates manifest.json against the manifest schema', () => {
    const manifest = JSON.parse(readFileSync(path.join(release, 'manifest.json'), 'utf8')) as Record<string, unknown>
    writeFileSync(path.join(release, 'manifest.json'), JSON.stringify({...manifest, schemaVersion: 2, surprise: true}))
    expect(problemLines(verifyRelease(release))).toEqual([
      'manifest.json: (top level) must NOT have additional properties (`surprise`)',
      'manifest.json: /schemaVersion must be equal to constant',
    ])
  })

  it('validates every article.json against the release article schema', () => {
    writeFileSync(file('article.json'), '{"id": "x"}\n')
    expect(problemLines(verifyRelease(release))).toEqual([
      expect.stringMatching(new RegExp(`^articles/${slug}/article\\.json: 12 bytes, manifest\\.json says \\d+$`)),
      `articles/${slug}/article.json: (top level) must have required property 'title'`,
      `articles/${slug}/article.json: (top level) must have required property 'asOf'`,
    ])
  })

  it('takes a manifest the caller wrote (writtenManifest) for its value only when the file hashes to the bytes written', () => {
    const manifestFile = path.join(release, 'manifest.json')
    const bytes = readFileSync(manifestFile)
    const value = JSON.parse(bytes.toString('utf8')) as {schemaVersion: number; surprise?: boolean}
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    expect(verifyRelease(release, {writtenManifest: {value, sha256}}).problems).toEqual([])
    // The value is still checked against the manifest schema: one the serializer would have written wrong is refused.
    const wrong = {...value, schemaVersion: 2, surprise: true}
    expect(problemLines(verifyRelease(release, {writtenManifest: {value: wrong, sha256}}))).toEqual([
      'manifest.json: (top level) must NOT have additional properties (`surprise`)',
      'manifest.json: /schemaVersion must be equal to constant',
    ])
    // A file that is not the bytes written (changed on disk after the export hashed them) is refused outright.
    writeFileSync(manifestFile, `${bytes.toString('utf8')} `)
    expect(problemLines(verifyRelease(release, {writtenManifest: {value, sha256}}))).toEqual([
      'manifest.json: differs from the manifest the export wrote (sha256)',
    ])
    // Without it the file itself is parsed, as `vetted verify` does: the same bytes plus a space are a valid manifest.
    expect(verifyRelease(release).problems).toEqual([])
  })

  it('checks the files of bundles the caller wrote itself (isWrittenBundle) by presence and size, not bytes', () => {
    const id = path.basename(realpathSync(path.join(release, 'articles', slug)))
    const text = readFileSync(file('article.md'), 'utf8')
    writeFileSync(
      file('article.md'),
      text.replace(/.$/s, (char) => (char === 'x' ? 'y' : 'x')),
    )
    const written = {isWrittenBundle: (bundle: string) => bundle === id}
    expect(problemLines(verifyRelease(release, written))).toEqual([])
    unlinkSync(file('fragment.html'))
    writeFileSync(file('article.txt'), 'short\n')
    writeFileSync(file('notes.txt'), 'left behind\n')
    expect(problemLines(verifyRelease(release, written))).toEqual([
      expect.stringMatching(new RegExp(`^articles/${slug}/article\\.txt: 6 bytes, manifest\\.json says \\d+$`)),
      `articles/${slug}/fragment.html: listed in manifest.json but missing`,
      `articles/${slug}/notes.txt: not listed in manifest.json`,
    ])
  })
})

describe('the export checks article.json before writing it', () => {
  it('blocks an article whose article.json its schema refuses; the others are exported and the release verifies', async () => {
    const stages = testStages()
    const dir = tempDir('vetted-verify-')
    const dataset = await generatedDataset(dir, 3)
    let rendered = 0
    const result = await runExport(exportOptions(dir, dataset), {
      ...stages,
      renderArticle: async (input) => {
        const files = (await stages.renderArticle(input)).files
        // The first article rendered gets an article.json the stand-in schema refuses (no title, no asOf).
        return {files: rendered++ === 0 ? {...files, 'article.json': '{"id": "x"}\n'} : files, messages: []}
      },
    })
    expect(result.summary).toMatchObject({rendered: 2, blocked: 1})
    const blocked = result.findings.flatMap((article) => article.findings).filter((f) => f.severity === 'error')
    expect(blocked.map((finding) => [finding.ruleId, finding.reason])).toEqual([
      [
        'export-article-failed',
        "The pipeline wrote an article.json its schema refuses ((top level) must have required property 'title'; (top level) must have required property 'asOf').",
      ],
    ])
    expect(verifyRelease(path.join(dir, 'out', result.release)).problems).toEqual([])
  })
})

/** A problem as the text output prints it (after the release directory). */
function problemLines(result: VerifyResult): string[] {
  return result.problems.map((problem) => `${problem.file}: ${problem.message}`)
}

describe('verify with the live release trusted, as the export checks its staged release', () => {
  const trustingLive = () => {
    const previous = readPreviousRelease(out)
    return {isVerifiedBundle: liveBundles(previous), isVerified: linkedFromLive(previous)}
  }

  it('does not read again an article folder linked to a live store entry holding the files the manifest lists', () => {
    const options = trustingLive()
    expect(verifyRelease(release, options)).toMatchObject({articles: 3, files: 3 * 5 + 4, problems: []})
    // Store entries never change, so a damaged one is not looked at: the full check still finds it.
    writeFileSync(file('article.txt'), 'short\n')
    expect(verifyRelease(release, options).problems).toEqual([])
    expect(problemLines(verifyRelease(release))).toHaveLength(1)
  })

  it('checks a linked folder file by file when the manifest lists other files than the live entry holds', () => {
    const options = trustingLive()
    const manifestFile = path.join(release, 'manifest.json')
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
      articles: Array<{slug: string; files: Record<string, {bytes: number}>}>
    }
    const record = manifest.articles.find((article) => article.slug === slug)?.files['article.txt']
    if (!record) throw new Error('the fixture has no article.txt')
    record.bytes += 1
    writeFileSync(manifestFile, JSON.stringify(manifest))
    expect(problemLines(verifyRelease(release, options))).toEqual([
      `articles/${slug}/article.txt: ${record.bytes - 1} bytes, manifest.json says ${record.bytes}`,
    ])
  })
})

describe('the verify command', () => {
  function capture() {
    const io = {
      stdout: (text: string) => void stdout.push(text),
      stderr: (text: string) => void stderr.push(text),
      env: {},
      cwd: path.dirname(out),
      isTty: false,
    }
    const stdout: string[] = []
    const stderr: string[] = []
    return {io, stdout, stderr}
  }

  it('prints OK and exits 0 for an intact release', async () => {
    const {io, stdout} = capture()
    expect(await runCommand(['verify', 'out'], [verifyCommand], io)).toBe(0)
    expect(stdout.join('')).toMatch(/^out\/releases\/[0-9a-f]{16}: OK, 3 articles, 19 files verified\n$/)
  })

  it('prints one line per problem and exits 1', async () => {
    unlinkSync(file('article.md'))
    writeFileSync(file('article.txt'), 'x\n')
    const {io, stdout} = capture()
    expect(await runCommand(['verify', 'out'], [verifyCommand], io)).toBe(1)
    const lines = stdout.join('').trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[2]).toMatch(/: 2 problems$/)
  })

  it('gives problem objects with --json, the same problems the text lists', async () => {
    unlinkSync(file('article.md'))
    const {io, stdout} = capture()
    expect(await runCommand(['verify', 'out', '--json'], [verifyCommand], io)).toBe(1)
    const json = JSON.parse(stdout.join('')) as {problems: unknown[]}
    expect(json.problems).toEqual([
      {file: `articles/${slug}/article.md`, message: 'listed in manifest.json but missing'},
    ])
  })

  it('exits 2 when there is no release', async () => {
    const {io, stderr} = capture()
    expect(await runCommand(['verify', 'missing'], [verifyCommand], io)).toBe(2)
    expect(stderr.join('')).toContain('no release at missing')
  })
})
