import {bullet, cite, figure, h2, link, numbered, p} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

export const watson2015: CitationSpec = {
  id: 'watson-2015',
  cslType: 'article-journal',
  authors: [
    ['Watson', 'N. F.'],
    ['Badr', 'M. S.'],
    ['Belenky', 'G.'],
    ['Bliwise', 'D. L.'],
    ['Buxton', 'O. M.'],
    ['Buysse', 'D.'],
    ['Dinges', 'D. F.'],
    ['Gangwisch', 'J.'],
    ['Grandner', 'M. A.'],
    ['Kushida', 'C.'],
    ['Malhotra', 'R. K.'],
    ['Martin', 'J. L.'],
    ['Patel', 'S. R.'],
    ['Quan', 'S. F.'],
    ['Tasali', 'E.'],
  ],
  title:
    'Recommended amount of sleep for a healthy adult: ' +
    'a joint consensus statement of the American Academy of Sleep Medicine and Sleep Research Society',
  containerTitle: 'Sleep',
  containerTitleShort: 'Sleep',
  issued: '2015-06-01',
  volume: '38',
  issue: '6',
  pages: '843-844',
  doi: '10.5665/sleep.4716',
  pmid: '26039963',
  pmcid: 'PMC4434546',
}

export const cdcSleep: CitationSpec = {
  id: 'cdc-sleep',
  cslType: 'webpage',
  organization: 'Centers for Disease Control and Prevention',
  title: 'About sleep',
  url: 'https://www.cdc.gov/sleep/about/index.html',
  accessed: '2026-08-18',
}

export const citations: CitationSpec[] = [watson2015, cdcSleep]

/** Current as of 2026-11-26: reviewed 2026-09-01 by Priya Raman, who also writes (never her own articles). */
export const sleepAdults: ArticleSpec = {
  slug: 'sleep-adults',
  title: 'How much sleep do adults need?',
  summary:
    'Why adults need at least seven hours of sleep, what happens when you regularly get less, and simple habits that help you sleep better.',
  language: 'en',
  audience: 'general-public',
  topics: ['sleep', 'everyday health'],
  keyTakeaways: [
    'Most adults need 7 or more hours of sleep a night, night after night.',
    'Regularly sleeping less than 7 hours is linked with weight gain, diabetes, high blood pressure, heart disease, depression and accidents.',
    'A regular schedule, a dark and quiet bedroom, and less caffeine and alcohol in the evening all help.',
  ],
  authors: ['sean-jackson'],
  publishedAt: '2025-10-06',
  lastEditedAt: '2026-08-25',
  createdAt: '2025-09-15T14:10:00Z',
  citations,
  body: [
    p(
      'Sleep is not wasted time. While you sleep, your body repairs itself, your brain stores memories, and hormones that control appetite and growth are kept in balance.',
    ),

    h2('How much is enough?'),
    p(
      'Adults should sleep 7 or more hours a night on a regular basis for the best health.',
      cite('watson-2015'),
      ' Some people need more: young adults, people recovering from a period of short sleep, and people who are ill may benefit from more than 9 hours.',
      cite('watson-2015'),
    ),
    figure(
      'sleep-hours-by-age',
      'A bar chart of the hours of sleep recommended per day, falling with age: newborns 14 to 17, infants 12 to 16, toddlers 11 to 14, preschoolers 10 to 13, school-age children 9 to 12, teens 8 to 10, and adults 7 to 9, the same over 60.',
      'Children need more sleep than adults; from the late teens on, 7 to 9 hours a night is enough for most people.',
    ),
    p(
      'How you feel during the day is a useful guide. If you struggle to wake up without an alarm, need caffeine to get through the morning, or nod off in quiet moments such as reading or watching television, you are probably not getting enough sleep.',
    ),

    h2('When you regularly sleep too little'),
    p('Sleeping less than 7 hours a night on a regular basis is linked with:', cite('watson-2015')),
    bullet('weight gain and obesity'),
    bullet('diabetes'),
    bullet('high blood pressure, heart disease and stroke'),
    bullet('depression'),
    bullet('a weaker immune system, more pain, and more errors and accidents'),
    p('Drowsy driving is dangerous. If you feel sleepy at the wheel, stop somewhere safe and rest.'),

    h2('Habits that help'),
    p('These habits help many people sleep better:', cite('cdc-sleep')),
    numbered('Go to bed and get up at the same times every day, including at weekends.'),
    numbered('Keep your bedroom quiet, dark, relaxing and at a comfortable temperature.'),
    numbered('Keep screens such as televisions, computers and phones out of the bedroom.'),
    numbered('Avoid large meals, caffeine and alcohol before bedtime.'),
    numbered(
      'Be physically active during the day. Read ',
      link('/articles/physical-activity-adults', 'how much physical activity adults need'),
      '.',
    ),
    p(
      'If you cannot fall asleep after about 20 minutes, get up and do something calm in dim light, such as reading, and go back to bed when you feel sleepy. Lying awake and watching the clock tends to make sleeplessness worse.',
    ),

    h2('When to see a doctor'),
    p(
      'Talk to a doctor if you often have trouble falling or staying asleep, if you feel very sleepy during the day even after enough time in bed, or if someone notices that you snore loudly or stop breathing for short periods in your sleep. These can be signs of insomnia or sleep apnoea, and both can be treated.',
    ),
  ],
}
