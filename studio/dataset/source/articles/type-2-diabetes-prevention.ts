import {bullet, cite, h2, h3, link, p, strong, type BlockSpec} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'
import {piercy2018} from './physical-activity-adults.ts'

export const citations: CitationSpec[] = [
  {
    id: 'who-diabetes',
    cslType: 'webpage',
    organization: 'World Health Organization',
    title: 'Diabetes',
    containerTitle: 'Fact sheets',
    url: 'https://www.who.int/news-room/fact-sheets/detail/diabetes',
    accessed: '2026-09-10',
  },
  {
    id: 'knowler-2002',
    cslType: 'article-journal',
    authors: [
      ['Knowler', 'W. C.'],
      ['Barrett-Connor', 'E.'],
      ['Fowler', 'S. E.'],
      ['Hamman', 'R. F.'],
      ['Lachin', 'J. M.'],
      ['Walker', 'E. A.'],
      ['Nathan', 'D. M.'],
    ],
    title: 'Reduction in the incidence of type 2 diabetes with lifestyle intervention or metformin',
    containerTitle: 'The New England Journal of Medicine',
    containerTitleShort: 'N Engl J Med',
    issued: '2002-02-07',
    volume: '346',
    issue: '6',
    pages: '393-403',
    doi: '10.1056/NEJMoa012512',
    pmid: '11832527',
    pmcid: 'PMC1370926',
  },
  piercy2018,
]

/**
 * Written twice: the version the medical reviewer approved on 2026-03-02, and the current one after the writer's
 * September 2026 edit (a worked weight-loss example and a paragraph on follow-up tests). The review's content
 * hash is of the earlier version, so as of 2026-11-26 the article is edited-since-review.
 */
function body(version: 'reviewed' | 'current'): BlockSpec[] {
  return [
    p(
      'Type 2 diabetes happens when the body cannot make or use insulin properly, so sugar (glucose) builds up in the blood. Over time, high blood sugar can damage the heart, blood vessels, eyes, kidneys and nerves.',
      cite('who-diabetes'),
    ),
    p(
      'Most type 2 diabetes is linked to excess body weight and too little physical activity, which means much of it can be prevented or delayed.',
      cite('who-diabetes'),
    ),

    h2('Are you at risk?'),
    p('Your risk is higher if you:'),
    bullet('are living with overweight or obesity, especially if you carry extra weight around your waist'),
    bullet('are not physically active'),
    bullet('have a parent, brother or sister with type 2 diabetes'),
    bullet('had diabetes during a pregnancy (gestational diabetes)'),
    bullet('are older: the risk rises with age'),
    p(
      'Many people have blood sugar that is higher than normal but not yet high enough to be diabetes. This is often called ',
      strong('prediabetes'),
      '. It usually causes no symptoms, so ask your doctor about a blood test if any of these risk factors apply to you.',
    ),

    h2('What works'),
    p(
      'A large trial followed more than 3,000 adults in the United States whose blood sugar was higher than normal.',
      cite('knowler-2002'),
      ' People in a lifestyle programme, who aimed to lose 7% of their body weight and to be active for at least 150 minutes a week, were 58% less likely to develop type 2 diabetes over about three years than people who took a placebo.',
      cite('knowler-2002'),
    ),
    p(
      'The diabetes medicine metformin also lowered the risk, by 31%, but the lifestyle programme worked better.',
      cite('knowler-2002'),
      ' Your doctor can tell you whether a medicine makes sense for you.',
    ),

    h3('Small steps that add up'),
    bullet(
      'Aim for at least 150 minutes of moderate activity, such as brisk walking, each week.',
      cite('piercy-2018'),
      ' See ',
      link('/articles/physical-activity-adults', 'how much physical activity adults need'),
      '.',
    ),
    version === 'reviewed'
      ? bullet('If you are overweight, losing even a small amount of weight helps.')
      : bullet(
          'If you are overweight, losing even a small amount of weight helps: for someone who weighs 90 kg, 7% is about 6 kg.',
        ),
    bullet('Drink water instead of sugary drinks.'),
    bullet('Eat more vegetables, pulses and whole grains.'),
    bullet('Do not smoke: smoking raises the risk of type 2 diabetes.', cite('who-diabetes')),
    ...(version === 'current'
      ? [
          p(
            'If you have prediabetes, ask how often your blood sugar should be checked. Regular tests show whether the changes you are making are working and catch diabetes early if it develops.',
          ),
        ]
      : []),
  ]
}

/** Edited since review as of 2026-11-26: approved 2026-03-02 on the earlier text, edited 2026-09-14. */
export const type2DiabetesPrevention: ArticleSpec = {
  slug: 'type-2-diabetes-prevention',
  title: 'Lowering your risk of type 2 diabetes',
  summary:
    'Who is at risk of type 2 diabetes, what prediabetes means, and how modest weight loss and regular activity can prevent or delay it.',
  language: 'en',
  audience: 'patients',
  topics: ['diabetes', 'prevention', 'physical activity'],
  keyTakeaways: [
    'Type 2 diabetes often develops slowly, and early on there may be no symptoms.',
    'In people with raised blood sugar, modest weight loss and regular activity cut the risk of diabetes by more than half.',
    'A simple blood test shows whether your blood sugar is higher than it should be.',
  ],
  authors: ['sean-jackson', 'lena-fischer'],
  publishedAt: '2025-03-10',
  lastEditedAt: '2026-09-14',
  createdAt: '2025-02-19T11:05:00Z',
  citations,
  body: body('current'),
}

export const type2DiabetesPreventionAsReviewed: Pick<ArticleSpec, 'title' | 'summary' | 'body' | 'safetyNotice'> = {
  title: type2DiabetesPrevention.title,
  summary: type2DiabetesPrevention.summary,
  body: body('reviewed'),
}
