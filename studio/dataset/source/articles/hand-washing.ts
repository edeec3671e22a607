import {bullet, bullet2, cite, em, figure, h2, h3, link, numbered, p, strong} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

export const cdcHandwashing: CitationSpec = {
  id: 'cdc-handwashing',
  cslType: 'webpage',
  organization: 'Centers for Disease Control and Prevention',
  title: 'About handwashing',
  containerTitle: 'Clean Hands',
  url: 'https://www.cdc.gov/clean-hands/about/index.html',
  accessed: '2026-05-20',
}

export const citations: CitationSpec[] = [
  cdcHandwashing,
  {
    id: 'aiello-2008',
    cslType: 'article-journal',
    authors: [
      ['Aiello', 'A. E.'],
      ['Coulborn', 'R. M.'],
      ['Perez', 'V.'],
      ['Larson', 'E. L.'],
    ],
    title: 'Effect of hand hygiene on infectious disease risk in the community setting: a meta-analysis',
    containerTitle: 'American Journal of Public Health',
    containerTitleShort: 'Am J Public Health',
    issued: '2008-08',
    volume: '98',
    issue: '8',
    pages: '1372-1381',
    doi: '10.2105/AJPH.2007.124610',
    pmid: '18556606',
    pmcid: 'PMC2446461',
  },
  {
    id: 'who-hand-hygiene-2009',
    cslType: 'report',
    organization: 'World Health Organization',
    title: 'WHO guidelines on hand hygiene in health care',
    issued: '2009',
    publisher: 'World Health Organization',
    url: 'https://www.who.int/publications/i/item/9789241597906',
    accessed: '2026-05-20',
  },
]

/** Current as of 2026-11-26: reviewed 2026-06-10. Its draft edit lives in `drafts.ts`. */
export const handWashing: ArticleSpec = {
  slug: 'hand-washing',
  title: 'Handwashing: when and how to clean your hands',
  summary:
    'When to wash your hands, how to do it well in about 20 seconds, and when an alcohol-based hand sanitizer is a good substitute.',
  language: 'en',
  audience: 'general-public',
  topics: ['infection prevention', 'hygiene', 'everyday health'],
  authors: ['lena-fischer'],
  publishedAt: '2024-04-15',
  lastEditedAt: '2026-05-28',
  createdAt: '2024-03-27T10:15:00Z',
  citations,
  safetyNotice:
    'Keep hand sanitizer away from young children and open flames. If a child swallows hand sanitizer, contact your local poison centre or emergency number straight away.',
  body: [
    p(
      'Clean hands are one of the simplest ways to avoid getting sick and to avoid passing germs on to other people. Germs on our hands get into food and drinks, onto shared surfaces, and into our bodies when we touch our eyes, nose or mouth.',
      cite('cdc-handwashing'),
    ),
    p(
      'Handwashing makes a measurable difference. In a review of 30 community studies, better hand hygiene cut stomach and gut infections by about a third and colds and other respiratory infections by about a fifth.',
      cite('aiello-2008'),
      ' Antibacterial soap added little benefit over plain soap.',
      cite('aiello-2008'),
    ),

    h2('When to wash your hands'),
    p('Wash your hands with soap and water at these times:', cite('cdc-handwashing')),
    bullet('before, during and after preparing food'),
    bullet('before eating'),
    bullet('after using the toilet or changing a nappy'),
    bullet('after blowing your nose, coughing or sneezing'),
    bullet('after touching an animal, its food or its waste'),
    bullet('after touching rubbish'),
    bullet('before and after caring for someone who is ill, and before and after treating a cut or wound'),

    h2('How to wash your hands'),
    p('Good handwashing takes five steps and about 20 seconds of scrubbing:', cite('cdc-handwashing')),
    numbered(strong('Wet'), ' your hands with clean running water, then apply soap.'),
    numbered(strong('Lather'), ' by rubbing your hands together. Make sure the lather reaches:'),
    bullet2('the backs of your hands'),
    bullet2('between your fingers'),
    bullet2('under your nails'),
    numbered(strong('Scrub'), ' for at least 20 seconds. Humming “Happy Birthday” twice takes about that long.'),
    numbered(strong('Rinse'), ' your hands well under clean running water.'),
    numbered(strong('Dry'), ' your hands with a clean towel or let them air dry.'),
    figure(
      'hand-washing-steps',
      'Five numbered boxes joined by arrows: 1, wet your hands and apply soap; 2, lather the backs, between the fingers and under the nails; 3, scrub for at least 20 seconds; 4, rinse under running water; 5, dry.',
      'The five steps of handwashing at a glance.',
    ),

    h2('When hand sanitizer is a good choice'),
    p(
      'If soap and water are not available, use an alcohol-based hand sanitizer that contains ',
      em('at least 60% alcohol'),
      '. Put enough on one palm to cover both hands, then rub all surfaces together until they feel dry.',
      cite('cdc-handwashing'),
    ),
    p(
      'Sanitizer does not work as well when your hands are visibly dirty or greasy, and it does not remove every kind of germ or harmful chemical. Wash with soap and water whenever you can.',
      cite('cdc-handwashing'),
    ),

    h3('In hospitals and clinics'),
    p(
      'Health workers clean their hands at five moments: before touching a patient, before a clean or sterile procedure, after any risk of contact with body fluids, after touching a patient, and after touching the things around a patient.',
      cite('who-hand-hygiene-2009'),
      ' It is fine to ask anyone caring for you whether they have cleaned their hands.',
    ),
    p(
      'Clean hands matter at home too when you handle medicines. Read ',
      link('/articles/taking-medicines-safely', 'our guide to taking medicines safely'),
      ' for more.',
    ),
  ],
}
