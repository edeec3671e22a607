import {readFileSync} from 'node:fs'
import {validateDocument, validateDocumentWithWorkspace} from '@sanity/validation'
import {getFallbackLocaleSource} from '@sanity/validation/_internal'
import type {Path, SanityClient, SanityDocument} from 'sanity'
import {createSchema} from 'sanity'
import {describe, expect, it} from 'vitest'
import {schemaTypes} from '../schemas/index.ts'
import {createLocalGroqClient} from './helpers/groq-client.ts'

/**
 * Every schema rule of issue 2, run through Sanity's own validation (`validateDocument`, the function behind
 * `sanity documents validate`), with a groq-js client over the fixture documents so the rules that query
 * other documents run for real.
 */

type Doc = Record<string, unknown> & {_id: string; _type: string}
interface Marker {
  level: string
  path: Path
  message: string
  code: string
}

const schema = createSchema({name: 'default', types: schemaTypes})
const fixtures: Doc[] = readFileSync(new URL('fixtures/schema/documents.ndjson', import.meta.url), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Doc)

function fixture(id: string): Doc {
  const found = fixtures.find((document) => document._id === id)
  if (!found) throw new Error(`No fixture ${id}`)
  return structuredClone(found)
}

function asSanityDocument(document: Doc): SanityDocument {
  return {_createdAt: '2023-07-01T00:00:00Z', _updatedAt: '2023-07-01T00:00:00Z', _rev: 'fixture', ...document}
}

/** The dataset the client sees: the fixtures, with `document` in place of its stored version. */
function clientFor(document: Doc, extra: Doc[] = []) {
  return createLocalGroqClient([...fixtures.filter((other) => other._id !== document._id), ...extra, document])
}

async function validate(document: Doc, extra: Doc[] = []): Promise<Marker[]> {
  const client = clientFor(document, extra)
  const {markers} = await validateDocument({
    document: asSanityDocument(document),
    schema,
    client: client.asValidationClient(),
    getDocumentExists: client.getDocumentExists,
  })
  return markers.map(({level, path, message, code}) => ({level, path, message, code}))
}

/** Studio's environment: unlike the CLI it keeps the level of rules on object values (the slug). */
async function validateInStudio(document: Doc): Promise<Marker[]> {
  const client = clientFor(document)
  const markers = await validateDocumentWithWorkspace({
    document: asSanityDocument(document),
    workspace: {schema, getClient: () => client as unknown as SanityClient, i18n: getFallbackLocaleSource()},
    getDocumentExists: client.getDocumentExists,
    environment: 'studio',
  })
  return markers.map(({level, path, message, code}) => ({level, path, message, code}))
}

function withBody(blocks: unknown[]): Doc {
  return {...fixture('article.good'), body: blocks}
}

function heading(key: string, style: string) {
  return {
    _type: 'block',
    _key: key,
    style,
    markDefs: [],
    children: [{_type: 'span', _key: `${key}s`, text: 'A heading', marks: []}],
  }
}

function linkBlock(href: string) {
  return {
    _type: 'block',
    _key: 'p',
    style: 'normal',
    markDefs: [{_type: 'link', _key: 'l', href}],
    children: [{_type: 'span', _key: 's', text: 'a link', marks: ['l']}],
  }
}

function markerBlock(ref: string) {
  return {
    _type: 'block',
    _key: 'p',
    style: 'normal',
    markDefs: [],
    children: [
      {_type: 'span', _key: 's', text: 'A claim', marks: []},
      {_type: 'citationMarker', _key: 'm', citation: {_type: 'reference', _ref: ref}},
    ],
  }
}

describe('the fixture documents', () => {
  it.each(fixtures.map((document) => [document._id, document] as const))(
    '%s validates without any marker',
    async (_id, document) => {
      expect(await validate(document)).toEqual([])
    },
  )
})

