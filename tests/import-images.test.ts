import {createHash} from 'node:crypto'
import {copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {commands} from '../pipeline/cli/commands/index.ts'
import {runCommand} from '../pipeline/cli/run.ts'
import {importMarkdownFiles, parseNdjson, writeImages, type DatasetDocument} from '../pipeline/import/index.ts'
import {figureCreditLine, readFigureCreditLine} from '../pipeline/render/formats/figure-credit-line.ts'
import {makeTempDir, removeTempDirs} from './helpers/temp-dirs.ts'
import {embeddedDataset} from './import-support.ts'

afterAll(removeTempDirs)

const root = fileURLToPath(new URL('..', import.meta.url))
const fixtures = path.join(root, 'tests/fixtures/import')
const png = readFileSync(path.join(fixtures, 'images/hand-washing-steps.png'))
const svg = readFileSync(path.join(fixtures, 'images/soap-pump.svg'))
const sha1 = (bytes: Uint8Array) => createHash('sha1').update(bytes).digest('hex')
// The PNG's size as its IHDR chunk states it (bytes 16–23), read here without the import's image library.
const pngName = `${sha1(png)}-${png.readUInt32BE(16)}x${png.readUInt32BE(20)}.png`
// The SVG fixture says width="48" height="64".
const svgName = `${sha1(svg)}-48x64.svg`
const dataset = embeddedDataset()

const FRONT = '---\ntitle: Washing your hands\nslug: washing-hands\nlanguage: en\nauthors: [Lena Fischer]\n---\n\n'

/** Imports one Markdown text as the file `name` under `cwd` (the import root unless `imageRoot` is given). */
async function importText(markdown: string, options: {cwd?: string; name?: string; imageRoot?: string} = {}) {
  const result = await importMarkdownFiles(
    [{path: options.name ?? 'tests/fixtures/import/article.md', value: `${FRONT}${markdown}\n`}],
    dataset,
    {cwd: options.cwd ?? root, ...(options.imageRoot ? {imageRoot: options.imageRoot} : {})},
  )
  const file = result.files[0]!
  const article = result.documents.find((document) => document._id === 'article.washing-hands')
  return {result, file, body: (article?.body ?? []) as Array<Record<string, unknown>>, article}
}

const findings = (file: {messages: Array<{line?: number | null; column?: number | null; ruleId?: string | null}>}) =>
  file.messages.map((message) => `${message.line}:${message.column}:${message.ruleId}`)

/** A folder holding a Markdown file's images as a writer keeps them: `article.md` and `images/…`. */
function writerFolder(): string {
  const dir = makeTempDir('vetted-import-images-')
  mkdirSync(path.join(dir, 'drafts/images'), {recursive: true})
  copyFileSync(path.join(fixtures, 'images/hand-washing-steps.png'), path.join(dir, 'drafts/images/steps.png'))
  return dir
}

describe('Markdown images become figures', () => {
  it('copies a local PNG and SVG under the export-format name <sha1>-<w>x<h>.<ext>, alt from the description, caption from the title', async () => {
    const {result, file, body} = await importText(
      readFileSync(path.join(fixtures, 'images.md'), 'utf8').replace(/^---[\s\S]*?---\n/, ''),
    )
    expect(body.filter((block) => block._type === 'figure')).toEqual([
      {
        _type: 'figure',
        _key: expect.stringMatching(/^[0-9a-f]{12}$/),
        _sanityAsset: `image@file://./images/${pngName}`,
        alt: 'Six dots in a row, one for each step of hand washing',
        caption: 'Each step takes a few seconds.',
      },
      {_type: 'figure', _key: expect.any(String), _sanityAsset: `image@file://./images/${svgName}`, alt: 'A soap pump'},
      {
        _type: 'figure',
        _key: expect.any(String),
        _sanityAsset: `image@file://./images/${svgName}`,
        alt: '',
        caption: 'The same pump, shown again.',
      },
    ])
    expect(result.images.map((image) => [image.name, image.file])).toEqual([
      [pngName, 'tests/fixtures/import/article.md'],
      [svgName, 'tests/fixtures/import/article.md'],
    ])
    expect(Buffer.from(result.images[0]!.bytes).equals(png)).toBe(true)
    // An empty description is imported as empty, never as "decorative": the figure rule reports it, not the import.
    expect(findings(file)).toEqual(['13:32:image-in-paragraph'])
  })

  it('never fills in credit, licence or publisher ownership', async () => {
    const {body} = await importText('![Steps](images/hand-washing-steps.png "Steps")')
    expect(Object.keys(body[0]!).sort()).toEqual(['_key', '_sanityAsset', '_type', 'alt', 'caption'])
  })

  it('reads credit, licence, ownership and the decorative choice from the export’s credit line directly under an image', async () => {
    const {body, file} = await importText(
      [
        '![Steps](images/hand-washing-steps.png "Steps")',
        '',
        '_Credit: Jane Doe (photo) · Northfield · Licence: CC BY 4.0_',
        '',
        '![](images/hand-washing-steps.png)',
        '',
        '*Decorative image · Credit: Northfield Health Library · Owned by the publisher*',
      ].join('\n'),
    )
    expect(body.map(({_key, _sanityAsset, ...rest}) => rest)).toEqual([
      {_type: 'figure', alt: 'Steps', caption: 'Steps', credit: 'Jane Doe (photo) · Northfield', licence: 'CC BY 4.0'},
      {_type: 'figure', alt: '', credit: 'Northfield Health Library', publisherOwned: true, decorative: true},
    ])
    expect(findings(file)).toEqual([])
  })

  it('reads nothing else as a credit: other italic lines, a credit line away from an image, or under an image in text', async () => {
    const {body} = await importText(
      [
        '![Steps](images/hand-washing-steps.png)',
        '',
        '_Photo: Jane Doe (CC BY 4.0)_',
        '',
        'A paragraph.',
        '',
        '_Credit: Jane Doe · Licence: CC BY 4.0_',
        '',
        'See ![Steps](images/hand-washing-steps.png) here.',
        '',
        '_Licence: CC BY 4.0 · Credit: Jane Doe_',
      ].join('\n'),
    )
    expect(body.filter((block) => block._type === 'figure').map((figure) => Object.keys(figure).sort())).toEqual([
      ['_key', '_sanityAsset', '_type', 'alt'],
      ['_key', '_sanityAsset', '_type', 'alt'],
    ])
    expect(body.filter((block) => block._type === 'block').map(readText)).toEqual([
      'Photo: Jane Doe (CC BY 4.0)',
      'A paragraph.',
      'Credit: Jane Doe · Licence: CC BY 4.0',
      'See',
      'here.',
      'Licence: CC BY 4.0 · Credit: Jane Doe',
    ])
  })

  it('takes the image under the byline as the lead image when the front matter names it `leadImage`', async () => {
    const front = (lead: string) => FRONT.replace('\n---\n', `\nleadImage: ${lead}\n---\n`)
    const lead = [
      '# Washing your hands',
      '',
      'Written by Lena Fischer.',
      '',
      '![Steps](images/hand-washing-steps.png "At a glance")',
      '',
      '_Credit: Northfield Health Library · Owned by the publisher_',
      '',
      'Wash your hands often.',
    ].join('\n')
    const imported = await importMarkdownFiles(
      [{path: 'tests/fixtures/import/article.md', value: `${front('images/hand-washing-steps.png')}${lead}\n`}],
      dataset,
      {cwd: root},
    )
    const article = imported.documents.find((document) => document._id === 'article.washing-hands')!
    expect(article.leadImage).toEqual({
      _type: 'figure',
      _sanityAsset: `image@file://./images/${pngName}`,
      alt: 'Steps',
      caption: 'At a glance',
      credit: 'Northfield Health Library',
      publisherOwned: true,
    })
    expect((article.body as Array<Record<string, unknown>>).map((block) => block._type)).toEqual(['block'])
    expect(imported.images.map((image) => image.name)).toEqual([pngName])

    // Named but not there: reported, and the image stays a figure of the body.
    const elsewhere = await importMarkdownFiles(
      [{path: 'tests/fixtures/import/article.md', value: `${front('images/other.png')}${lead}\n`}],
      dataset,
      {cwd: root},
    )
    const body = elsewhere.documents.find((document) => document._id === 'article.washing-hands')!
    expect(body.leadImage).toBeUndefined()
    expect((body.body as Array<Record<string, unknown>>).map((block) => block._type)).toEqual(['figure', 'block'])
    expect(elsewhere.files[0]!.messages.map((message) => message.ruleId)).toContain('lead-image-placement')
  })

  it('splits a paragraph around an image: text before, the figure, text after, in the writer’s order', async () => {
    const {body, file} = await importText('Wet your hands. ![Steps](images/hand-washing-steps.png) Then dry them.')
    expect(body.map((block) => (block._type === 'figure' ? 'figure' : readText(block)))).toEqual([
      'Wet your hands.',
      'figure',
      'Then dry them.',
    ])
    expect(findings(file)).toEqual(['8:17:image-in-paragraph'])
    expect(file.messages[0]!.fatal).toBeUndefined()
  })

  it('puts an image inside a heading, a list item or a link after that block, and says so', async () => {
    const {body, file} = await importText(
      [
        '## Steps ![Steps](images/hand-washing-steps.png)',
        '',
        '- First ![Pump](images/soap-pump.svg)',
        '- Second',
        '',
        'See [the chart ![Steps](images/hand-washing-steps.png)](https://example.org/).',
      ].join('\n'),
    )
    expect(body.map((block) => (block._type === 'figure' ? `figure:${String(block.alt)}` : readText(block)))).toEqual([
      'Steps',
      'figure:Steps',
      'First',
      'figure:Pump',
      'Second',
      'See the chart.',
      'figure:Steps',
    ])
    expect(findings(file)).toEqual(['8:10:image-placement', '10:9:image-placement', '13:16:image-placement'])
    expect(file.messages[2]!.reason).toContain('without the link')
    expect(new Set(body.map((block) => block._key)).size).toBe(body.length)
  })

  it('reads paths relative to the Markdown file, percent-escapes decoded, query and fragment dropped', async () => {
    const dir = writerFolder()
    copyFileSync(path.join(fixtures, 'images/soap-pump.svg'), path.join(dir, 'drafts/images/soap pump.svg'))
    const {body, file} = await importText(
      '![Steps](images/steps.png?v=2)\n\n![Pump](<images/soap pump.svg>)\n\n![Pump](images/soap%20pump.svg#top)',
      {
        cwd: dir,
        name: 'drafts/article.md',
      },
    )
    expect(findings(file)).toEqual([])
    expect(body.map((block) => block._sanityAsset)).toEqual([
      `image@file://./images/${pngName}`,
      `image@file://./images/${svgName}`,
      `image@file://./images/${svgName}`,
    ])
  })
})

describe('image types', () => {
  it('names JPEG, WebP and GIF files as Sanity does (`jpg`, `webp`, `gif`), from their bytes, not their names', async () => {
    const dir = makeTempDir('vetted-import-types-')
    mkdirSync(path.join(dir, 'drafts'))
    const {default: sharp} = await import('sharp')
    const canvas = () => sharp({create: {width: 30, height: 20, channels: 3, background: '#2b6777'}})
    const files = {
      'photo.jpeg': await canvas().jpeg().toBuffer(),
      'photo.webp': await canvas().webp().toBuffer(),
      'photo.gif': await canvas().gif().toBuffer(),
      // A JPEG saved with the wrong extension is still a JPEG.
      'mislabelled.png': await canvas().jpeg({quality: 50}).toBuffer(),
      'scan.tiff': await canvas().tiff().toBuffer(),
    }
    for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(dir, 'drafts', name), bytes)
    const markdown = Object.keys(files)
      .filter((name) => name !== 'scan.tiff')
      .map((name) => `![A ${name}](${name})`)
      .join('\n\n')
    const {body, file} = await importText(markdown, {cwd: dir, name: 'drafts/article.md'})
    expect(body.map((block) => block._sanityAsset)).toEqual([
      `image@file://./images/${sha1(files['photo.jpeg'])}-30x20.jpg`,
      `image@file://./images/${sha1(files['photo.webp'])}-30x20.webp`,
      `image@file://./images/${sha1(files['photo.gif'])}-30x20.gif`,
      `image@file://./images/${sha1(files['mislabelled.png'])}-30x20.jpg`,
    ])
    expect(findings(file)).toEqual([])
    const tiff = await importText('Intro.\n\n![A scan](scan.tiff)', {cwd: dir, name: 'drafts/article.md'})
    expect(findings(tiff.file)).toEqual(['10:1:image-unsupported'])
    expect(tiff.file.messages[0]!.reason).toContain('It is a TIFF image; figures hold PNG, JPEG, WebP, GIF or SVG.')
  })
})

