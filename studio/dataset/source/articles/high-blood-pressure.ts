import {bullet, cite, em, figure, h2, h3, h4, link, p, quote, strong} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

export const citations: CitationSpec[] = [
  {
    id: 'who-hypertension',
    cslType: 'webpage',
    organization: 'World Health Organization',
    title: 'Hypertension',
    containerTitle: 'Fact sheets',
    url: 'https://www.who.int/news-room/fact-sheets/detail/hypertension',
    accessed: '2025-11-24',
  },
  {
    id: 'aha-bp-readings',
    cslType: 'webpage',
    organization: 'American Heart Association',
    title: 'Understanding blood pressure readings',
    url: 'https://www.heart.org/en/health-topics/high-blood-pressure/understanding-blood-pressure-readings',
    accessed: '2025-11-24',
  },
  {
    id: 'he-2013',
    cslType: 'article-journal',
    authors: [
      ['He', 'F. J.'],
      ['Li', 'J.'],
      ['MacGregor', 'G. A.'],
    ],
    title:
      'Effect of longer term modest salt reduction on blood pressure: Cochrane systematic review and meta-analysis of randomised trials',
    containerTitle: 'BMJ',
    containerTitleShort: 'BMJ',
    issued: '2013',
    volume: '346',
    pages: 'f1325',
    doi: '10.1136/bmj.f1325',
    pmid: '23558162',
  },
]

/** Due soon as of 2026-11-26: reviewed 2025-12-15, so the next review falls on 2026-12-15. */
export const highBloodPressure: ArticleSpec = {
  slug: 'high-blood-pressure',
  title: 'High blood pressure: what the numbers mean',
  summary:
    'What blood pressure numbers mean, why high blood pressure often has no symptoms, and everyday changes that help bring it down.',
  language: 'en',
  audience: 'general-public',
  topics: ['heart health', 'blood pressure', 'prevention'],
  keyTakeaways: [
    'High blood pressure usually causes no symptoms, so the only way to know is to have it measured.',
    'A reading has two numbers: the pressure when the heart beats and the pressure between beats.',
    'Eating less salt, moving more, limiting alcohol and not smoking all help lower blood pressure.',
  ],
  safetyNotice:
    'Call your emergency number if your blood pressure is 180/120 mmHg or higher and you have chest pain, shortness of breath, back pain, numbness or weakness, a change in vision or difficulty speaking.',
  authors: ['priya-raman', 'lena-fischer'],
  publishedAt: '2024-11-20',
  lastEditedAt: '2025-12-01',
  createdAt: '2024-10-30T13:40:00Z',
  citations,
  leadImage: figure(
    'blood-pressure-bands',
    'A horizontal scale of the top blood pressure number in four coloured bands: green for normal, below 120; yellow for elevated, 120 to 129; orange for stage 1, 130 to 139; red for stage 2, 140 or higher. A marker points into the yellow band.',
    'Blood pressure categories for adults, by the top (systolic) number.',
  ),
  body: [
    p(
      'Blood pressure is the force of blood pushing against the walls of your arteries as your heart pumps. When it stays too high for a long time, it strains the heart and damages blood vessels, which raises the risk of heart attack, stroke and kidney disease.',
      cite('who-hypertension'),
    ),
    p(
      'High blood pressure, also called ',
      em('hypertension'),
      ', is very common. Many people who have it feel well and do not know they have it.',
      cite('who-hypertension'),
    ),

    h2('What the numbers mean'),
    p('A reading has two numbers, written like 120/80 mmHg (millimetres of mercury):'),
    bullet(strong('Systolic'), ' pressure, the top number, is the pressure in your arteries when your heart beats.'),
    bullet(strong('Diastolic'), ' pressure, the bottom number, is the pressure between beats, while your heart rests.'),

    h3('Blood pressure categories'),
    p('In the United States, readings in adults are grouped like this:', cite('aha-bp-readings')),
    bullet(strong('Normal:'), ' below 120 systolic and below 80 diastolic'),
    bullet(strong('Elevated:'), ' 120 to 129 systolic and below 80 diastolic'),
    bullet(strong('Stage 1 high blood pressure:'), ' 130 to 139 systolic or 80 to 89 diastolic'),
    bullet(strong('Stage 2 high blood pressure:'), ' 140 or higher systolic or 90 or higher diastolic'),
    p(
      'Many other countries diagnose high blood pressure from 140/90 mmHg.',
      cite('who-hypertension'),
      ' Your doctor will tell you which target is right for you.',
    ),

    h4('One reading is not a diagnosis'),
    p(
      'Blood pressure changes from minute to minute, with activity, stress and even talking. High blood pressure is diagnosed from readings taken on at least two different days.',
      cite('who-hypertension', 'aha-bp-readings'),
    ),

    h2('Why it often goes unnoticed'),
    quote(
      'High blood pressure is sometimes called a “silent killer”: it can damage the heart, brain and kidneys for years before it causes any symptoms.',
    ),
    p(
      'Very high blood pressure can cause headaches, blurred vision, chest pain or nosebleeds, but most people have no symptoms at all.',
      cite('who-hypertension'),
      ' The only reliable way to know your blood pressure is to have it measured.',
    ),

    h2('Lowering your blood pressure'),
    p('Everyday habits make a real difference:', cite('who-hypertension')),
    bullet(
      strong('Eat less salt.'),
      ' In a review of randomised trials, cutting salt by a modest amount for four weeks or more lowered blood pressure, and the fall was larger in people who already had high blood pressure.',
      cite('he-2013'),
    ),
    bullet(strong('Eat more vegetables and fruit.')),
    bullet(
      strong('Be active.'),
      ' Read ',
      link('/articles/physical-activity-adults', 'how much physical activity adults need'),
      '.',
    ),
    bullet(strong('Limit alcohol'), ' and do not smoke.'),
    bullet(strong('Keep to a healthy weight.')),
    p(
      'If these changes are not enough, medicines work well, and many people need more than one. Keep taking them even when you feel fine, and have your blood pressure checked as often as your doctor advises.',
      cite('who-hypertension'),
    ),
  ],
}