describe('required fields', () => {
  const cases: Array<[id: string, field: string, message: string]> = [
    ['article.good', 'title', 'Give the article a title.'],
    ['article.good', 'summary', 'Write a short summary of the article.'],
    ['article.good', 'language', 'Set the language of the article, such as en.'],
    ['article.good', 'body', 'Write the body of the article.'],
    ['article.good', 'authors', 'Add at least one author.'],
    ['article.good', 'publishedAt', 'Set the date the article was first published.'],
    ['person.writer', 'name', 'Give the person’s name as it should appear in bylines.'],
    ['person.writer', 'roles', 'Choose at least one role: writer or medical reviewer.'],
    ['citation.journal', 'title', 'Give the title of the source.'],
    ['citation.journal', 'cslType', 'Choose what kind of source this is.'],
    ['review.good', 'article', 'Choose the article that was reviewed.'],
    ['review.good', 'reviewer', 'Choose the medical reviewer who signed off.'],
    ['review.good', 'reviewedOn', 'Set the date of the review.'],
    ['review.good', 'outcome', 'Choose the outcome: approved or changes requested.'],
    [
      'review.good',
      'contentHash',
      'A review must record the content hash of what was reviewed; use the Sign off review action.',
    ],
    ['settings', 'publisherName', 'Give the publisher’s name.'],
  ]
  it.each(cases)('%s without %s is an error at that field', async (id, field, message) => {
    const document = fixture(id)
    delete document[field]
    expect(await validate(document)).toEqual([{level: 'error', path: [field], message, code: 'value.required'}])
  })

  it('an article with an empty author list is an error at authors', async () => {
    expect(await validate({...fixture('article.good'), authors: []})).toEqual([
      {level: 'error', path: ['authors'], message: 'Add at least one author.', code: 'array.minimum-length'},
    ])
  })

  it('a missing slug is an error in Studio (the CLI reports rules on the slug object as warnings)', async () => {
    const document = fixture('article.good')
    delete document.slug
    const expected = {path: ['slug'], message: 'Generate a slug from the title.', code: 'value.required'}
    // Studio also shows Sanity's own "Required" on slug.current, from the slug type's built-in field rule.
    expect(await validateInStudio(document)).toEqual([
      {level: 'error', ...expected},
      {level: 'error', path: ['slug', 'current'], message: 'Required', code: 'value.required'},
    ])
    // Outside Studio, Sanity's downgrade to a warning also drops the custom message; slug.current stays an error.
    expect(await validate(document)).toEqual([
      {level: 'warning', path: ['slug'], message: 'Required', code: 'value.required'},
      {level: 'error', path: ['slug', 'current'], message: 'Required', code: 'value.required'},
    ])
  })
})

describe('slug-format', () => {
  const slugged = (current: string) => ({...fixture('article.good'), slug: {_type: 'slug', current}})

  it('accepts lowercase letters, digits and hyphens up to 96 characters', async () => {
    expect(await validateInStudio(slugged('infant-mental-health-0-to-3'))).toEqual([])
    expect(await validateInStudio(slugged('a'.repeat(96)))).toEqual([])
  })

  it('reports capitals, spaces and punctuation, naming them', async () => {
    expect(await validateInStudio(slugged('Infant mental_health'))).toEqual([
      {
        level: 'error',
        path: ['slug'],
        code: 'custom.slug-format',
        message:
          'The slug may only contain lowercase letters a–z, digits and hyphens; it contains capital “I”, spaces, “_”. Click “Generate” to rebuild it from the title, or fix it by hand.',
      },
    ])
  })

  it('reports a slug longer than 96 characters', async () => {
    expect(await validateInStudio(slugged('a'.repeat(97)))).toEqual([
      {
        level: 'error',
        path: ['slug'],
        code: 'custom.slug-format',
        message: 'The slug is 97 characters long; the limit is 96. Shorten it to a few key words.',
      },
    ])
  })

  it('reports stray hyphens and the names the export reserves, as the export would refuse them', async () => {
    for (const slug of ['-sleep', 'sleep-', 'sleep--basics']) {
      expect(await validateInStudio(slugged(slug)), slug).toEqual([
        {
          level: 'error',
          path: ['slug'],
          code: 'custom.slug-format',
          message:
            'The slug may not start or end with a hyphen or have two hyphens in a row. Click “Generate” to rebuild it from the title, or fix it by hand.',
        },
      ])
    }
    expect(await validateInStudio(slugged('lpt1'))).toEqual([
      {
        level: 'error',
        path: ['slug'],
        code: 'custom.slug-format',
        message:
          'The slug “lpt1” is a device name on Windows, where partners could not store the article. Choose another slug, for example by adding a word.',
      },
    ])
    expect(await validateInStudio(slugged('current'))).toEqual([
      {
        level: 'error',
        path: ['slug'],
        code: 'custom.slug-format',
        message:
          'The slug “current” is reserved for the publishing system. Choose another slug, for example by adding a word.',
      },
    ])
  })

  it('is reported by validateDocument too, as a warning (Sanity downgrades rules on object values outside Studio)', async () => {
    const markers = await validate(slugged('Bad Slug'))
    expect(markers.map(({level, path, code}) => ({level, path, code}))).toEqual([
      {level: 'warning', path: ['slug'], code: 'custom.slug-format'},
    ])
  })
})