describe('images the import cannot take', () => {
  it('a missing file is an error at its file:line:column, and the file is not imported', async () => {
    const {result, file} = await importText('Intro.\n\n![Steps](images/no-such-file.png)')
    expect(findings(file)).toEqual(['10:1:image-missing'])
    expect(file.messages[0]!.fatal).toBe(true)
    expect(file.messages[0]!.source).toBe('vetted:import')
    expect(file.messages[0]!.reason).toContain(
      'The image `images/no-such-file.png` cannot be imported: There is no such file (looked for tests/fixtures/import/images/no-such-file.png).',
    )
    expect(result.articles).toEqual([])
    expect(result.changes).toEqual([])
    expect(result.images).toEqual([])
  })

  it('a remote image is reported and never fetched: the figure keeps its alt and caption but has no file', async () => {
    const fetched: unknown[] = []
    const realFetch = globalThis.fetch
    globalThis.fetch = ((...args: unknown[]) => {
      fetched.push(args)
      return Promise.reject(new Error('no network in this test'))
    }) as typeof fetch
    try {
      const {body, file, result} = await importText('![Steps](https://example.org/steps.png "How to wash")')
      expect(fetched).toEqual([])
      expect(findings(file)).toEqual(['8:1:image-remote'])
      expect(file.messages[0]!.fatal).toBe(false)
      expect(body).toEqual([{_type: 'figure', _key: expect.any(String), alt: 'Steps', caption: 'How to wash'}])
      expect(result.images).toEqual([])
    } finally {
      globalThis.fetch = realFetch
    }
  })

  it.each([
    ['an absolute path', '/etc/hosts', 'image-path'],
    ['a file: URL', 'file:///etc/hosts', 'image-path'],
    ['a data: URL', 'data:image/png;base64,iVBORw0KGgo=', 'image-path'],
    ['a protocol-relative URL', '//example.org/steps.png', 'image-path'],
    ['a path out of the import root', '../../../../../etc/hosts', 'image-outside-root'],
  ])('%s is refused with an error', async (_, url, ruleId) => {
    const {file, result} = await importText(`Intro.\n\n![Steps](${url})`)
    expect(findings(file)).toEqual([`10:1:${ruleId}`])
    expect(file.messages[0]!.fatal).toBe(true)
    expect(result.images).toEqual([])
  })

  it('a symbolic link out of the import root is refused, whatever its name', async () => {
    const dir = writerFolder()
    const outside = makeTempDir('vetted-import-outside-')
    copyFileSync(path.join(fixtures, 'images/hand-washing-steps.png'), path.join(outside, 'secret.png'))
    symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'drafts/images/link.png'))
    const {file} = await importText('Intro.\n\n![Steps](images/link.png)', {cwd: dir, name: 'drafts/article.md'})
    expect(findings(file)).toEqual(['10:1:image-outside-root'])
  })

  it('the import root can be narrowed: an image beside the Markdown but outside --image-root is refused', async () => {
    const dir = writerFolder()
    const {file} = await importText('Intro.\n\n![Steps](images/steps.png)', {
      cwd: dir,
      name: 'drafts/article.md',
      imageRoot: path.join(dir, 'elsewhere'),
    })
    expect(findings(file)).toEqual(['10:1:image-outside-root'])
  })

  it('a file that is not a PNG, JPEG, WebP, GIF or SVG is refused, whatever its extension', async () => {
    const {file} = await importText('Intro.\n\n![Notes](images/notes.png)')
    expect(findings(file)).toEqual(['10:1:image-unsupported'])
    expect(file.messages[0]!.reason).toContain('PNG, JPEG, WebP, GIF or SVG')
  })
})

