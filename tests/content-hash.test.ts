import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {canonicalJson} from '../domain/canonical-json.ts'
import {createHash} from 'node:crypto'
import {assetIdOfExportUrl, contentHash, reviewableContent, type HashableArticle} from '../domain/content-hash.ts'
import type {SourceArticle} from '../pipeline/source/types.ts'

/**
 * What a medical reviewer's sign-off covers, for figures (issue 21): the image itself (its asset id holds the
 * file's sha1), its alternative text, caption, credit and licence; not where the hotspot or crop frames it.
 */

const SHA1 = '2c26b46b68ffc68ff99b453c1d30413413422d70'
const OTHER_SHA1 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4'

function figure(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    _type: 'figure',
    _key: 'fig1',
    asset: {_type: 'reference', _ref: `image-${SHA1}-640x480-png`},
    hotspot: {_type: 'sanity.imageHotspot', x: 0.5, y: 0.5, width: 1, height: 1},
    crop: {_type: 'sanity.imageCrop', top: 0, bottom: 0, left: 0, right: 0},
    alt: 'A line chart of sleep hours falling over the first year.',
    caption: 'Total sleep per day in the first year.',
    credit: 'Diagram: Northfield Health Library',
    publisherOwned: true,
    ...change,
  }
}

const paragraph = {
  _type: 'block',
  _key: 'p1',
  style: 'normal',
  markDefs: [],
  children: [{_type: 'span', _key: 's1', text: 'Babies sleep a lot.', marks: []}],
}

function article(body: unknown[], leadImage?: unknown): HashableArticle {
  return {title: 'Sleep', summary: 'How babies sleep.', safetyNotice: null, body, leadImage}
}

const hash = (value: HashableArticle) => contentHash(value, () => null)

describe('a figure in the body', () => {
  const base = article([paragraph, figure()])

  it.each([
    ['a different image (another sha1)', {asset: {_type: 'reference', _ref: `image-${OTHER_SHA1}-640x480-png`}}],
    ['the same image at another size', {asset: {_type: 'reference', _ref: `image-${SHA1}-320x240-png`}}],
    ['changed alternative text', {alt: 'A bar chart of sleep hours.'}],
    ['a changed caption', {caption: 'Sleep per day.'}],
    ['a removed caption', {caption: undefined}],
    ['a changed credit', {credit: 'Photo: A. Person'}],
    ['a licence added', {licence: 'CC BY 4.0'}],
    ['no longer publisher-owned', {publisherOwned: false}],
    ['marked decorative', {decorative: true}],
  ])('changes the hash with %s', async (_what, change) => {
    expect(await hash(article([paragraph, figure(change)]))).not.toBe(await hash(base))
  })

  it.each([
    ['a moved hotspot', {hotspot: {_type: 'sanity.imageHotspot', x: 0.2, y: 0.7, width: 0.4, height: 0.3}}],
    ['a crop', {crop: {_type: 'sanity.imageCrop', top: 0.1, bottom: 0.2, left: 0, right: 0.05}}],
    ['no hotspot or crop at all', {hotspot: undefined, crop: undefined}],
    ['a new _key', {_key: 'other'}],
    ['decorative and publisherOwned unticked instead of never set', {decorative: false}],
  ])('leaves the hash with %s', async (_what, change) => {
    expect(await hash(article([paragraph, figure(change)]))).toBe(await hash(base))
  })

  it('is the same in the export file’s form (`_sanityAsset`) as in the Content Lake’s (`asset._ref`)', async () => {
    const {asset: _asset, ...rest} = figure()
    const exported = {...rest, _sanityAsset: `image@file://./images/${SHA1}-640x480.png`}
    expect(await hash(article([paragraph, exported]))).toBe(await hash(base))
    expect(assetIdOfExportUrl(`image@file://./images/${SHA1}-640x480.png`)).toBe(`image-${SHA1}-640x480-png`)
    expect(assetIdOfExportUrl('image@https://example.org/a.png')).toBeNull()
  })

  it('counts where the figure stands among the paragraphs', async () => {
    expect(await hash(article([figure(), paragraph]))).not.toBe(await hash(base))
  })
})

describe('the lead image', () => {
  const base = article([paragraph], figure({_key: undefined}))

  it('is part of what was reviewed: adding, changing or removing it changes the hash', async () => {
    const without = await hash(article([paragraph]))
    expect(await hash(base)).not.toBe(without)
    expect(await hash(article([paragraph], figure({alt: 'A cot by a window.'})))).not.toBe(await hash(base))
    expect(
      await hash(article([paragraph], figure({asset: {_type: 'reference', _ref: `image-${OTHER_SHA1}-640x480-png`}}))),
    ).not.toBe(await hash(base))
  })

  it('is framed freely: its hotspot does not change the hash', async () => {
    const moved = figure({hotspot: {_type: 'sanity.imageHotspot', x: 0.1, y: 0.1, width: 0.2, height: 0.2}})
    expect(await hash(article([paragraph], moved))).toBe(await hash(base))
  })

  it('hashes as absent when null (what the query projects for an article without one)', async () => {
    expect(await hash(article([paragraph], null))).toBe(await hash(article([paragraph])))
  })
})

