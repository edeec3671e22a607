import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {SourceError} from '../pipeline/source/errors.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import {openSource} from '../pipeline/source/open.ts'
import type {ContentSource, SourceProblem} from '../pipeline/source/types.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/source/${name}`, import.meta.url))
const LABEL = 'bad-input.ndjson'

describe('local NDJSON source, asked only to report damage (validate): every bad line gets a clear message', () => {
  let source: ContentSource
  let problems: SourceProblem[]
  const at = (line: number) => problems.filter((problem) => problem.line === line)

  beforeAll(async () => {
    const file = fixture('bad-input.ndjson')
    source = await openLocalSource({file, label: LABEL, maxLineBytes: 8192, damaged: 'report'})
    problems = source.problems()
  })
  afterAll(() => source.close())

  it('reports a malformed line as file:line: reason and reads the rest', async () => {
    expect(at(3)).toEqual([expect.objectContaining({ruleId: 'source:malformed-line', file: LABEL, line: 3})])
    expect(at(3)[0]?.message).toMatch(/^bad-input\.ndjson:3: not valid JSON \(.+\)\. Fix or remove the line/)
    expect((await source.getArticle('article.ok'))?.authors?.[0]?.name).toBe('Olive Kay')
  })

  it('keeps the first of two documents with the same _id and reports the second', async () => {
    expect(at(4)).toEqual([expect.objectContaining({ruleId: 'source:duplicate-id', documentId: 'person.ok'})])
    expect(at(4)[0]?.message).toContain('already used on line 2')
    expect((await source.getArticle('article.keys'))?.authors?.[0]?.name).toBe('Olive Kay')
  })

  it('reports a document without _type, and ids that are missing or malformed', () => {
    expect(at(5)).toEqual([expect.objectContaining({ruleId: 'source:missing-type', documentId: 'no-type'})])
    expect(at(6)).toEqual([expect.objectContaining({ruleId: 'source:invalid-id', documentId: 'bad id!'})])
    expect(at(7)).toEqual([
      expect.objectContaining({ruleId: 'source:invalid-id', message: expect.stringContaining('has no _id')}),
    ])
  })

  it('reports every array object without _key with the document id and field path', () => {
    expect(at(8).map((problem) => [problem.ruleId, problem.documentId, problem.path])).toEqual([
      ['source:missing-key', 'article.keys', 'authors[0]'],
      ['source:missing-key', 'article.keys', 'body[0].children[0]'],
    ])
  })

  it('reports references to missing documents with id and path, but not weak references', () => {
    expect(at(9).map((problem) => [problem.ruleId, problem.documentId, problem.path])).toEqual([
      ['source:dangling-reference', 'article.dangling', 'authors[0]'],
      ['source:dangling-reference', 'article.dangling', 'body[0].children[1].citation'],
    ])
    expect(at(9)[0]?.message).toContain('refers to `person.ghost`')
  })

  it('accepts a reference to a document further down the file', () => {
    expect(at(10)).toEqual([])
  })

  it('keeps __proto__ and constructor keys as plain data, without touching any prototype', async () => {
    const article = await source.getArticle('article.proto')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.prototype).not.toHaveProperty('polluted')
    const span = (article?.body?.[0] as {children: Array<Record<string, unknown>>}).children[0] as Record<
      string,
      unknown
    >
    expect(Object.getPrototypeOf(span)).toBe(Object.prototype)
    expect(Object.hasOwn(span, '__proto__')).toBe(true)
    expect(article?.authors?.[0]?.name).toBe('Late Comer')
  })

  it('rejects absurdly deep nesting with a clear message instead of overflowing the stack', async () => {
    expect(at(11)).toEqual([expect.objectContaining({ruleId: 'source:too-deep', documentId: 'article.deep'})])
    expect(at(11)[0]?.message).toContain('more than 200 levels deep')
    expect(await source.getArticle('article.deep')).toBeNull()
  })

  it('reports a line that is valid JSON but not a document, and skips blank lines silently', () => {
    expect(at(12)).toEqual([expect.objectContaining({ruleId: 'source:not-a-document'})])
    expect(at(13)).toEqual([])
    expect(at(14)).toEqual([])
  })

  it('refuses a line over the size limit and reads on', async () => {
    expect(at(16)).toEqual([expect.objectContaining({ruleId: 'source:line-too-long'})])
    expect(at(16)[0]?.message).toMatch(/^bad-input\.ndjson:16: line is \d+ bytes, over the limit of 8192 bytes/)
    expect(await source.getArticle('article.long')).toBeNull()
  })

  it('never checks or reads drafts, and reads CRLF line endings', async () => {
    expect(
      problems.some((problem) => problem.message.includes('ghostly') || problem.message.includes('person.nowhere')),
    ).toBe(false)
    expect(at(18)).toEqual([])
    const ids: string[] = []
    for await (const entry of source.listArticles()) ids.push(entry._id)
    expect(ids).toEqual(['article.dangling', 'article.keys', 'article.ok', 'article.proto'])
  })

  it('reports exactly these problems, in line order', () => {
    expect(problems.map((problem) => `${problem.line} ${problem.ruleId}`)).toEqual([
      '3 source:malformed-line',
      '4 source:duplicate-id',
      '5 source:missing-type',
      '6 source:invalid-id',
      '7 source:invalid-id',
      '8 source:missing-key',
      '8 source:missing-key',
      '9 source:dangling-reference',
      '9 source:dangling-reference',
      '11 source:too-deep',
      '12 source:not-a-document',
      '16 source:line-too-long',
    ])
  })
})