describe('writing the images beside the dataset', () => {
  it('writes each file once into images/, leaves identical files alone and replaces a corrupted one', async () => {
    const dir = makeTempDir('vetted-import-write-')
    const datasetFile = path.join(dir, 'dataset.ndjson')
    const {result} = await importText(
      '![Steps](images/hand-washing-steps.png)\n\n![Again](images/hand-washing-steps.png)\n\n![Pump](images/soap-pump.svg)',
    )
    expect(await writeImages(datasetFile, result.images, {dryRun: true})).toEqual([
      {name: pngName, kind: 'create'},
      {name: svgName, kind: 'create'},
    ])
    expect(() => readFileSync(path.join(dir, 'images', pngName))).toThrow()
    expect(await writeImages(datasetFile, result.images)).toEqual([
      {name: pngName, kind: 'create'},
      {name: svgName, kind: 'create'},
    ])
    expect(readFileSync(path.join(dir, 'images', pngName)).equals(png)).toBe(true)
    expect(readFileSync(path.join(dir, 'images', svgName)).equals(svg)).toBe(true)
    expect((await writeImages(datasetFile, result.images)).map((copy) => copy.kind)).toEqual(['unchanged', 'unchanged'])
    writeFileSync(path.join(dir, 'images', svgName), '<svg/>')
    expect((await writeImages(datasetFile, result.images)).map((copy) => copy.kind)).toEqual(['unchanged', 'create'])
    expect(readFileSync(path.join(dir, 'images', svgName)).equals(svg)).toBe(true)
  })

  it('importing the same file twice changes nothing', async () => {
    const first = await importText('![Steps](images/hand-washing-steps.png "Steps")')
    const again = await importMarkdownFiles(
      [{path: 'tests/fixtures/import/article.md', value: `${FRONT}![Steps](images/hand-washing-steps.png "Steps")\n`}],
      first.result.documents as DatasetDocument[],
      {cwd: root},
    )
    expect(again.changes.filter((change) => change.kind !== 'unchanged')).toEqual([])
  })
})

