import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {stringify as stringifyYaml} from 'yaml'
import {frontMatterYaml, quoted, type FrontMatterValue} from '../pipeline/render/formats/front-matter.ts'

/** What article.md wrote before the front matter had its own writer: the `yaml` package's document. */
function byYamlPackage(fields: Record<string, FrontMatterValue>): string {
  return stringifyYaml(fields, {lineWidth: 0}).trimEnd()
}

const PRINTABLE_ASCII = Array.from({length: 95}, (_, index) => String.fromCharCode(32 + index))

/** Texts YAML writes plain, quoted or as a block, and the words it would read back as something else. */
const TEXTS = [
  'Medicine health mild trial treatment',
  'article-643',
  "Don't stop: see a doctor",
  'Dr. O’Brien, MD (retired)',
  'Zoë Ångström',
  'COVID-19 & flu/cold + more_items',
  'null',
  'Null',
  'NULL',
  'True',
  'false',
  'yes',
  'no',
  'on',
  '1.5 mg',
  '42',
  '0x1F',
  '.inf',
  '0o17',
  '0o19',
  '1.5',
  '1.',
  '1e5',
  '1.5E-3',
  '12e',
  '2024-01-15',
  '86b3cdf68b61f31da62df651f3b32c84b13e91547fc2b3f56547775390c7024a',
  '1234567890',
  '²nd',
  '-dash first',
  '- list-like',
  '? question',
  "'quoted'",
  '"double"',
  'ends with a colon:',
  'key: value',
  'hash # comment',
  'a#b',
  'trailing space ',
  ' leading space',
  'tab\there',
  'line\nbreak',
  'two\n\nparagraphs',
  'control \u0001 character',
  'lone \ud800 surrogate',
  'emoji 😀 smile',
  '---',
  '--- document',
  '...',
  '',
  '%directive',
  '@handle',
  '`tick`',
  '[bracket]',
  '{brace}',
  '*alias',
  '&anchor',
  '!tag',
  '|pipe',
  '>fold',
  'a'.repeat(200),
  'https://example.org/a?b=c#d',
  'Last medically reviewed on May 22, 2026; this text has changed since.',
  'This article’s medical review is overdue: it was last reviewed on June 30, 2025.',
  'a:b',
  'a :b',
  'a# b',
  'C# and F#',
  'ratio 1:2',
  'ends with colon:',
  'x #',
  'say "hi"',
  'x? y! z~ 100% a=b @me *star*',
  '~',
  '-1',
  '+1.5',
  '.5',
  '-.inf',
  '.NaN',
  '.nan',
  '-',
  '?',
  '- x',
  '? x',
  '-x',
  '?x',
  '(paren)',
  '<angle>',
  '=eq',
  '$5',
  '^caret',
  ': x',
  "it's",
  `it's "quoted"`,
  '%x',
  '--- x',
  '... x',
  '--x',
  '..x',
  'a\u00a0b',
  'x\u0085y',
  'en – dash … “quotes” · 5° ± 2 × 3',
]

function fields(
  text: string,
  list: string[],
  person: Record<string, string>,
  contentHash = '86b3cdf68b61f31da62df651f3b32c84b13e91547fc2b3f56547775390c7024a',
): Record<string, FrontMatterValue> {
  return {
    title: text,
    slug: 'article-1',
    topics: list,
    summary: null,
    published: quoted('2024-01-15'),
    lastEdited: quoted(null),
    authors: [person],
    reviewers: [],
    contentHash,
  }
}

describe('article.md front matter', () => {
  it('is written as the yaml package writes it, for plain and for awkward texts', () => {
    for (const text of TEXTS) {
      const value = fields(text, [text, 'fruit'], {id: 'person.writer-1', name: text, bio: `${text} bio`})
      expect(frontMatterYaml(value), JSON.stringify(text)).toBe(byYamlPackage(value))
    }
  })

  it('writes dates double-quoted, null as null and empty lists as []', () => {
    expect(
      frontMatterYaml({published: quoted('2024-01-15'), lastEdited: quoted(null), topics: [], reviewers: []}),
    ).toBe('published: "2024-01-15"\nlastEdited: null\ntopics: []\nreviewers: []')
  })

  it('writes a person in a list as the yaml package does, fields indented under the dash', () => {
    const value = {authors: [{id: 'person.writer-15', name: 'Writer 15', credentials: 'MD'}]}
    expect(frontMatterYaml(value)).toBe('authors:\n  - id: person.writer-15\n    name: Writer 15\n    credentials: MD')
    expect(frontMatterYaml(value)).toBe(byYamlPackage(value))
  })

  it('agrees with the yaml package on any text a writer can type', () => {
    const text = fc.oneof(
      fc.string({unit: 'grapheme', maxLength: 40}),
      fc.string({
        unit: fc.constantFrom(...PRINTABLE_ASCII, 'é', 'Ж', '’', '–', '…', '\u00a0', '\n', '\t', '\r', '😀'),
        maxLength: 12,
      }),
      fc.constantFrom(...TEXTS),
    )
    fc.assert(
      fc.property(text, text, text, fc.stringMatching(/^[0-9a-fEe.x-]{0,8}$/), (a, b, c, hash) => {
        const value = fields(a, [b], {id: 'person.x', name: b, bio: c}, hash)
        expect(frontMatterYaml(value)).toBe(byYamlPackage(value))
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 500)},
    )
  })
})
