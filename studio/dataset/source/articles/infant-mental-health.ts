import {bullet, cite, h2, p, strong} from '../portable-text.ts'
import type {ArticleSpec, CitationSpec} from '../types.ts'

/**
 * The reference article, reproduced from `shared/articles/infant-mental-health.txt`. Text-extraction damage is
 * repaired (spaces lost where bold terms met the text: "disorderis", "butdo", "them.Also", "COVID-19?Retrieved");
 * everything else, including the source's own wording, is kept as published. The reference list gives no DOIs or
 * URLs (they were lost with the page's links), so none are invented here.
 */

const ACCESSED = '2023-05-19'

export const citations: CitationSpec[] = [
  {
    id: 'cdc-2021',
    cslType: 'webpage',
    organization: 'Centers for Disease Control and Prevention',
    title: 'Infants (0-1 years of age)',
    issued: '2021-11-29',
    accessed: ACCESSED,
    rawText:
      'Centers for Disease Control and Prevention. (2021, November 29). Infants (0-1 years of age). Retrieved May 19, 2023, from',
  },
  {
    id: 'duquesne-2020',
    cslType: 'webpage',
    organization: 'Duquesne University School of Nursing',
    title: 'Infant mental health guide for parents and healthcare providers',
    issued: '2020-10-26',
    accessed: ACCESSED,
    rawText:
      'Duquesne University School of Nursing. (2020, October 26). Infant mental health guide for parents and healthcare providers. Retrieved May 19, 2023, from',
  },
  {
    id: 'simpson-2016',
    cslType: 'article-journal',
    authors: [
      ['Simpson', 'T. E.'],
      ['Condon', 'E.'],
      ['Price', 'R. M.'],
      ['Finch', 'B. K.'],
      ['Sadler', 'L. S.'],
      ['Ordway', 'M. R.'],
    ],
    title: 'Demystifying infant mental health: what the primary care provider needs to know',
    containerTitle: 'Journal of Pediatric Health Care',
    containerTitleShort: 'J Pediatr Health Care',
    issued: '2016',
    volume: '30',
    issue: '1',
    pages: '38-48',
    accessed: ACCESSED,
    rawText:
      'Simpson, T. E., Condon, E., Price, R. M., Finch, B. K., Sadler, L. S., & Ordway, M. R. (2016). Demystifying infant mental health: What the primary care provider needs to know. Journal of Pediatric Health Care, 30(1), 38–48. Retrieved May 19, 2023, from',
  },
  {
    id: 'pha-2020',
    cslType: 'webpage',
    organization: 'Public Health Agency',
    title: 'What is infant mental health and why does it matter so much during COVID-19?',
    issued: '2020-05-01',
    accessed: ACCESSED,
    rawText:
      'Public Health Agency. (2020, May 1). What is infant mental health and why does it matter so much during COVID-19? Retrieved May 19, 2023, from',
  },
  {
    id: 'simpson-2014',
    cslType: 'article-journal',
    authors: [
      ['Simpson', 'E. A.'],
      ['Murray', 'L.'],
      ['Paukner', 'A.'],
      ['Ferrari', 'P. F.'],
    ],
    title:
      'The mirror neuron system as revealed through neonatal imitation: ' +
      'presence from birth, predictive power and evidence of plasticity',
    containerTitle: 'Philosophical Transactions of the Royal Society of London. Series B, Biological Sciences',
    containerTitleShort: 'Philos Trans R Soc Lond B Biol Sci',
    issued: '2014',
    volume: '369',
    issue: '1644',
    pages: '20130289',
    accessed: ACCESSED,
    rawText:
      'Simpson, E. A., Murray, L., Paukner, A., & Ferrari, P. F. (2014). The mirror neuron system as revealed through neonatal imitation: Presence from birth, predictive power and evidence of plasticity. Philosophical Transactions of the Royal Society of London. Series B, Biological Sciences, 369(1644), 20130289. Retrieved May 19, 2023, from',
  },
  {
    id: 'clinton-2016',
    cslType: 'article-journal',
    authors: [
      ['Clinton', 'J.'],
      ['Feller', 'A. F.'],
      ['Williams', 'R. C.'],
    ],
    title: 'The importance of infant mental health',
    containerTitle: 'Paediatrics & Child Health',
    containerTitleShort: 'Paediatr Child Health',
    issued: '2016',
    volume: '21',
    issue: '5',
    pages: '239-241',
    accessed: ACCESSED,
    rawText:
      'Clinton, J., Feller, A. F., & Williams, R. C. (2016). The importance of infant mental health. Paediatrics & Child Health, 21(5), 239–241. Retrieved May 19, 2023, from',
  },
  {
    id: 'hong-2012',
    cslType: 'article-journal',
    authors: [
      ['Hong', 'Y. R.'],
      ['Park', 'J. S.'],
    ],
    title: 'Impact of attachment, temperament and parenting on human development',
    containerTitle: 'Korean Journal of Pediatrics',
    containerTitleShort: 'Korean J Pediatr',
    issued: '2012',
    volume: '55',
    issue: '12',
    pages: '449-454',
    accessed: ACCESSED,
    rawText:
      'Hong, Y. R., & Park, J. S. (2012). Impact of attachment, temperament and parenting on human development. Korean Journal of Pediatrics, 55(12), 449–454. Retrieved May 19, 2023, from',
  },
  {
    id: 'penn-state-temperament',
    cslType: 'webpage',
    organization: 'Penn State Extension',
    title: 'Temperament – What is it?',
    accessed: ACCESSED,
    rawText: 'Penn State Extension. (n.d.). Temperament – What is it? Retrieved May 19, 2023, from',
  },
  {
    id: 'rch-melbourne-infants',
    cslType: 'webpage',
    organization: 'Royal Children’s Hospital Melbourne',
    title: 'Mental health – infants and young children',
    accessed: ACCESSED,
    rawText:
      'Royal Children’s Hospital Melbourne. (n.d.). Mental health – infants and young children. Retrieved May 19, 2023, from',
  },
  {
    id: 'cps-2017',
    cslType: 'webpage',
    organization: 'Canadian Paediatric Society',
    title: 'Your child’s mental health',
    issued: '2017-05',
    accessed: ACCESSED,
    rawText: 'Canadian Paediatric Society. (2017, May). Your child’s mental health. Retrieved May 19, 2023, from',
  },
]