async function vetted(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCommand(argv, commands, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {SOURCE_DATE_EPOCH: '1795651200'},
    cwd: root,
    isTty: false,
  })
  return {code, stdout, stderr}
}

describe('npx vetted import with images', () => {
  const markdown = 'tests/fixtures/import/images.md'

  it('copies the images beside the dataset before writing it, once, and a dry run copies nothing', async () => {
    const dir = makeTempDir('vetted-import-cli-')
    const dataset = path.join(dir, 'dataset.ndjson')
    copyFileSync(path.join(root, 'studio/dataset/production.ndjson'), dataset)
    const dry = await vetted('import', markdown, '--into', dataset, '--dry-run')
    expect(dry.stdout).toContain(`would copy   image    images/${pngName}  (${markdown})`)
    expect(dry.stdout).toContain('; 2 image(s) to copy, 0 already there. Nothing written.')
    expect(() => readFileSync(path.join(dir, 'images', pngName))).toThrow()

    const first = await vetted('import', markdown, '--into', dataset)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`copied       image    images/${pngName}  (${markdown})`)
    expect(first.stdout).toContain(`copied       image    images/${svgName}  (${markdown})`)
    expect(readFileSync(path.join(dir, 'images', pngName)).equals(png)).toBe(true)
    expect(readFileSync(path.join(dir, 'images', svgName)).equals(svg)).toBe(true)
    const article = parseNdjson(readFileSync(dataset, 'utf8')).documents.find(
      (document) => document._id === 'article.washing-hands-step-by-step',
    )!
    expect((article.body as Array<{_sanityAsset?: string}>).flatMap((block) => block._sanityAsset ?? [])).toEqual([
      `image@file://./images/${pngName}`,
      `image@file://./images/${svgName}`,
      `image@file://./images/${svgName}`,
    ])

    const again = await vetted('import', markdown, '--into', dataset)
    expect(again.stdout).toContain(`unchanged    image    images/${pngName}`)
    expect(again.stdout).toMatch(/0 created, 0 updated, \d+ unchanged; 0 image\(s\) copied, 2 already there\./)
  })

  it('--out puts the images beside the new file; a missing image exits 1 and writes nothing of that file', async () => {
    const dir = makeTempDir('vetted-import-cli-')
    const out = path.join(dir, 'new.ndjson')
    const written = await vetted('import', markdown, '--out', out)
    expect(written.code).toBe(0)
    expect(readFileSync(path.join(dir, 'images', svgName)).equals(svg)).toBe(true)

    const broken = path.join(dir, 'broken.md')
    writeFileSync(broken, `${FRONT}Intro.\n\n![Steps](images/missing.png)\n`)
    const failed = await vetted('import', broken, '--out', path.join(dir, 'other.ndjson'), '--image-root', dir)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(
      /10:1-10:29\s+error\s+The image `images\/missing.png` cannot be imported: There is no such file \(looked for [^)]*missing.png\)\./,
    )
    expect(failed.stderr).toContain('image-missing')
    expect(parseNdjson(readFileSync(path.join(dir, 'other.ndjson'), 'utf8')).documents).toEqual([])
  })
})