describe('articles without images', () => {
  // Computed with the content hash as it was before figures existed: every sign-off of such an article stands.
  const before: Record<string, string> = {
    'citation-adjacent': '0ff22169c7a2e51dd33dba452e945b8ec47f1198e8fb0d0bb4cbd3fee5eb8154',
    'citation-missing': '37ad5cd368d4a868e36d84ea6fa2accba36fcd48bca9d9b6f180b2bdeddc5358',
    'citation-repeated': 'bf8e4ba94a5ca4a50086916c41d9b3318b132865b5eedef918c951a19bd1dd49',
    'citation-single': '1fee7564cafd28149cf0d75b3cfea471ef7369ca2f18a0dd1114dd7e355b9400',
    'every-node-type': '3b792e138b28a804fa5fee44f929f6a55c2fcb27c585fb4b937b3be6ad91d495',
    'hostile-text': 'aefa11ca686fa527427eedc7ac9ea69b6b0fa9e00d20e228f66080eaf1cd5296',
    'nested-lists': '20720251ba360c499bafec0c8ce0abb30249ddc233ebf61cdbc25fcd6892ee16',
    'reference-article': '89d6ef388ffb2478506e64a4af90461040cf44c6fc66fe654553d304c35b91ac',
    'unknown-types': '58c0fc6de130ca3fca129cbb6b08bdb0a201d9ffd88ba4289f7521e0de3cb9bf',
  }

  it.each(Object.entries(before))('keep their hash (%s)', async (name, expected) => {
    const fixture = JSON.parse(
      readFileSync(new URL(`fixtures/render/${name}/article.json`, import.meta.url), 'utf8'),
    ) as SourceArticle
    const lookup = (id: string) => fixture.citations.find((citation) => citation._id === id)
    expect(await contentHash(fixture, lookup)).toBe(expected)
    expect(await contentHash({...fixture, leadImage: null}, lookup)).toBe(expected)
  })
})

describe('the hashed text', () => {
  // The hash is the sha256 of the canonical JSON of what `reviewableContent` describes, whatever the body holds.
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')
  const block = (children: unknown[], extra: Record<string, unknown> = {}) => ({
    _type: 'block',
    _key: 'b',
    markDefs: [
      {_type: 'link', _key: 'l1', href: 'https://example.org/a'},
      {_type: 'link', _key: 'l1', href: 'https://example.org/b'},
    ],
    children,
    ...extra,
  })
  const span = (text: unknown, marks: unknown = []) => ({_type: 'span', _key: 'k', text, marks})
  const bodies: Record<string, unknown[]> = {
    'spans split and merged, empty spans, marks in any order': [
      block([
        span('Caf\u0065\u0301 ', ['strong', 'em']),
        span('', ['em']),
        span('au lait', ['em', 'strong']),
        span(''),
        span('then'),
        span(' more', []),
        span(7),
        span('linked', ['l1', 'unknown', 3, {x: 1}]),
      ]),
    ],
    'markers, other children and a child whose own type says span': [
      block([
        span('A'),
        {_type: 'citationMarker', _key: 'c', citation: {_ref: 'citation.b'}},
        span('B'),
        {_type: 'citationMarker', _key: 'd', citation: {_ref: 'citation.a'}},
        {_type: 'citationMarker', _key: 'e', citation: {_ref: 'citation.b'}},
        {_type: 'citationMarker', _key: 'f'},
        {_type: 'mystery', _key: 'm', type: 'span', marks: [], text: 'x'},
        span('C'),
        'not a child',
      ]),
      block([{_type: 'mystery', _key: 'm', value: {_key: 'n', z: 1, a: [1, undefined]}}, span('D')]),
    ],
    'list items, styles and odd fields': [
      block([span('one')], {listItem: 'bullet', level: 2, style: 'normal'}),
      block([span('two')], {listItem: 'number'}),
      block([span('three')], {style: 'h2', level: 3}),
      block([span('four')], {markDefs: 'none', children: undefined}),
      {_type: 'block', children: 'none'},
    ],
    'figures and other blocks': [
      figure(),
      {_type: 'callout', _key: 'x', tone: 'warning', _weak: true, nested: [{_key: 'y', _type: 'thing', n: 1}]},
      null,
      'text',
    ],
  }

  it.each(Object.entries(bodies))('is the canonical JSON of the reviewable content (%s)', async (_name, body) => {
    const subject = {...article(body, figure({_key: 'lead'})), safetyNotice: 'Call 911.'}
    const lookup = (id: string) =>
      id === 'citation.a' ? {_id: id, _type: 'citation', title: 'A', containerTitleShort: 'J'} : null
    expect(await contentHash(subject, lookup)).toBe(sha256(canonicalJson(reviewableContent(subject, lookup))))
    expect(await contentHash(article(body), lookup)).toBe(
      sha256(canonicalJson(reviewableContent(article(body), lookup))),
    )
  })
})
