import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {isPlainJson} from '../domain/plain-json.ts'
import type {ArticleJob} from '../pipeline/export/plan.ts'
import {fromWire, toWire} from '../pipeline/export/work.ts'
import {openLocalSource} from '../pipeline/source/local-source.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'
import {generatedDataset, tempDir} from './helpers/export-fixtures.ts'
import {removeTempDirs} from './helpers/temp-dirs.ts'

afterAll(removeTempDirs)

/**
 * A worker thread is sent each article as JSON text (`toWire`), not as the object: the text its source hash was taken
 * of when there is one (the Content Lake, an article with decode findings), else `JSON.stringify(article)` made for
 * the wire. That is only the same article when what a source reads is JSON's own values, which these pin on real
 * datasets.
 */

const EMBEDDED = path.join(
  path.resolve(fileURLToPath(new URL('..', import.meta.url))),
  'studio',
  'dataset',
  'production.ndjson',
)

async function articlesOf(file: string): Promise<SourceArticle[]> {
  const source = await openLocalSource({file, label: path.basename(file)})
  const articles: SourceArticle[] = []
  try {
    for await (const row of source.listArticles()) {
      const article = await source.getArticle(row._id)
      if (article !== null) articles.push(article)
    }
  } finally {
    await source.close()
  }
  return articles
}

function jobOf(article: SourceArticle, withText: boolean): ArticleJob {
  return {
    article,
    ...(withText ? {sourceJson: JSON.stringify(article)} : {}),
    review: {state: 'current'} as unknown as ArticleJob['review'],
    contentHash: 'sha256:0',
    dir: '/release/articles/x',
    citations: [{id: 'c'}],
  }
}

describe('the job a worker thread is sent', () => {
  it('carries every article of the embedded and a generated dataset as text that parses back to an equal article', async () => {
    const generated = await generatedDataset(tempDir(), 30)
    const articles = [...(await articlesOf(EMBEDDED)), ...(await articlesOf(generated))]
    expect(articles.length).toBeGreaterThan(30)
    for (const article of articles) {
      expect(isPlainJson(article)).toBe(true)
      for (const withText of [true, false]) {
        const job = jobOf(article, withText)
        const wire = toWire(job)
        expect(wire).not.toHaveProperty('article')
        expect(typeof wire.sourceJson).toBe('string')
        const {sourceJson: _text, ...expected} = job
        expect(fromWire(structuredClone(wire))).toStrictEqual(expected)
      }
    }
  })

  it('is sent the text the source hash was taken of, not a second serialisation', () => {
    const article = {_id: 'article.a', title: 'A'} as unknown as SourceArticle
    // Keys in another order than the object's: a second `JSON.stringify` would give other text.
    const job = {...jobOf(article, false), sourceJson: '{"title":"A","_id":"article.a"}'}
    expect(toWire(job).sourceJson).toBe(job.sourceJson)
  })
})