describe('what the import wrote, read back by the pipeline', () => {
  it('`vetted validate` on the written dataset reports the figures’ missing alt, credit and licence, and a remote image’s missing file', async () => {
    const dir = makeTempDir('vetted-import-validate-')
    const dataset = path.join(dir, 'dataset.ndjson')
    copyFileSync(path.join(root, 'studio/dataset/production.ndjson'), dataset)
    const embeddedImages = path.join(root, 'studio/dataset/images')
    if (existsSync(embeddedImages)) cpSync(embeddedImages, path.join(dir, 'images'), {recursive: true})
    const remote = path.join(dir, 'remote.md')
    writeFileSync(
      remote,
      `${FRONT}Intro.\n\n![Hands under a tap](https://example.org/tap.png "Warm or cold water both work.")\n`,
    )
    const imported = await vetted(
      'import',
      'tests/fixtures/import/images.md',
      remote,
      '--into',
      dataset,
      '--image-root',
      '/',
    )
    expect(imported.code).toBe(0)
    // The import's own report of the validation says the same as `vetted validate` below.
    expect(imported.stdout).toContain('figure-alt-missing')
    expect(imported.stdout).toContain('figure-asset-missing')

    const validated = await vetted('validate', '--dataset', dataset, '--json')
    const findings = validated.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as {ruleId: string; documentId: string; path: string})
    const documents = parseNdjson(readFileSync(dataset, 'utf8')).documents
    const figureKeys = (id: string) =>
      (documents.find((document) => document._id === id)!.body as Array<{_type: string; _key: string}>)
        .filter((block) => block._type === 'figure')
        .map((block) => block._key)
    const [steps, pump, pumpAgain] = figureKeys('article.washing-hands-step-by-step')
    const [tap] = figureKeys('article.washing-hands')
    const about = (id: string) =>
      findings
        .filter((finding) => finding.documentId === id && finding.ruleId.startsWith('figure-'))
        .map((finding) => `${finding.ruleId} ${finding.path}`)
        .sort()
    expect(about('article.washing-hands-step-by-step')).toEqual(
      [
        `figure-alt-missing body[_key=="${pumpAgain}"].alt`,
        ...[steps, pump, pumpAgain].flatMap((key) => [
          `figure-credit-missing body[_key=="${key}"].credit`,
          `figure-licence-missing body[_key=="${key}"].licence`,
        ]),
      ].sort(),
    )
    expect(about('article.washing-hands')).toEqual(
      [
        `figure-asset-missing body[_key=="${tap}"].asset`,
        `figure-credit-missing body[_key=="${tap}"].credit`,
        `figure-licence-missing body[_key=="${tap}"].licence`,
      ].sort(),
    )
    // The local source accepts the written figures and files: nothing about the dataset itself is reported.
    expect(findings.filter((finding) => finding.ruleId.startsWith('source:'))).toEqual([])
    // Both imported articles are blocked (by their figures, and as never reviewed), nothing else is.
    expect(validated.code).toBe(1)
    expect(validated.stderr).toContain('2 blocked')
  }, 120_000)
})