describe('local NDJSON source: files', () => {
  let dir: string
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'vetted-source-'))
  })
  afterAll(() => rmSync(dir, {recursive: true, force: true}))

  it('rejects a line of more than 16 MiB by default, and still reads the next one', async () => {
    const file = path.join(dir, 'giant.ndjson')
    const giant = JSON.stringify({_id: 'article.giant', _type: 'article', title: 'x'.repeat(17 * 1024 * 1024)})
    writeFileSync(
      file,
      `${giant}\n${JSON.stringify({_id: 'settings', _type: 'settings', publisherName: 'After the giant'})}\n`,
    )
    const source = await openLocalSource({file, label: 'giant.ndjson', damaged: 'report'})
    expect(source.problems()).toEqual([expect.objectContaining({ruleId: 'source:line-too-long', line: 1})])
    expect(source.problems()[0]?.message).toContain(`over the limit of ${16 * 1024 * 1024} bytes`)
    expect((await source.getSettings())?.publisherName).toBe('After the giant')
    await source.close()
  })

  it('reads articles back by byte offset across 1 MiB read chunks and multi-byte characters', async () => {
    const file = path.join(dir, 'offsets.ndjson')
    const articles = Array.from({length: 40}, (_, index) => ({
      _id: `article.n${String(index).padStart(2, '0')}`,
      _type: 'article',
      _rev: `r${index}`,
      slug: {_type: 'slug', current: `n${index}`},
      title: `Ünïcödé ${index}`,
      keyTakeaways: [`${'é€😀'.repeat(index * 3000)}`],
    }))
    writeFileSync(file, `${articles.map((article) => JSON.stringify(article)).join('\n')}\n`)
    const source = await openLocalSource({file, label: 'offsets.ndjson'})
    expect(source.problems()).toEqual([])
    for (const article of articles) {
      expect((await source.getArticle(article._id))?.keyTakeaways).toEqual(article.keyTakeaways)
    }
    await source.close()
  })

  it('reads an article from disk when asked (bodies are not kept), and says so if the file changed meanwhile', async () => {
    const file = path.join(dir, 'changing.ndjson')
    const line = (id: string, title: string) => JSON.stringify({_id: id, _type: 'article', _rev: 'r', title})
    writeFileSync(file, `${line('article.one', 'One')}\n${line('article.two', 'Two')}\n`)
    const source = await openLocalSource({file, label: 'changing.ndjson'})
    writeFileSync(file, `${line('article.one', 'One, edited')}\n${line('article.two', 'Two')}\n`)
    const error = await source.getArticle('article.two').catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SourceError)
    expect((error as Error).message).toBe(
      'The dataset file changing.ndjson changed while it was being read (line 2 moved): run the command again.',
    )
    await source.close()
  })

  it('refuses an article without a revision (_rev) with a finding, and reads its revision as empty text', async () => {
    const file = path.join(dir, 'revisions.ndjson')
    const line = (id: string, rev: unknown) =>
      JSON.stringify({_id: id, _type: 'article', ...(rev === undefined ? {} : {_rev: rev}), title: 'T'})
    const cases: Array<[string, unknown, string]> = [
      ['article.missing', undefined, 'nothing'],
      ['article.null', null, 'nothing'],
      ['article.blank', ' ', 'the text " "'],
      ['article.number', 7, 'the number 7'],
    ]
    writeFileSync(file, `${[...cases.map(([id, rev]) => line(id, rev)), line('article.ok', 'r1')].join('\n')}\n`)
    const source = await openLocalSource({file, label: 'revisions.ndjson'})
    for (const [id, , found] of cases) {
      const article = await source.getArticle(id)
      expect(article?._rev).toBe('')
      expect(article?.decodeFindings).toEqual([
        expect.objectContaining({ruleId: 'source:invalid-value', documentId: id, path: '_rev', found}),
      ])
    }
    const ok = await source.getArticle('article.ok')
    expect([ok?._rev, ok?.decodeFindings]).toEqual(['r1', undefined])
    await source.close()
  })

  it('reads a file with a byte order mark and no final newline', async () => {
    const file = path.join(dir, 'bom.ndjson')
    writeFileSync(
      file,
      `\uFEFF${JSON.stringify({_id: 'article.a', _type: 'article', _rev: 'r', title: 'Ä', slug: {current: 'a'}})}\n{"_id":"settings","_type":"settings","publisherName":"Ünïcode"}`,
    )
    const source = await openLocalSource({file, label: 'bom.ndjson'})
    expect(source.problems()).toEqual([])
    expect((await source.getArticle('article.a'))?.title).toBe('Ä')
    expect((await source.getSettings())?.publisherName).toBe('Ünïcode')
    await source.close()
  })

  it('turns a missing file into one SourceError line that names the file and the option', async () => {
    const error = await openSource({dataset: 'no/such/file.ndjson', env: {}, cwd: dir}).catch(
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(SourceError)
    expect((error as Error).message).toBe(
      'Cannot read the dataset file no/such/file.ndjson (no such file): check the path given to --dataset.',
    )
  })

  it('turns a directory given as the dataset into a SourceError that says so', async () => {
    const error = await openLocalSource({file: dir, label: 'somedir'}).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(SourceError)
    expect((error as Error).message).toBe(
      `The dataset ${dir} is a directory, expected an NDJSON file: give --dataset the file itself (such as studio/dataset/production.ndjson).`,
    )
  })

  it('never puts an absolute path in its label', async () => {
    const source = await openSource({dataset: fixture('contract.ndjson'), env: {}, cwd: dir})
    expect(source.label).toBe('contract.ndjson')
    await source.close()
  })

  it('reads the embedded dataset without problems', async () => {
    const source = await openSource({env: {}, cwd: fileURLToPath(new URL('..', import.meta.url))})
    expect(source.label).toBe('studio/dataset/production.ndjson')
    expect(source.problems()).toEqual([])
    const infant = await source.getArticle('article.infant-mental-health')
    expect(infant?.citations).toHaveLength(10)
    await source.close()
  })
})