export const infantMentalHealth: ArticleSpec = {
  slug: 'infant-mental-health',
  title: 'The importance of infant mental health',
  summary:
    'Why a baby’s first three years shape lifelong mental health, what affects it, the signs of poor infant mental health and how caregivers can help.',
  language: 'en',
  audience: 'caregivers',
  topics: ['mental health', 'infants', 'child development', 'parenting'],
  authors: ['sean-jackson'],
  publishedAt: '2023-07-11',
  lastEditedAt: '2023-09-22',
  createdAt: '2023-06-28T09:12:40Z',
  citations,
  body: [
    p(
      'Infancy, or the period from birth to about one year, is full of developmental milestones that have life-long effects.',
      cite('cdc-2021'),
      ' Infants experience rapid physical growth and brain development where they even begin to develop social relationships. Sometimes, these processes don’t proceed normally, making it crucial to identify signs of poor mental health so early interventions can be implemented.',
    ),

    h2('What is infant mental health?'),
    p(
      'While infancy is typically defined as the first year after birth, infant mental health usually has a much broader timeline. Infant mental health includes the first three years of life.',
      cite('duquesne-2020'),
      ' The brain develops more rapidly during this period than at any other time, making the infant’s experiences critically important to their mental health.',
    ),
    p(
      'The mental health of infants is related to their emotional and social development during this period. Mental health is determined by their ability to express emotions, appropriately react to others’ emotions, and their bonds with their caregivers.',
    ),
    p(
      'Furthermore, infant and childhood mental health relate to an infant’s ability to explore the world around them and learn from those experiences. Positive experiences during the first three years of development correlate with good mental health, while negative experiences (or the lack of positive experiences) correlate with mental health problems later in life.',
      cite('simpson-2016'),
    ),

    h2('Why is infant mental health important?'),
    p(
      'As mentioned earlier, brain development occurs on a much larger scale during infancy than at any other point. As a result, infants that grow up in a supportive environment are more likely to develop the emotional, social, and intellectual capacities required to meet the challenges of childhood, young adulthood, and beyond with success.',
    ),
    p(
      'Conversely, infants that grow up in a stressful, chaotic, or unsupportive environment are less likely to have the resiliency needed to meet life’s challenges head-on. In situations like this, the infant’s caregivers often have unmet needs of their own and are unable to give their child the proper attention they need for positive mental health.',
    ),
    p(
      'For example, studies show that mirror neurons in infants’ brains help them copy the behaviors of those around them. This process is especially important for the development of social connections with others.',
      cite('pha-2020'),
    ),
    p(
      'In a stimulus-filled environment with healthy interactions with caregivers, infants will learn to copy behaviors like facial expressions and physical interactions. Also, once language develops, infants will be able to speak to others in ways that strengthen relationships.',
    ),
    p(
      'But if an infant grows up in an environment without these features, they are less likely to exhibit appropriate social and emotional behaviors later in life. Motor development and cognition can also be negatively impacted.',
      cite('simpson-2014'),
    ),
    p(
      'This goes back to the earlier point about brain development. Since so much growth occurs during this period, early interventions can have a marked effect on the child’s social, emotional, cognitive, and physiological trajectory. Interventions later in life can also be effective. However, the impact of interventions, is far greater in infancy than in later childhood.',
      cite('clinton-2016'),
    ),

    h2('What affects infant mental health?'),
    p(
      'Mental health is often the result of many factors. However, during infancy, the external environment is most important. In fact, no other developmental stage is more dependent on external factors than infancy.',
      cite('clinton-2016'),
    ),
    p(
      'More specifically, infants’ attachment to their caregivers is paramount. For example, infants with a strong, stable, and responsive attachment to at least one caregiver have neural structures that enhance their mental health.',
      cite('clinton-2016'),
      ' This kind of secure attachment influences the child’s coping skills, including its ability to deal with stress in a healthy way and build strong relationships with others.',
      cite('duquesne-2020'),
    ),
    p(
      'A secure attachment with a caregiver can also be viewed as the foundation for all other healthy development. Securely attached infants are more likely to experience normal cognitive, motor, and physical development. Language development is also improved in children with secure attachments.',
      cite('simpson-2016'),
    ),
    p(
      'Infants are far more likely to experience mental health issues and other difficulties without a strong attachment to a caregiver. For example, infants without a secure attachment are more likely to experience social problems and school failures.',
      cite('clinton-2016'),
    ),
    p(
      'Likewise, stressors in the infant-caregiver dynamic, like violence, poverty, or simply being physically or emotionally absent, can result in neuronal pathways primed for reactivity. Without the security and comfort of a supportive relationship, infants are more likely to experience challenges later in life',
      cite('clinton-2016'),
      ', particularly anxiety disorders.',
      cite('hong-2012'),
    ),
    p(
      'The infant’s personality and temperament are other vital factors in early childhood mental health. These characteristics are with us from birth. Some infants are easygoing and adapt well to new situations. Other infants are difficult and have strong negative reactions to novel stimuli. Still, other infants might approach new situations with trepidation but warm up given the right approach from caregivers.',
    ),
    p(
      'These temperaments, first identified in the 1970s, don’t always fit with the child’s environment. That is, infant mental health issues often stem from a disconnect between their temperament and that of their caregiver.',
      cite('penn-state-temperament'),
    ),
    p(
      'For example, an infant with an easy temperament is likelier to have good mental health if their caregiver has the same temperament. The same goes for difficult and slow-to-warm-up infants – their caregivers should be of the same disposition and provide environments for learning that align with the child’s temperament.',
      cite('penn-state-temperament'),
    ),

    h2('Signs of poor infant mental health'),
    p(
      'As important as infant and early childhood mental health are, it can be challenging to identify signs of poor mental health. On the one hand, before language acquisition, infants can’t verbalize what’s wrong. Even when they can speak, infants often lack the complex language skills to articulate the problem.',
    ),
    p(
      'Nevertheless, there are several signs to look for as indicators of poor infant and early childhood mental health:',
      cite('duquesne-2020', 'rch-melbourne-infants'),
    ),
    bullet('Disrupted sleep patterns, such as consistently not sleeping well'),
    bullet('Loss of appetite'),
    bullet('Excessive clinginess'),
    bullet('Tantrums that involve hitting, kicking, biting, and other destructive behaviors'),
    bullet('Inability to calm down when upset'),
    bullet('Avoidance of seeking help with getting needs met'),
    bullet('Irritability and grumpiness'),
    bullet('Lack of interest in play'),
    bullet('Avoidance of eye contact'),
    p('These and other symptoms could indicate the early stages of common childhood mental disorders:'),
    bullet(
      strong('Autism spectrum disorder'),
      ' is characterized by socialization difficulties, the inability to process sensory information, and trouble understanding emotions.',
    ),
    bullet(
      strong('Attention deficit hyperactivity disorder'),
      ' (ADHD) includes impulsive behaviors, an inability to maintain attention on a task, and hyperactivity, like fidgeting and difficulty sitting still.',
    ),
    bullet(
      strong('Oppositional defiant disorder'),
      ' (ODD) includes argumentative behavior, irritability, and hostility toward authority figures.',
    ),
    bullet(
      strong('Conduct disorder'),
      ' is characterized by disruptive behavior, aggression toward others, and repeated violations of rules and norms.',
    ),

    h2('How to help your children’s mental health'),
    p(
      'As discussed earlier, children’s mental health depends largely on their environment. As such, it’s incumbent upon parents, guardians, and other caregivers to ensure children have the support they need to experience healthy growth and development. This can be done in various ways:',
      cite('cps-2017', 'clinton-2016'),
    ),
    bullet('Provide consistent, positive support in the context of a robust and healthy relationship with your child.'),
    bullet('Model appropriate behaviors and responses – act how you want your child to act.'),
    bullet('Be an open book – answer your child’s questions openly and honestly, especially about mental health.'),
    bullet('Ask your child questions about their life – be involved and be interested in what they do.'),
    bullet(
      'Listen to your child, not just to the words they say, but how they say them. Also tune into your child’s non-verbal behaviors as they might tell a different story than the words your child uses',
    ),
    bullet(
      'Provide assistance and guidance when needed but do so without taking over. This models how to handle adverse situations and builds confidence in doing so.',
    ),
    p(
      'Above all, be open to getting your child professional help. This is especially important if they exhibit symptoms of poor mental health for an extended period of time or if you suspect they might hurt themselves or others.',
    ),
  ],
}