describe('an imported review record of an article with figures', () => {
  it('covers the text as the pipeline reads it: the figures hash the same at import and at validation', async () => {
    const dir = makeTempDir('vetted-import-review-')
    const dataset = path.join(dir, 'dataset.ndjson')
    copyFileSync(path.join(root, 'studio/dataset/production.ndjson'), dataset)
    const embeddedImages = path.join(root, 'studio/dataset/images')
    if (existsSync(embeddedImages)) cpSync(embeddedImages, path.join(dir, 'images'), {recursive: true})
    cpSync(path.join(fixtures, 'images'), path.join(dir, 'drafts/images'), {recursive: true})
    const reviewed = path.join(dir, 'drafts/reviewed.md')
    writeFileSync(
      reviewed,
      readFileSync(path.join(fixtures, 'images.md'), 'utf8').replace(
        'authors: [Lena Fischer]\n',
        'authors: [Lena Fischer]\nreviewer: Daniel Okafor\npublished: 2026-10-01\nlastReviewed: 2026-10-02\n',
      ),
    )
    const imported = await vetted('import', reviewed, '--into', dataset, '--image-root', dir, '--accept-review-records')
    expect(imported.code).toBe(0)
    expect(imported.stderr).toContain('review-record-imported')
    const validated = await vetted('validate', '--dataset', dataset, '--json')
    const about = validated.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as {ruleId: string; documentId: string})
      .filter((finding) => finding.documentId === 'article.washing-hands-step-by-step')
      .map((finding) => finding.ruleId)
    expect(about).not.toContain('review-edited-since-review')
    expect(about).not.toContain('review-unreviewed')
    expect(about).toContain('figure-credit-missing')
  }, 120_000)
})

