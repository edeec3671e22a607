import {bullet, cite, code, h2, h3, link, numbered, numbered2, p} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

export const citations: CitationSpec[] = [
  {
    id: 'osterberg-2005',
    cslType: 'article-journal',
    authors: [
      ['Osterberg', 'L.'],
      ['Blaschke', 'T.'],
    ],
    title: 'Adherence to medication',
    containerTitle: 'The New England Journal of Medicine',
    containerTitleShort: 'N Engl J Med',
    issued: '2005-08-04',
    volume: '353',
    issue: '5',
    pages: '487-497',
    doi: '10.1056/NEJMra050100',
  },
  {
    id: 'who-medication-without-harm',
    cslType: 'webpage',
    organization: 'World Health Organization',
    title: 'Medication Without Harm',
    url: 'https://www.who.int/initiatives/medication-without-harm',
    accessed: '2026-01-28',
  },
]

/**
 * Current as of 2026-11-26 (approved 2026-02-10), but a later review on 2026-10-05 asked for changes: the
 * approval still stands, and the queue shows the open request.
 */
export const takingMedicinesSafely: ArticleSpec = {
  slug: 'taking-medicines-safely',
  title: 'Taking your medicines safely',
  summary:
    'Practical ways to take medicines as prescribed, avoid mix-ups and interactions, and know who to ask when something seems wrong.',
  language: 'en',
  audience: 'patients',
  topics: ['medicines', 'patient safety'],
  safetyNotice:
    'If you think someone has taken too much of a medicine, or taken a medicine that was not meant for them, contact your local poison centre or emergency number straight away, even if they seem well.',
  authors: ['lena-fischer'],
  publishedAt: '2025-02-17',
  lastEditedAt: '2026-02-03',
  createdAt: '2025-01-29T09:30:00Z',
  citations,
  body: [
    p(
      'Medicines work best when they are taken the right way. Yet about half of people with long-term conditions do not take their medicines as prescribed,',
      cite('osterberg-2005'),
      ' and avoidable mistakes with medicines harm people in every country.',
      cite('who-medication-without-harm'),
    ),

    h2('Know your medicines'),
    p(
      'Keep an up-to-date list of everything you take, including medicines bought without a prescription, vitamins and herbal remedies. For each one, write down:',
    ),
    numbered('its name and strength, as printed on the pack, for example ', code('amlodipine 5 mg')),
    numbered('what it is for'),
    numbered('how to take it:'),
    numbered2('how much, and how often'),
    numbered2('whether to take it with food or on an empty stomach'),
    numbered2('anything to avoid while taking it, such as alcohol'),
    numbered('who prescribed it, and when it should be reviewed'),
    p(
      'Labels sometimes use short Latin abbreviations: ',
      code('PRN'),
      ' means “as needed” and ',
      code('BID'),
      ' means twice a day. If anything on a label is unclear, ask your pharmacist before you take the medicine.',
    ),

    h2('Avoiding mix-ups and interactions'),
    bullet('Tell every doctor, dentist and pharmacist you see about all the medicines on your list.'),
    bullet(
      'Use the same pharmacy when you can, so that your pharmacist can check new medicines against the ones you already take.',
    ),
    bullet('Never take a medicine prescribed for someone else, and do not share yours.'),
    bullet(
      'Do not stop a medicine or change the dose on your own, even if you feel better or are worried about side effects. Talk to your doctor or pharmacist first.',
    ),

    h3('Remembering your doses'),
    p(
      'Simply forgetting is one of the most common reasons people miss doses.',
      cite('osterberg-2005'),
      ' It helps to link each dose to something you do every day, such as brushing your teeth, to use a pill organiser, or to set a reminder on your phone.',
    ),

    h2('Who to ask'),
    p(
      'Your pharmacist is an expert in medicines and can answer most questions without an appointment. In the United States, Poison Control is available day and night on ',
      link('tel:+18002221222', '1-800-222-1222'),
      '.',
    ),
    p(
      'The World Health Organization explains how health systems are working to reduce harm from medicines in its ',
      link('https://www.who.int/initiatives/medication-without-harm', 'Medication Without Harm programme'),
      '. To report a mistake in this article, ',
      link('mailto:editors@health.example.org', 'email our editors'),
      ' or read our ',
      link('/editorial-policy', 'editorial policy'),
      '.',
    ),
  ],
}