describe('slug-unique', () => {
  it('ignores the article’s own draft, which shares its slug', async () => {
    expect(await validateInStudio(fixture('article.good'))).toEqual([])
  })

  it('reports a slug another article already uses, naming that article', async () => {
    const document = {...fixture('article.good'), slug: {_type: 'slug', current: 'sleep-basics'}}
    expect(await validateInStudio(document)).toEqual([
      {
        level: 'error',
        path: ['slug'],
        code: 'custom.slug-unique',
        message:
          'Another article already uses the slug “sleep-basics” (article.taken). Choose a different slug, for example by adding a word.',
      },
    ])
  })

  it('counts another article’s draft as a claim on the slug', async () => {
    const draft = {...fixture('article.taken'), _id: 'drafts.article.new', slug: {_type: 'slug', current: 'new-topic'}}
    const document = {...fixture('article.good'), slug: {_type: 'slug', current: 'new-topic'}}
    const client = clientFor(document, [draft])
    const markers = await validateDocumentWithWorkspace({
      document: asSanityDocument(document),
      workspace: {schema, getClient: () => client as unknown as SanityClient, i18n: getFallbackLocaleSource()},
      getDocumentExists: client.getDocumentExists,
      environment: 'studio',
    })
    expect(markers.map((marker) => marker.message)).toEqual([
      'Another article already uses the slug “new-topic” (article.new). Choose a different slug, for example by adding a word.',
    ])
  })
})

describe('summary-length', () => {
  const summarised = (length: number) => ({...fixture('article.good'), summary: 'a'.repeat(length)})

  it('accepts 160 characters', async () => {
    expect(await validate(summarised(160))).toEqual([])
  })

  it('warns above 160 characters', async () => {
    expect(await validate(summarised(161))).toEqual([
      {
        level: 'warning',
        path: ['summary'],
        code: 'custom.summary-length',
        message:
          'The summary is 161 characters long; search results and link previews cut it after about 160. Shorten it by 1 characters.',
      },
    ])
  })

  it('is an error above 300 characters (and not also a warning)', async () => {
    expect(await validate(summarised(301))).toEqual([
      {
        level: 'error',
        path: ['summary'],
        code: 'custom.summary-length',
        message:
          'The summary is 301 characters long, more than the 300 allowed. Cut it to one or two sentences of at most 160 characters.',
      },
    ])
  })
})

describe('heading-order', () => {
  it('accepts h2, h3, h4, then back to h2 and h3', async () => {
    const body = [heading('a', 'h2'), heading('b', 'h3'), heading('c', 'h4'), heading('d', 'h2'), heading('e', 'h3')]
    expect(await validate(withBody(body))).toEqual([])
  })

  it('reports an h4 straight after an h2 at that block’s style', async () => {
    expect(await validate(withBody([heading('a', 'h2'), heading('b', 'h4')]))).toEqual([
      {
        level: 'error',
        path: ['body', {_key: 'b'}, 'style'],
        code: 'custom.heading-order',
        message:
          'This Heading 4 comes straight after a Heading 2, skipping a level. Make it a Heading 3, or add a Heading 3 above it.',
      },
    ])
  })

  it('reports a first heading that is not an h2', async () => {
    expect(await validate(withBody([heading('a', 'h3'), heading('b', 'h4')]))).toEqual([
      {
        level: 'error',
        path: ['body', {_key: 'a'}, 'style'],
        code: 'custom.heading-order',
        message: 'The first heading of the body is a Heading 3; it must be a Heading 2. Change it to Heading 2.',
      },
    ])
  })
})