function readText(block: Record<string, unknown>): string {
  return ((block.children ?? []) as Array<{text?: string}>).map((child) => child.text ?? '').join('')
}

describe('the credit line under a figure in article.md', () => {
  const fields = (credit: string | null, licence: string | null, publisherOwned = false, decorative = false) => ({
    credit,
    licence,
    publisherOwned,
    decorative,
  })

  it('reads back exactly what it was written from, for every combination of parts', () => {
    for (const credit of [null, 'Northfield Health Library', 'Photo: J. Doe (2024) · Northfield'])
      for (const licence of [null, 'CC BY 4.0', 'All rights reserved'])
        for (const publisherOwned of [false, true])
          for (const decorative of [false, true]) {
            const written = fields(credit, licence, publisherOwned, decorative)
            const line = figureCreditLine(written)
            if (credit === null && licence === null && !publisherOwned && !decorative) expect(line).toBeNull()
            else expect(readFigureCreditLine(line!)).toEqual(written)
          }
  })

  it('writes words that would read back otherwise without labels, so the import reads no wrong credit', () => {
    const line = figureCreditLine(fields('Jane · Licence: MIT', null))
    expect(line).toBe('Jane · Licence: MIT')
    expect(readFigureCreditLine(line!)).toBeNull()
  })
})
