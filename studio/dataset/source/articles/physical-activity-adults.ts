import {bullet, bullet2, cite, h2, numbered, p, strong} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

export const piercy2018: CitationSpec = {
  id: 'piercy-2018',
  cslType: 'article-journal',
  authors: [
    ['Piercy', 'K. L.'],
    ['Troiano', 'R. P.'],
    ['Ballard', 'R. M.'],
    ['Carlson', 'S. A.'],
    ['Fulton', 'J. E.'],
    ['Galuska', 'D. A.'],
    ['George', 'S. M.'],
    ['Olson', 'R. D.'],
  ],
  title: 'The Physical Activity Guidelines for Americans',
  containerTitle: 'JAMA',
  containerTitleShort: 'JAMA',
  issued: '2018-11-20',
  volume: '320',
  issue: '19',
  pages: '2020-2028',
  doi: '10.1001/jama.2018.14854',
  pmid: '30418471',
}

export const citations: CitationSpec[] = [
  {
    id: 'who-physical-activity-2020',
    cslType: 'report',
    organization: 'World Health Organization',
    title: 'WHO guidelines on physical activity and sedentary behaviour',
    issued: '2020',
    publisher: 'World Health Organization',
    url: 'https://www.who.int/publications/i/item/9789240015128',
    accessed: '2025-08-12',
  },
  piercy2018,
]

/** Overdue as of 2026-11-26: last reviewed 2025-08-20, due 2026-08-20. */
export const physicalActivityAdults: ArticleSpec = {
  slug: 'physical-activity-adults',
  title: 'How much physical activity do adults need?',
  summary:
    'The weekly activity targets for adults, how to tell moderate from vigorous activity, and how to build up safely if you are starting out.',
  language: 'en',
  audience: 'general-public',
  topics: ['physical activity', 'prevention', 'everyday health'],
  authors: ['sean-jackson'],
  publishedAt: '2024-08-05',
  lastEditedAt: '2025-08-14',
  createdAt: '2024-07-18T08:55:00Z',
  citations,
  body: [
    p(
      'Regular physical activity lowers the risk of heart disease, stroke, type 2 diabetes, several cancers and depression. It also helps people sleep better, think more clearly and stay independent as they grow older.',
      cite('who-physical-activity-2020', 'piercy-2018'),
    ),

    h2('The weekly targets'),
    p('Guidelines for adults aged 18 to 64 recommend:', cite('who-physical-activity-2020')),
    bullet('150 to 300 minutes of moderate-intensity aerobic activity a week, or'),
    bullet('75 to 150 minutes of vigorous-intensity aerobic activity a week, or an equivalent mix of the two, and'),
    bullet('muscle-strengthening activities that work all the major muscle groups on two or more days a week.'),
    p(
      'Doing more than this brings extra benefits. Doing less is still worth it: any amount of activity is better than none, and even short bouts count towards the total.',
      cite('who-physical-activity-2020', 'piercy-2018'),
    ),

    h2('Moderate or vigorous?'),
    p('The “talk test” is a simple way to tell how hard you are working:'),
    bullet(strong('Moderate'), ' activity makes you breathe faster, but you can still talk. For example:'),
    bullet2('brisk walking'),
    bullet2('cycling on level ground'),
    bullet2('dancing or water aerobics'),
    bullet(
      strong('Vigorous'),
      ' activity makes you breathe hard, and you cannot say more than a few words without pausing. For example:',
    ),
    bullet2('running or jogging'),
    bullet2('swimming fast lengths'),
    bullet2('cycling fast or uphill'),

    h2('Sit less'),
    p(
      'Long periods of sitting are linked with poorer health. Replacing some sitting time with activity of any intensity, even light activity such as standing up or walking slowly, brings benefits.',
      cite('who-physical-activity-2020'),
    ),

    h2('Getting started safely'),
    numbered('Start with what you can do now, such as a 10-minute walk, and add a few minutes each week.'),
    numbered('Choose activities you enjoy and that fit into your day, such as walking or cycling for short journeys.'),
    numbered(
      'Add strength exercises: climbing stairs, carrying shopping, gardening or body-weight exercises all count.',
    ),
    numbered(
      'From the age of 65, include activities that improve balance and strength on three or more days a week to help prevent falls.',
      cite('who-physical-activity-2020'),
    ),
    p(
      'People with long-term conditions or disabilities, and women who are pregnant or have recently given birth, also benefit from being active.',
      cite('who-physical-activity-2020'),
      ' If you have a heart condition or another health problem, ask your doctor or nurse which activities are right for you.',
    ),
  ],
}