describe('link-url', () => {
  it.each([
    'https://www.cdc.gov/sleep/',
    'http://example.org/a?b=c&copy=2#d',
    'mailto:help@example.org',
    'tel:+18002738255',
    '/editorial-policy',
  ])('accepts %s', async (href) => {
    expect(await validate(withBody([linkBlock(href)]))).toEqual([])
  })

  const javascriptDisguises = [
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    'java\u200bscript:alert(1)',
    '\u0001\u001fjavascript:alert(1)',
    '&#106;avascript:alert(1)',
    '&#x6A;&#x61;vascript:alert(1)',
    '&#0000106&#0000097vascript:alert(1)',
    'javascript&colon;alert(1)',
    'jav&Tab;ascript:alert(1)',
    '&amp;#106;avascript:alert(1)',
  ]
  it.each(javascriptDisguises.map((href) => [JSON.stringify(href), href]))(
    'rejects %s as javascript:',
    async (_name, href) => {
      expect(await validate(withBody([linkBlock(href)]))).toEqual([
        {
          level: 'error',
          path: ['body', {_key: 'p'}, 'markDefs', {_key: 'l'}, 'href'],
          code: 'custom.link-url',
          message:
            'This link uses “javascript:”, which runs code or hides content instead of opening a page. Replace it with an https:// address, or remove the link.',
        },
      ])
    },
  )

  it.each([
    [
      'data:text/html;base64,PHNjcmlwdD4=',
      'This link uses “data:”, which runs code or hides content instead of opening a page. Replace it with an https:// address, or remove the link.',
    ],
    [
      'ftp://files.example.org/a.pdf',
      'Links cannot use “ftp:”. Use an https:// address, mailto: for email, tel: for a phone number, or a path on this site starting with /.',
    ],
    [
      'www.cdc.gov/sleep',
      'The link address must start with https:// (or http://, mailto:, tel:), or be a path on this site starting with /, such as /editorial-policy.',
    ],
    [
      '//evil.example/page',
      'The link address starts with “//” or a backslash, which leads to another website. Write the full address starting with https://.',
    ],
    [
      'https://user:secret@example.org/',
      'The web address contains a user name or password. Remove them from the link.',
    ],
    [
      'https&#58;//example.org/',
      'The link address contains HTML character codes (such as &amp; or &#58;). Paste the plain address from the browser instead.',
    ],
    [
      'https://example.org/?a=1&amp;b=2',
      'The link address contains HTML character codes (such as &amp; or &#58;). Paste the plain address from the browser instead.',
    ],
    ['mailto:nobody', '“mailto:nobody” is not a complete email link. Write it as mailto:name@example.org.'],
  ])('rejects %s', async (href, message) => {
    expect(await validate(withBody([linkBlock(href)]))).toEqual([
      {level: 'error', path: ['body', {_key: 'p'}, 'markDefs', {_key: 'l'}, 'href'], code: 'custom.link-url', message},
    ])
  })
})

describe('citation-exists', () => {
  const markerPath = ['body', {_key: 'p'}, 'children', {_key: 'm'}, 'citation']

  it('accepts a marker that cites a citation', async () => {
    expect(await validate(withBody([markerBlock('citation.journal')]))).toEqual([])
  })

  it('reports a marker whose citation does not exist (Sanity adds its own reference marker at the same path)', async () => {
    expect(await validate(withBody([markerBlock('citation.gone')]))).toEqual([
      {
        level: 'error',
        path: markerPath,
        code: 'custom.citation-exists',
        message:
          'This citation marker points to a source that does not exist or is not published (citation.gone). Publish the source, choose it again, or remove the marker.',
      },
      {
        level: 'error',
        path: markerPath,
        code: 'reference.not-published',
        message: 'Referenced document must be published',
      },
    ])
  })

  it('reports a marker that points to something other than a citation', async () => {
    expect(await validate(withBody([markerBlock('person.writer')]))).toEqual([
      {
        level: 'error',
        path: markerPath,
        code: 'custom.citation-exists',
        message:
          'This citation marker points to a person, not a citation. Choose the source again, or remove the marker.',
      },
    ])
  })
})

describe('identifiers', () => {
  const cited = (fields: Record<string, string>) => ({...fixture('citation.journal'), ...fields})

  it('accepts a DOI, a PMID and a PMCID in their usual forms', async () => {
    expect(await validate(cited({doi: '10.1542/peds.2016-2591', pmid: '1', pmcid: 'PMC123'}))).toEqual([])
  })

  it.each([
    ['doi', 'https://doi.org/10.1093/pch/21.5.239', 'Write the DOI without the prefix: 10.1093/pch/21.5.239'],
    [
      'doi',
      '10.10/short',
      '“10.10/short” is not a DOI. A DOI starts with 10., four or more digits and a slash, such as 10.1093/pch/21.5.239. Copy it from the article’s page, or leave the field empty.',
    ],
    [
      'pmid',
      '1234567890',
      '“1234567890” is not a PubMed id. A PMID is 1 to 9 digits, such as 27398055. Copy it from PubMed, or leave the field empty.',
    ],
    ['pmid', 'PMID: 27398055', 'Write only the digits of the PMID: 27398055'],
    ['pmcid', '4933077', 'Write PMC in front of the digits: PMC4933077.'],
    ['pmcid', 'pmc4933077', 'Write the PMCID as PMC4933077.'],
    [
      'pmcid',
      'PMC49a',
      '“PMC49a” is not a PubMed Central id. A PMCID is PMC followed by digits, such as PMC4933077. Copy it from PubMed Central, or leave the field empty.',
    ],
  ])('reports %s “%s”', async (field, value, message) => {
    expect(await validate(cited({[field]: value}))).toEqual([
      {level: 'error', path: [field], code: `custom.${field}-format`, message},
    ])
  })
})

describe('citation-url', () => {
  const cited = (url: string) => ({...fixture('citation.journal'), url})

  it('accepts an https address', async () => {
    expect(await validate(cited('https://www.who.int/news-room/fact-sheets/detail/hypertension'))).toEqual([])
  })

  it.each([
    [
      'javascript:alert(1)',
      'This link uses “javascript:”, which runs code or hides content instead of opening a page. ' +
        'Replace it with an https:// address, or remove the link.',
    ],
    [
      'ftp://example.org/paper.pdf',
      'A source’s address cannot use “ftp:”. Give the https:// address where readers can find the source.',
    ],
    [
      'www.who.int',
      '“www.who.int” is not a complete web address. ' +
        'Copy the source’s address from the browser’s address bar, starting with https://.',
    ],
  ])('reports “%s” in the shared rule’s words only (not Sanity’s generic message)', async (url, message) => {
    expect(await validate(cited(url))).toEqual([{level: 'error', path: ['url'], code: 'custom.citation-url', message}])
  })
})

describe('issued-format', () => {
  it.each(['2016', '2017-05', '2021-11-29', '2024-02-29'])('accepts %s', async (issued) => {
    expect(await validate({...fixture('citation.journal'), issued})).toEqual([])
  })

  it.each(['2017-13', '2021-02-30', '11/2019', '2019-5', 'n.d.'])('reports %s', async (issued) => {
    expect(await validate({...fixture('citation.journal'), issued})).toEqual([
      {
        level: 'error',
        path: ['issued'],
        code: 'custom.issued-format',
        message: `“${issued}” is not a date the reference list can use. Write the year (2016), the year and month (2017-05) or the full date (2021-11-29); leave it empty when the source has no date.`,
      },
    ])
  })
})

describe('dates', () => {
  it('accepts a last-edited date on the published date', async () => {
    expect(await validate({...fixture('article.good'), lastEditedAt: '2023-07-11'})).toEqual([])
  })

  it('reports a last-edited date before the published date at lastEditedAt', async () => {
    expect(await validate({...fixture('article.good'), lastEditedAt: '2023-07-10'})).toEqual([
      {
        level: 'error',
        path: ['lastEditedAt'],
        code: 'custom.date-order',
        message:
          'The last-edited date (2023-07-10) is before the published date (2023-07-11). Correct one of the two dates.',
      },
    ])
  })

  it('reports a date that is not a calendar date (next to Sanity’s own date check)', async () => {
    const markers = await validate({...fixture('article.good'), publishedAt: '2023-02-30'})
    expect(markers).toContainEqual({
      level: 'error',
      path: ['publishedAt'],
      code: 'custom.date-format',
      message:
        '“2023-02-30” is not a calendar date written as YYYY-MM-DD (such as 2023-07-11). Pick the date again with the date picker.',
    })
    expect(markers.every((marker) => marker.level === 'error' && marker.path[0] === 'publishedAt')).toBe(true)
  })

  it('reports a review dated in the future', async () => {
    expect(await validate({...fixture('review.good'), reviewedOn: '2999-01-01'})).toEqual([
      {
        level: 'error',
        path: ['reviewedOn'],
        code: 'custom.review-date-not-future',
        message: expect.stringMatching(
          /^The review date 2999-01-01 is in the future \(today is \d{4}-\d{2}-\d{2}\)\. Set the date on which the review actually took place\.$/,
        ),
      },
    ])
  })
})

describe('people', () => {
  it('reports an author without the writer role at that author', async () => {
    const document = {...fixture('article.good'), authors: [{_key: 'a1', _type: 'reference', _ref: 'person.reviewer'}]}
    expect(await validate(document)).toEqual([
      {
        level: 'error',
        path: ['authors', {_key: 'a1'}],
        code: 'custom.author-role',
        message:
          'Dr. Ravi Patel does not have the Writer role. Add Writer to their roles on their person page, or remove them from the authors.',
      },
    ])
  })

  it('accepts a reviewer with the role and credentials', async () => {
    expect(await validate(fixture('review.good'))).toEqual([])
  })

  it('reports a reviewer without the medical reviewer role', async () => {
    expect(await validate({...fixture('review.good'), reviewer: {_type: 'reference', _ref: 'person.writer'}})).toEqual([
      {
        level: 'error',
        path: ['reviewer'],
        code: 'custom.reviewer-qualified',
        message:
          'Maya Lind does not have the Medical reviewer role. Choose a medical reviewer, or add the role on their person page if they are one.',
      },
    ])
  })

  it('reports a reviewer without credentials', async () => {
    expect(
      await validate({
        ...fixture('review.good'),
        reviewer: {_type: 'reference', _ref: 'person.reviewer-uncredentialled'},
      }),
    ).toEqual([
      {
        level: 'error',
        path: ['reviewer'],
        code: 'custom.reviewer-qualified',
        message:
          'Sam Okafor has no credentials on their person page. Add them (such as MD or MA, LPCC) before they sign off reviews.',
      },
    ])
  })
})

describe('the Sanity adapter', () => {
  it('fetches each lookup once per validation, although the rule runs at three levels', async () => {
    const document = fixture('article.good')
    const client = clientFor(document)
    const queries: string[] = []
    const fetch = client.fetch
    client.fetch = <R>(query: string, params?: Record<string, unknown>) => {
      queries.push(query)
      return fetch<R>(query, params)
    }
    const {markers} = await validateDocument({
      document: asSanityDocument(document),
      schema,
      client: client.asValidationClient(),
      getDocumentExists: client.getDocumentExists,
    })
    expect(markers).toEqual([])
    // One for the authors, one for the body's citation markers, one for the slug.
    expect(queries.filter((query) => query.startsWith('*[_id in $ids]'))).toHaveLength(2)
    expect(queries.filter((query) => query.includes('slug.current == $slug'))).toHaveLength(1)
  })
})
